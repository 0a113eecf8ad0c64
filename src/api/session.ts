// Opens an authenticated API session: resolved credentials plus the HTTP client for their origin.
import type { Context, GlobalOptions } from '../context.js';
import { resolveCredentials } from '../config/credentials.js';
import { createHttpClient } from './http.js';
import type { Session } from './types.js';

export async function openApiSession(ctx: Context, globals: GlobalOptions): Promise<Session> {
  const credentials = await resolveCredentials(ctx.env, globals);
  const http = await createHttpClient(ctx, {
    origin: credentials.origin,
    apiKey: credentials.apiKey,
    verbose: globals.verbose,
    maxWaitMs: globals.maxWaitMs,
  });
  return { http, credentials };
}
