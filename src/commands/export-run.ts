// The export command's work, loaded only when it runs: fix the window, read the filters, hand over to
// the export job (src/export/).
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { globalsOf } from '../command-kit/globals.js';
import { runExport } from '../export/run-export.js';
import { readFilters } from '../command-kit/filter-options.js';
import type { ExportFormat } from '../export/path-template.js';

export async function runExportCommand(ctx: Context, command: CommandUnknownOpts): Promise<void> {
  const globals = globalsOf(command, ctx);
  const opts = command.opts() as Record<string, unknown> & {
    out: string;
    format?: ExportFormat;
    partition?: 'day';
    force?: boolean;
    concurrency: number;
    manifest?: boolean;
    checkpoint?: string;
    resetCheckpoint?: boolean;
    csvGuard: boolean;
  };
  // The window's end is fixed now; without --since an export starts at the log's oldest entry.
  const now = ctx.now();
  const filters = readFilters(opts, { now, zone: globals.tz, defaultSince: null });
  await runExport(ctx, globals, filters, {
    out: opts.out,
    ...(opts.format !== undefined ? { format: opts.format } : {}),
    ...(opts.partition !== undefined ? { partition: opts.partition } : {}),
    force: Boolean(opts.force),
    concurrency: opts.concurrency,
    manifest: Boolean(opts.manifest),
    ...(opts.checkpoint !== undefined ? { checkpoint: opts.checkpoint } : {}),
    resetCheckpoint: Boolean(opts.resetCheckpoint),
    csvGuard: opts.csvGuard,
  }, now);
}
