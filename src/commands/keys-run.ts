// The keys command's work, loaded only when it runs: list the keys, walk the window's api entries once,
// count per key, print the inventory and a summary line.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { globalsOf } from '../command-kit/globals.js';
import { AuthError } from '../errors.js';
import type { Filters } from '../model/filter.js';
import type { ApiKeyRecord } from '../model/entry.js';
import { parseTimestamp, resolveWindow } from '../time/parse.js';
import { formatWindow } from '../time/format.js';
import { isExpired, renderKeysCsv, renderKeysJson, renderKeysTable, type KeyActivity } from '../render/keys-view.js';
import { openSource } from '../source/open.js';
import { showReadProgress } from '../progress/read-progress.js';
import { writeData, writeText } from '../command-kit/output-stream.js';
import type { ViewFormat } from '../render/output.js';

const count = (n: number) => n.toLocaleString('en-US');

export async function runKeys(ctx: Context, command: CommandUnknownOpts): Promise<void> {
  const globals = globalsOf(command, ctx);
  const opts = command.opts() as { since?: string; until?: string; output: ViewFormat; csvGuard: boolean };
  const now = ctx.now();
  const zone = globals.tz;
  const window = resolveWindow({
    ...(opts.since !== undefined ? { since: opts.since } : {}),
    ...(opts.until !== undefined ? { until: opts.until } : {}),
    now,
    zone,
    defaultSince: '30d',
  });
  const source = await openSource(ctx, globals, { window });
  const activity = new Map<string, { entries: number; last: { ms: number; at: string } | null }>();
  let keyEntries = 0;
  let keys: ApiKeyRecord[] = [];
  let requests = 0;
  const progress = showReadProgress(ctx, { quiet: globals.quiet, rate: () => source.session?.http.rateLimit ?? null });
  try {
    const listed = await source.keys();
    if (!listed) {
      throw new AuthError(
        'listing API keys needs the keys:manage scope, which this key lacks',
        "use a key holding keys:manage (or *); 'fibe-audit actor key:<id>' still shows a key's activity without it",
      );
    }
    keys = listed;
    // Fibe API keys act through the api channel; entries are re-checked client-side as well.
    const filters: Filters = { actions: [], actors: [], actorTypes: [], channel: 'api', window };
    const read = source.read({ filters, order: 'desc', concurrency: 4, onProgress: progress.onProgress });
    for await (const run of read.batches) for (const e of run) {
      if ((e.actor.kind !== 'api_key' && e.actor.kind !== 'genie') || e.actor.id === null) continue;
      keyEntries += 1;
      const id = String(e.actor.id);
      const ms = parseTimestamp(e.created_at);
      const a = activity.get(id) ?? { entries: 0, last: null };
      a.entries += 1;
      if (!Number.isNaN(ms) && (a.last === null || ms > a.last.ms)) a.last = { ms, at: e.created_at };
      activity.set(id, a);
    }
    requests = source.session?.http.requestCount ?? 0;
  } finally {
    await progress.stop();
    await source.close();
  }
  const rows: KeyActivity[] = keys.map((key) => {
    const a = activity.get(String(key.id));
    return { key, expired: isExpired(key, now), entries: a?.entries ?? 0, lastActivity: a?.last?.at ?? null };
  });
  if (opts.output === 'json') await writeData(ctx.io, renderKeysJson(rows));
  else if (opts.output === 'csv') await writeData(ctx.io, await renderKeysCsv(rows, opts.csvGuard));
  const table = opts.output === 'table' ? renderKeysTable(rows, { color: ctx.io.color, tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, zone, now }) : null;
  if (table) await writeText(ctx.io.stdout, table.text);
  if (globals.quiet) return;
  const c = ctx.io.errColor;
  if (table && table.hidden.length > 0 && rows.length > 0) {
    ctx.io.stderr.write(`${c.dim(`left out to fit ${ctx.io.columns} columns: ${table.hidden.join(', ')} (-o json has every field)`)}\n`);
  }
  const listed = rows.reduce((n, r) => n + r.entries, 0);
  const expired = rows.filter((r) => r.expired).length;
  let line = rows.length === 0 ? 'this account has no API keys' : `${count(rows.length)} ${rows.length === 1 ? 'key' : 'keys'}${expired > 0 ? ` (${expired} expired)` : ''}; ${count(listed)} entries through them in the window`;
  if (keyEntries > listed) line += `; ${count(keyEntries - listed)} more by keys no longer listed (deleted)`;
  ctx.io.stderr.write(`${c.dim(line)}\n${c.dim(formatWindow(window.start, window.end, zone))}\n`);
  // Every api-channel entry of the window is read to count each key's activity: on a busy account
  // that is a real share of the 5,000 requests an hour. Say so, with the way to make it free.
  if (requests >= COSTLY_READ) {
    ctx.io.stderr.write(`${c.dim(`that took ${count(requests)} API requests; after 'fibe-audit sync', keys answers from the local mirror with none`)}\n`);
  }
}

/** Requests from which keys mentions what it cost. */
const COSTLY_READ = 50;
