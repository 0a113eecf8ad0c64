// --source auto|mirror: whether the mirror answers. auto tops the mirror up first (skipped when what
// the mirror holds is complete to under a minute ago), answers from it when it covers the window and else from the API;
// a failed top-up still answers from the mirror, with one warning line. Loaded only when a source is
// opened without --source api, so API-only runs never load the mirror's code.
import type { Context } from '../context.js';
import type { GlobalOptions } from '../global-options.js';
import type { Session } from '../api/types.js';
import type { Window } from '../time/parse.js';
import { AuthError, InterruptedError, UsageError } from '../errors.js';
import { resolveCredentials, type ResolvedCredentials } from '../config/credentials.js';
import { formatAbsolute } from '../time/format.js';
import { sanitizeLine } from '../text/sanitize.js';
import { redactSecrets } from '../config/mask.js';
import { locateMirror, NO_MIRROR_HINT } from '../mirror/locate.js';
import { withMirror } from '../mirror/mirror-file.js';
import { readSyncState, type SyncState } from '../mirror/sync-state.js';
import { runSync } from '../mirror/sync.js';
import { createApiSource } from './api-source.js';
import { createMirrorSource } from './mirror-source.js';
import type { EntrySource } from './types.js';

/**
 * A mirror complete to this recently counts as now: no top-up, and it covers a window ending now.
 * Counted from covered.until (where the last sync's window ended, i.e. when it started), never from
 * when the sync finished: a long sync's data is as old as its start.
 */
export const FRESH_MS = 60_000;

/** `4 s`, `12 min`, `3 h`, `2 d`. */
export function describeAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7_200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3_600)} h`;
  return `${Math.round(s / 86_400)} d`;
}

/** Whether the mirror holds every entry of the window (as of its last completed sync), counting `toleranceMs` past it as held. */
export function coversWindow(state: SyncState | null, window: Window, toleranceMs = FRESH_MS): boolean {
  if (!state || state.coveredUntil === null) return false;
  const startOk = state.coveredFromStart || (window.start !== null && state.coveredSince !== null && state.coveredSince <= window.start);
  return startOk && window.end.getTime() <= state.coveredUntil.getTime() + toleranceMs;
}

function coveredText(state: SyncState | null, globals: GlobalOptions): string {
  const since = state?.coveredFromStart ? 'the beginning of the log' : state?.coveredSince ? formatAbsolute(state.coveredSince, globals.tz) : '?';
  const until = state?.coveredUntil ? formatAbsolute(state.coveredUntil, globals.tz) : 'no completed sync';
  return `${since} → ${until}`;
}

/** `synced 4 s ago`: the age of what the mirror holds (its covered end), the freshness that matters. */
function syncedAgo(ctx: Context, state: SyncState | null): string {
  return state?.coveredUntil ? `synced ${describeAge(ctx.now().getTime() - state.coveredUntil.getTime())} ago` : 'no sync completed yet';
}

async function credentialsOrNull(ctx: Context, globals: GlobalOptions): Promise<ResolvedCredentials | null> {
  try {
    return await resolveCredentials(ctx.env, globals);
  } catch (err) {
    if (err instanceof AuthError) return null;
    throw err;
  }
}

/**
 * `exact`: the answer must reach the window's end (an export, a report: evidence whose manifest or
 * hash names the window). The 60 s rule then does not apply: auto always tops the mirror up.
 */
export async function chooseSource(ctx: Context, globals: GlobalOptions, mode: 'auto' | 'mirror', window: Window | undefined, exact = false): Promise<EntrySource> {
  const offline = mode === 'mirror' || globals.mirror !== undefined;
  // auto without --mirror needs a key anyway (the API path would fail the same way, exit 4).
  const credentials = offline ? await credentialsOrNull(ctx, globals) : await resolveCredentials(ctx.env, globals);
  const located = await locateMirror(ctx, globals, credentials);
  if (!located) {
    if (mode === 'mirror') throw new UsageError("--source mirror: no mirror for this key's account", NO_MIRROR_HINT);
    return createApiSource(ctx, await ctx.createApi(globals), true);
  }
  const readState = () => withMirror(located.path, 'read', ctx, (s) => readSyncState(s.connection));
  let state = await readState();
  const say = (line: string) => {
    // Error text and paths reach the terminal: escaped, and never the key.
    if (!globals.quiet) ctx.io.stderr.write(`${sanitizeLine(redactSecrets(line, [ctx.env.FIBE_API_KEY]), false)}\n`);
  };
  let session: Session | null = null;
  let failure: unknown = null;
  const toleranceMs = exact ? 0 : FRESH_MS;
  const fresh = state?.coveredUntil != null && ctx.now().getTime() - state.coveredUntil.getTime() < toleranceMs;
  if (mode === 'auto' && credentials !== null && !fresh) {
    // A first sync that stopped part way is finished by the top-up: that may cost many requests.
    const finishing = state !== null && state.coveredUntil === null;
    if (finishing) say("note: the mirror's first sync stopped part way; finishing it before answering ('fibe-audit sync' shows its progress)");
    try {
      session = await ctx.createApi(globals);
      const synced = await runSync(ctx, { ...globals, quiet: true }, session, {
        since: null, overlapMs: 600_000, concurrency: 4, progress: false, lockWaitMs: 0,
        ...(globals.mirror !== undefined ? { mirrorPath: globals.mirror } : {}),
      });
      state = synced.state;
      if (finishing) say(`finished the mirror's first sync: ${synced.added.toLocaleString('en-US')} new entries, ${synced.requests.toLocaleString('en-US')} requests`);
    } catch (err) {
      if (err instanceof AuthError || err instanceof UsageError || err instanceof InterruptedError || ctx.signal.aborted) throw err;
      failure = err;
    }
  }
  const covered = window === undefined || coversWindow(state, window, toleranceMs);
  if (mode === 'auto' && failure === null && !covered && credentials !== null) {
    return createApiSource(ctx, session ?? (await ctx.createApi(globals)), true);
  }
  await session?.http.close();
  // A mirror whose first sync never completed covers no window: an empty answer would be a wrong one.
  if (failure !== null && state?.coveredUntil == null) throw failure;
  if (failure !== null) {
    const why = failure instanceof Error ? failure.message : String(failure);
    const range = covered ? '' : `; it covers ${coveredText(state, globals)}, less than the window`;
    say(`warning: could not top up the mirror (${why}); answering from it, ${syncedAgo(ctx, state)}${range}`);
  } else {
    say(`from the mirror, ${syncedAgo(ctx, state)}`);
    if (!covered) say(`note: the mirror covers ${coveredText(state, globals)}; the window reaches past it`);
  }
  return createMirrorSource(ctx, located.path, state?.lastSyncAt ?? null, state?.coveredUntil ?? null);
}
