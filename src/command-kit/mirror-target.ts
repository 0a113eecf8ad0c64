// Which mirror file a no-network command (mirror status|drop, sql) works on: --mirror, else the one
// the resolved key's last sync recorded. Credentials are only read locally, never sent.
import type { Context } from '../context.js';
import type { GlobalOptions } from '../global-options.js';
import { UsageError } from '../errors.js';
import { resolveCredentials } from '../config/credentials.js';
import { locateMirror, NO_MIRROR_HINT, type LocatedMirror } from '../mirror/locate.js';

export async function findMirror(ctx: Context, globals: GlobalOptions): Promise<LocatedMirror> {
  // A named mirror file needs no key at all: an offline investigation on another machine.
  const credentials = globals.mirror !== undefined ? await resolveCredentials(ctx.env, globals).catch(() => null) : await resolveCredentials(ctx.env, globals);
  const found = await locateMirror(ctx, globals, credentials);
  if (!found) throw new UsageError("no mirror for this key's account", NO_MIRROR_HINT);
  return found;
}
