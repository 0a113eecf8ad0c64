// Picks where a command's entries come from: an export file when --file is given, else the API or
// the local mirror as --source says (the policy for auto and mirror is in mirror-policy.ts).
import type { Context } from '../context.js';
import type { GlobalOptions } from '../global-options.js';
import type { Session } from '../api/types.js';
import { createApiSource } from './api-source.js';
import { createFileSource } from './file-source.js';
import type { EntrySource } from './types.js';
import type { Window } from '../time/parse.js';

export interface OpenOptions {
  /** The window the command asks about: the mirror answers only when it covers it (--source auto). */
  window?: Window;
  /** Read this local export instead of the API. */
  file?: string;
  /** This command reads the API whatever --source says (query --follow tails the live log). */
  api?: boolean;
  /** An open API session to reuse (the caller closes it); else one is opened and closed with the source. */
  session?: Session;
  /** The answer must reach the window's end (export, report): no 60 s freshness rule for the mirror. */
  exact?: boolean;
}

export async function openSource(ctx: Context, globals: GlobalOptions, opts: OpenOptions = {}): Promise<EntrySource> {
  if (opts.file !== undefined) return createFileSource(ctx, opts.file);
  if (opts.session) return createApiSource(ctx, opts.session, false);
  const mode = opts.api ? 'api' : globals.source;
  if (mode === 'api') return createApiSource(ctx, await ctx.createApi(globals), true);
  const { chooseSource } = await import('./mirror-policy.js');
  return chooseSource(ctx, globals, mode, opts.window, opts.exact === true);
}
