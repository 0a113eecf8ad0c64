// The sync command's work, loaded only when it runs: read the flags, run the sync, report it
// (one line on stderr, or the JSON object of SPEC.md on stdout).
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { globalsOf } from '../command-kit/globals.js';
import { parseTimeExpression } from '../time/parse.js';
import { formatAbsolute } from '../time/format.js';
import { runSync, type SyncResult } from '../mirror/sync.js';
import { describeBytes } from '../mirror/status.js';

const count = (n: number) => n.toLocaleString('en-US');
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function syncJson(r: SyncResult): string {
  const seconds = Math.round(r.elapsedMs) / 1000;
  return `${JSON.stringify({
    new: r.added, total: r.total, requests: r.requests, seconds, covered: { since: iso(r.coveredSince), until: iso(r.coveredUntil) }, path: r.path, bytes: r.bytes,
  })}\n`;
}

export async function runSyncCommand(ctx: Context, command: CommandUnknownOpts): Promise<void> {
  const globals = globalsOf(command, ctx);
  const opts = command.opts() as { since?: string; overlap: number; concurrency: number; output: 'text' | 'json' };
  const since = opts.since === undefined ? null : parseTimeExpression(opts.since, { flag: '--since', now: ctx.now(), zone: globals.tz });
  const session = await ctx.createApi(globals);
  try {
    const r = await runSync(ctx, globals, session, {
      since, overlapMs: opts.overlap, concurrency: opts.concurrency, progress: opts.output === 'text',
      ...(globals.mirror !== undefined ? { mirrorPath: globals.mirror } : {}),
    });
    if (opts.output === 'json') ctx.io.stdout.write(syncJson(r));
    if (globals.quiet) return;
    const range = r.oldest === null ? 'no entries yet' : `${formatAbsolute(r.oldest, globals.tz)} → ${formatAbsolute(r.newest ?? r.oldest, globals.tz)}`;
    ctx.io.stderr.write(
      `synced ${count(r.added)} new ${r.added === 1 ? 'entry' : 'entries'} in ${(r.elapsedMs / 1000).toFixed(1)} s, ${count(r.requests)} ${r.requests === 1 ? 'request' : 'requests'}; ` +
        `the mirror holds ${count(r.total)} entries (${range}), ${describeBytes(r.bytes)}: ${r.path}\n`,
    );
  } finally {
    await session.http.close();
  }
}
