// fibe-audit actor <ref>: one actor over a window (default 30 days): key record, activity figures from
// one pass over its entries, unused scopes for keys, and the recent entries (or all of them).
import { Option } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { examples, globalsOf, type Program } from '../program.js';
import { UsageError } from '../errors.js';
import { parseActorRef } from '../model/actor-ref.js';
import type { Actor } from '../model/entry.js';
import { createActorSummary, type ActorSummary } from '../model/actor-summary.js';
import { reviewScopes } from '../model/scopes.js';
import { formatWindow } from '../time/format.js';
import { ENTRY_FORMATS, createEntryWriter, type EntryFormat } from '../render/output.js';
import { renderActorJson, renderActorReport } from '../render/actor-report.js';
import { addFilterOptions, readFilters } from './filter-options.js';
import { positiveInt } from './parsers.js';
import { limitEntries, type LimitState } from './entry-limit.js';
import { openEntrySource } from './entry-source.js';
import { pipeEntries, writeText } from './output-stream.js';
import { offlineActorTarget, resolveActorTarget, type ActorTarget } from './actor-target.js';

const FULL_PASS_CONCURRENCY = 4;

/** `{kind, id, label}` of the report: the key record first (current truth), then the newest entry, then the ref. */
function actorOf(target: ActorTarget, summary: ActorSummary | null): Actor {
  const { ref, key } = target;
  const latest = summary?.latestActor ?? null;
  if (ref.kind === 'user') return { kind: 'user', id: Number(ref.value), label: latest?.label ?? null };
  if (ref.kind === 'automation') return { kind: 'automation', id: latest?.id ?? null, label: latest?.label ?? ref.value };
  const latestKind = latest && (latest.kind === 'api_key' || latest.kind === 'genie') ? latest.kind : null;
  const kind = key ? (key.agent_accessible === true ? 'genie' : 'api_key') : (latestKind ?? (ref.kind === 'genie' ? 'genie' : 'api_key'));
  const id = key?.id ?? (ref.by === 'id' ? Number(ref.value) : (latest?.id ?? null));
  const label = key?.label ?? latest?.label ?? (ref.by === 'label' ? ref.value : null);
  return { kind, id, label };
}

export function registerActor(program: Program, ctx: Context): void {
  const cmd = program
    .command('actor')
    .description('drill into one actor: key record, activity, per-day chart, destructive actions, unused key scopes')
    .argument('<ref>', 'user:<id>, key:<id>, key:<label>, genie:<key id or label>, automation:<name>, or key:<raw key> (matched locally, never sent)')
    .option('--limit <n>', 'recent entries to show', positiveInt(), 20)
    .option('--all', 'show every entry of the actor in the window')
    .addOption(new Option('-o, --output <format>', 'table (report), json ({actor, key, summary, entries}), ndjson or csv (entries)').choices(ENTRY_FORMATS).default('table' as EntryFormat))
    .option('--no-csv-guard', "don't prefix CSV cells starting with = + - @ with a quote")
    .option('--file <path>', 'read a local export (NDJSON, JSON array or CSV written by fibe-audit; .gz too) instead of the API');
  addFilterOptions(cmd, { sinceDefault: 'the last 30 days; with --file the whole file' });
  cmd.addHelpText(
    'after',
    examples([
      ['fibe-audit actor key:15', 'everything API key 15 did in the last 30 days, with its unused scopes'],
      ['fibe-audit actor key:"GitHub Actions CI" --since 7d --all', 'a key by label: every entry of the last week'],
      ['fibe-audit actor "key:$LEAKED_KEY"', 'which of your keys a leaked key string is, and what it did (matched locally)'],
      ['fibe-audit actor genie:triage-bot --action "*.destroyed"', 'what a Genie destroyed'],
      ['fibe-audit actor automation:Playguard -o json | jq .summary', 'the automation\'s figures as JSON'],
    ]),
  );
  cmd.action(async (refText, _opts, command) => {
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
    const session = opts.file === undefined ? await ctx.createApi(globals) : null;
    const notice = (line: string) => {
      if (!globals.quiet) ctx.io.stderr.write(`${ctx.io.errColor.dim(line)}\n`);
    };
    try {
      const target = session ? await resolveActorTarget(ref, session.http) : offlineActorTarget(ref);
      filters.actors = [target.ref];
      // Fibe API keys (Genies included) act through the api channel: the server narrows, the client re-checks.
      if (target.isKey && filters.channel === undefined) filters.channel = 'api';
      for (const note of target.notes) notice(`note: ${note}`);
      const streaming = opts.output === 'ndjson' || opts.output === 'csv';
      const source = await openEntrySource(ctx, globals, {
        filters,
        ...(session ? { session } : { file: opts.file as string }),
        order: 'desc',
        perPage: streaming && limit !== null ? Math.min(100, limit + 1) : 100,
        // The report reads every entry, so pages may be fetched ahead; a limited listing may stop early.
        concurrency: streaming && limit !== null ? 1 : FULL_PASS_CONCURRENCY,
        keys: target.keys,
      });
      const windowText = formatWindow(filters.window.start, filters.window.end, zone);
      const nothing = () => notice(`no activity for ${target.display} in the ${windowText}`);

      if (streaming) {
        const state: LimitState = { shown: 0, more: false };
        const writer = await createEntryWriter(opts.output as 'ndjson' | 'csv', { guard: opts.csvGuard });
        await pipeEntries(limitEntries(source.entries, limit, state), writer, ctx.io.stdout);
        if (state.shown === 0) nothing();
        else notice(`${state.shown} ${state.shown === 1 ? 'entry' : 'entries'}, newest first${state.more ? `; more match: raise --limit (now ${limit}) or use --all` : ''}; ${windowText}`);
        return;
      }

      const builder = createActorSummary({ zone, window: filters.window, keep: limit, order: 'desc' });
      for await (const e of source.entries) builder.add(e);
      const summary = builder.finish();
      const key = target.key;
      const report = {
        actor: actorOf(target, summary),
        key,
        isKey: target.isKey,
        summary,
        scopes: key && Array.isArray(key.scopes) ? reviewScopes(key.scopes.map(String), summary.byAction.map(([a]) => a)) : null,
        window: filters.window,
      };
      if (opts.output === 'json') {
        await writeText(ctx.io.stdout, renderActorJson(report));
      } else if (summary.total > 0 || key) {
        const style = { color: ctx.io.color, tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, zone, now };
        await writeText(ctx.io.stdout, renderActorReport(report, style));
      }
      if (summary.total === 0) nothing();
    } finally {
      await session?.http.close();
    }
  });
}
