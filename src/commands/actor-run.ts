// The actor command's work, loaded only when it runs: resolve the actor, read its entries once, and
// print the report (or stream the entries).
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { globalsOf } from '../command-kit/globals.js';
import { UsageError } from '../errors.js';
import { parseActorRef } from '../model/actor-ref.js';
import { createActorSummary } from '../model/actor-summary.js';
import { formatWindow } from '../time/format.js';
import { sanitizeLine } from '../text/sanitize.js';
import { redactSecrets } from '../config/mask.js';
import { createEntryWriter, type EntryFormat } from '../render/output.js';
import { renderActorJson, renderActorReport } from '../render/actor-report.js';
import { labelKeyActors } from '../command-kit/key-labels.js';
import { readFilters } from '../command-kit/filter-options.js';
import { limitEntries, pageSizeFor, type LimitState } from '../command-kit/entry-limit.js';
import { openSource } from '../source/open.js';
import { showReadProgress } from '../progress/read-progress.js';
import { eachEntry } from '../source/matching.js';
import { pipeEntries, writeData, writeText } from '../command-kit/output-stream.js';
import { resolveActorTarget } from '../command-kit/actor-target.js';
import { judgeScopesBy } from '../command-kit/scope-basis.js';
import { buildActorReport } from '../command-kit/actor-dossier.js';

const FULL_PASS_CONCURRENCY = 4;

export async function runActor(ctx: Context, refText: string, command: CommandUnknownOpts): Promise<void> {
  const globals = globalsOf(command, ctx);
  const opts = command.opts() as Record<string, unknown> & { limit: number; all?: boolean; output: EntryFormat; csvGuard: boolean; actor?: string[]; file?: string };
  if (opts.all && command.getOptionValueSource('limit') === 'cli') throw new UsageError('--all and --limit cannot be combined', 'use one of them');
  if ((opts.actor ?? []).length > 0) {
    throw new UsageError('--actor cannot be used with actor: give the actor as its <ref> argument', "to combine several actors use 'fibe-audit query --actor A --actor B'");
  }
  const ref = parseActorRef(refText);
  const now = ctx.now();
  const zone = globals.tz;
  const filters = readFilters(opts, { now, zone, defaultSince: opts.file !== undefined ? null : '30d' });
  const limit = opts.all ? null : opts.limit;
  const source = await openSource(ctx, globals, opts.file !== undefined ? { file: opts.file } : { window: filters.window });
  const streaming = opts.output === 'ndjson' || opts.output === 'csv';
  // A stream of entries onto the terminal would tangle with a spinner: progress only when stdout goes elsewhere.
  const progress = showReadProgress(ctx, {
    quiet: globals.quiet || (streaming && ctx.io.stdoutIsTTY),
    rate: () => source.session?.http.rateLimit ?? null,
  });
  const notice = (line: string) => {
    // Notes quote the ref from argv and key labels from the API: untrusted text, and maybe a pasted key.
    if (!globals.quiet) ctx.io.stderr.write(`${ctx.io.errColor.dim(sanitizeLine(redactSecrets(line, [ctx.env.FIBE_API_KEY])))}\n`);
  };
  try {
    const target = await resolveActorTarget(ref, source);
    filters.actors = [target.ref];
    // Fibe API keys (Genies included) act through the api channel: the server narrows, the client re-checks.
    if (target.isKey && filters.channel === undefined) filters.channel = 'api';
    for (const note of target.notes) notice(`note: ${note}`);
    const read = source.read({
      onProgress: progress.onProgress,
      filters,
      order: 'desc',
      perPage: pageSizeFor(filters, streaming ? limit : null),
      // The report reads every entry, so pages may be fetched ahead; a limited listing may stop early.
      concurrency: streaming && limit !== null ? 1 : FULL_PASS_CONCURRENCY,
    });
    const windowText = formatWindow(filters.window.start, filters.window.end, zone);
    const nothing = () => notice(`no activity for ${target.display} in the ${windowText}`);

    if (streaming) {
      const state: LimitState = { shown: 0, more: false };
      const writer = await createEntryWriter(opts.output as 'ndjson' | 'csv', { guard: opts.csvGuard });
      await pipeEntries(limitEntries(eachEntry(read.batches), limit, state), writer, ctx.io, opts.output as 'ndjson' | 'csv');
      if (state.shown === 0) nothing();
      else notice(`${state.shown} ${state.shown === 1 ? 'entry' : 'entries'}, newest first${state.more ? `; more match: raise --limit (now ${limit}) or use --all` : ''}; ${windowText}`);
      return;
    }

    const builder = createActorSummary({ zone, window: filters.window, keep: limit, order: 'desc' });
    // A source that can make the dossier itself (the mirror's engine) spares reading every entry.
    const digest = limit !== null ? await source.digestActor?.({ filters, zone, keep: limit }) : null;
    if (digest) builder.addDigest(digest);
    else for await (const run of read.batches) for (const e of run) builder.add(e);
    await progress.stop();
    const summary = builder.finish();
    const key = target.key;
    // Judged from all of the key's activity in the window (one more read when filters narrow the list).
    const basis = await judgeScopesBy(source, filters, key, summary);
    if (basis?.narrowed) notice(`note: filters narrow the entry list; the scope review uses all ${basis.total} entries of this key in the window`);
    const report = buildActorReport(target, summary, filters.window, basis);
    if (opts.output === 'json') {
      await writeData(ctx.io, renderActorJson(report));
    } else if (summary.total > 0 || key) {
      const style = { color: ctx.io.color, tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, zone, now };
      // Older-style entries name the key by id only: labelled for display as the query table does.
      const recent = await labelKeyActors(report.summary.recent, source);
      await writeText(ctx.io.stdout, renderActorReport({ ...report, summary: { ...report.summary, recent } }, style));
    }
    if (summary.total === 0) nothing();
  } finally {
    await progress.stop();
    await source.close();
  }
}
