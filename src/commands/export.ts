// fibe-audit export: every matching entry, oldest first, to an atomic file; incremental with --checkpoint.
// Only options live here; the work (export-run.ts, then src/export/) is loaded when the command runs.
import { Option } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { examples } from '../command-kit/examples.js';
import type { Program } from '../command-kit/registrar.js';
import { csvGuardOption } from '../command-kit/shared-options.js';
import { addFilterOptions } from '../command-kit/filter-options.js';
import { positiveInt } from '../command-kit/parsers.js';
import { EXPORT_FORMATS } from '../export/path-template.js';

export function registerExport(program: Program, ctx: Context): void {
  const cmd = program
    .command('export')
    .description('write every matching entry, oldest first, to a file (atomic; incremental with --checkpoint)')
    .requiredOption('--out <path>', 'output file, - for stdout; {date} and {datetime} (UTC) are replaced')
    .addOption(new Option('--format <format>', 'csv, json, ndjson or parquet (default: from the --out extension)').choices(EXPORT_FORMATS))
    .addOption(new Option('--partition <scheme>', 'parquet only: a Hive-partitioned lake under --out <dir>, one folder per UTC day').choices(['day'] as const))
    .option('--force', 'replace an existing output file (and manifest); with --checkpoint a taken name gets .1, .2 instead')
    .option('--concurrency <n>', 'parallel page requests (output stays in order)', positiveInt(16), 4)
    .option('--manifest', 'also write <out>.manifest.json: filters, window, count, SHA-256, completeness')
    .option('--checkpoint <file>', 'incremental runs: export only what came after the last run, then advance the file')
    .option('--reset-checkpoint', 'ignore the checkpoint (other filters, corrupt file) and start as a first run')
    .addOption(csvGuardOption());
  addFilterOptions(cmd, { sinceDefault: 'the whole log, from its oldest entry' });
  cmd.addHelpText(
    'after',
    examples([
      ['fibe-audit export --out audit.ndjson', 'a first full backup of the whole log'],
      ['fibe-audit export --checkpoint ~/.fibe-audit.ckpt --out audit-{date}.csv', 'nightly cron: only the new entries, one file per day'],
      ['fibe-audit export --actor-type genie --since 30d --out genies.json --manifest', 'a month of Genie activity with a SHA-256 manifest'],
      ['fibe-audit export --action "secret.*" --out - --format ndjson | jq .action', 'stream secret changes to another tool'],
      ['fibe-audit export --format parquet --partition day --checkpoint lake.ckpt --out ./lake', 'grow a Parquet lake for a warehouse, exactly once per entry'],
    ]),
  );
  cmd.action(async (_opts, command) => {
    const { runExportCommand } = await import('./export-run.js');
    await runExportCommand(ctx, command);
  });
}
