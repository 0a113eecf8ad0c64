// fibe-audit report: a self-contained HTML incident report of the matching entries (and, with one
// --actor, that actor's dossier). Only options and help live here; the work (report-run.ts, then
// src/report/ with the page) is loaded when the command runs.
import type { Context } from '../context.js';
import { examples } from '../command-kit/examples.js';
import type { Program } from '../command-kit/registrar.js';
import { fileOption } from '../command-kit/shared-options.js';
import { addFilterOptions } from '../command-kit/filter-options.js';

export function registerReport(program: Program, ctx: Context): void {
  const cmd = program
    .command('report')
    .description('write a self-contained HTML report: scope and SHA-256, timeline, top actors, destructive actions, every entry')
    .requiredOption('--out <file.html>', 'the HTML file to write (atomic, mode 0600; opens offline in any browser)')
    .option('--force', 'replace an existing --out file')
    .addOption(fileOption());
  addFilterOptions(cmd, { sinceDefault: 'the last 7 days, 30 with --actor; with --file the whole file' });
  cmd.addHelpText(
    'after',
    examples([
      ['fibe-audit report --since 24h --out incident.html', 'everything of the last day, to attach to a ticket'],
      ['fibe-audit report --actor key:15 --out key-15.html', "key 15's dossier and every entry of its last 30 days"],
      ['fibe-audit report --action "*.destroyed" --since 7d --out destroyed.html', 'what was destroyed this week, and by whom'],
      ['fibe-audit report --file audit.ndjson --actor-type genie --out genies.html', 'a report from an export, offline'],
    ]),
  );
  cmd.action(async (_opts, command) => {
    const { runReport } = await import('./report-run.js');
    await runReport(ctx, command);
  });
}
