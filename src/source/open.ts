// Picks where a command's entries come from: an export file when --file is given, else the API.
import type { Context } from '../context.js';
import type { GlobalOptions } from '../global-options.js';
import type { Session } from '../api/types.js';
import { createApiSource } from './api-source.js';
import { createFileSource } from './file-source.js';
import type { EntrySource } from './types.js';

export interface OpenOptions {
  /** Read this local export instead of the API. */
  file?: string;
  /** An open API session to reuse (the caller closes it); else one is opened and closed with the source. */
  session?: Session;
}

export async function openSource(ctx: Context, globals: GlobalOptions, opts: OpenOptions = {}): Promise<EntrySource> {
  if (opts.file !== undefined) return createFileSource(ctx, opts.file);
  if (opts.session) return createApiSource(ctx, opts.session, false);
  return createApiSource(ctx, await ctx.createApi(globals), true);
}
