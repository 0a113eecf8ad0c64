// Opens an authenticated API session: resolved credentials plus the HTTP client for their origin.
import type { HttpEnvironment } from './types.js';
import type { GlobalOptions } from '../global-options.js';
import { resolveCredentials } from '../config/credentials.js';
import { warnOnStderr } from '../config/credential-warnings.js';
import { createHttpClient } from './http.js';
import type { Session } from './types.js';

export async function openApiSession(ctx: HttpEnvironment, globals: GlobalOptions): Promise<Session> {
  const credentials = await resolveCredentials(ctx.env, globals, warnOnStderr(ctx));
  const http = await createHttpClient(ctx, {
    origin: credentials.origin,
    apiKey: credentials.apiKey,
    verbose: globals.verbose,
    maxWaitMs: globals.maxWaitMs,
    ...(globals.maxWaitText !== undefined ? { maxWaitText: globals.maxWaitText } : {}),
    quiet: globals.quiet,
    zone: globals.tz,
  });
  return { http, credentials };
}
