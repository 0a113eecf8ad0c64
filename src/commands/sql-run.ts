// The sql command's work, loaded only when it runs: find the mirror offline, run the one statement in
// the sandbox, print the rows in the asked format and a count on stderr.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { globalsOf } from '../command-kit/globals.js';
import { readAllStdin } from '../command-kit/prompt.js';
import { writeData, writeText } from '../command-kit/output-stream.js';
import { findMirror } from '../command-kit/mirror-target.js';
import type { EntryFormat } from '../render/output.js';
import { renderSqlCsv, renderSqlJson, renderSqlNdjson, renderSqlTable } from '../render/sql-result.js';

export async function runSql(ctx: Context, statementArg: string, command: CommandUnknownOpts): Promise<void> {
  const globals = globalsOf(command, ctx);
  const opts = command.opts() as { output: EntryFormat; csvGuard: boolean };
  const statement = statementArg === '-' ? await readAllStdin(ctx.io) : statementArg;
  const { path } = await findMirror(ctx, globals);
  const { runSandboxedSql } = await import('../mirror/sql-sandbox.js');
  const result = await runSandboxedSql(path, statement, ctx);
  if (opts.output === 'json') await writeData(ctx.io, renderSqlJson(result));
  else if (opts.output === 'ndjson') await writeData(ctx.io, renderSqlNdjson(result));
  else if (opts.output === 'csv') await writeData(ctx.io, await renderSqlCsv(result, opts.csvGuard));
  else {
    const style = { color: ctx.io.color, tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, zone: globals.tz, now: ctx.now() };
    await writeText(ctx.io.stdout, renderSqlTable(result, style));
  }
  if (!globals.quiet) {
    const n = result.rows.length;
    ctx.io.stderr.write(`${ctx.io.errColor.dim(`${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`)}\n`);
  }
}
