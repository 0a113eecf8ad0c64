// The report command's work, loaded only when it runs: resolve the actor (with --actor), read every
// matching entry oldest first, build the report's data and write the HTML file atomically.
import { stat } from 'node:fs/promises';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { globalsOf } from '../command-kit/globals.js';
import { UsageError } from '../errors.js';
import type { Entry } from '../model/entry.js';
import { createActorSummary } from '../model/actor-summary.js';
import { redactSecrets } from '../config/mask.js';
import { assertTargetFree } from '../export/writer.js';
import { actorSummaryJson } from '../render/actor-report.js';
import { sanitizeLine } from '../text/sanitize.js';
import { formatWindow } from '../time/format.js';
import { VERSION } from '../version.js';
import { buildReport } from '../report/build-report.js';
import { REPORT_PAGE } from '../report/page-assets.js';
import type { DossierData, ReportScope } from '../report/report-data.js';
import { writeReport } from '../report/write-report.js';
import { readFilters } from '../command-kit/filter-options.js';
import { openSource } from '../source/open.js';
import { answeredWindow } from '../source/reach.js';
import { resolveActorTarget, type ActorTarget } from '../command-kit/actor-target.js';
import { buildActorReport } from '../command-kit/actor-dossier.js';
import { judgeScopesBy } from '../command-kit/scope-basis.js';

const count = (n: number) => n.toLocaleString('en-US');

async function fileSource(path: string): Promise<ReportScope['source']> {
  const modified = await stat(path).then((s) => s.mtime.toISOString(), () => null);
  return { kind: 'file', name: path, freshness: modified ? `export file, last modified ${modified}` : 'export file' };
}

export async function runReport(ctx: Context, command: CommandUnknownOpts): Promise<void> {
  const globals = globalsOf(command, ctx);
  const opts = command.opts() as Record<string, unknown> & { out: string; force?: boolean; file?: string; actor?: string[] };
  if ((opts.actor ?? []).length > 1) {
    throw new UsageError('--actor: a report is about one actor (its dossier): give --actor once', "to list several actors' entries use 'fibe-audit query --actor A --actor B'");
  }
  if (opts.out === '-') throw new UsageError('--out: a report is a file: give a path such as report.html');
  const now = ctx.now();
  const zone = globals.tz;
  const withActor = (opts.actor ?? []).length === 1;
  const filters = readFilters(opts, { now, zone, defaultSince: opts.file !== undefined ? null : withActor ? '30d' : '7d' });
  const force = Boolean(opts.force);
  // Refused before the first request; the commit refuses again should the file appear meanwhile.
  await assertTargetFree(opts.out, force, '--out');
  const notice = (line: string) => {
    if (!globals.quiet) ctx.io.stderr.write(`${ctx.io.errColor.dim(sanitizeLine(redactSecrets(line, [ctx.env.FIBE_API_KEY])))}\n`);
  };
  const source = await openSource(ctx, globals, opts.file !== undefined ? { file: opts.file } : { window: filters.window, exact: true });
  try {
    let target: ActorTarget | null = null;
    if (withActor) {
      target = await resolveActorTarget(filters.actors[0]!, source);
      filters.actors = [target.ref];
      // As `actor` does: Fibe API keys (Genies included) act through the api channel.
      if (target.isKey && filters.channel === undefined) filters.channel = 'api';
      for (const note of target.notes) notice(`note: ${note}`);
    }
    // A mirror that could not be topped up is read to its covered end: the hashed entries, and the
    // command that re-creates them, stop there.
    const answered = answeredWindow(source, filters.window);
    const read = source.read({ filters: { ...filters, window: answered }, order: 'asc', concurrency: 4 });
    const entries: Entry[] = [];
    const actorSummary = target ? createActorSummary({ zone, window: filters.window, keep: 0, order: 'asc' }) : null;
    for await (const run of read.batches) {
      for (const e of run) {
        entries.push(e);
        actorSummary?.add(e);
      }
    }
    let dossier: DossierData | null = null;
    if (target && actorSummary) {
      const summary = actorSummary.finish();
      // As `actor` does: scopes judged from all of the key's activity in the window, not the filtered part.
      const report = buildActorReport(target, summary, filters.window, await judgeScopesBy(source, filters, target.key, summary));
      dossier = { actor: report.actor, key: report.key as Record<string, unknown> | null, summary: actorSummaryJson(report), calledOut: summary.calledOut, notes: target.notes };
    }
    const data = await buildReport({
      entries,
      filters,
      zone,
      generatedAt: now,
      toolVersion: VERSION,
      source: source.session
        ? { kind: 'api', name: source.session.credentials.origin, freshness: `read from the API at ${now.toISOString()}` }
        : source.mirror
          ? { kind: 'mirror', name: source.mirror.path, freshness: `last synced ${source.mirror.lastSyncAt?.toISOString() ?? 'never (no sync completed)'}` }
          : await fileSource(opts.file as string),
      file: opts.file ?? null,
      answeredUntil: answered.end,
      dossier,
    });
    const written = await writeReport(opts.out, data, REPORT_PAGE, force);
    const windowText = formatWindow(filters.window.start, filters.window.end, zone);
    if (entries.length === 0) notice(`no entries match (${windowText}): the report says so`);
    notice(`wrote ${opts.out}: ${count(entries.length)} ${entries.length === 1 ? 'entry' : 'entries'}, ${count(Math.ceil(written.bytes / 1024))} KiB; ${windowText}`);
    notice(`SHA-256 of the entries as NDJSON: ${data.scope.sha256}`);
  } finally {
    await source.close();
  }
}
