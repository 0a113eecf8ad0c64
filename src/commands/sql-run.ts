// The sql command's work, loaded only when it runs: find the mirror offline, run the one statement in
// the sandbox, write the rows in the asked format as they are read, and a count on stderr.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { globalsOf } from '../command-kit/globals.js';
import { readAllStdin } from '../command-kit/prompt.js';
import { assertStdoutOpen, writeData, writeText } from '../command-kit/output-stream.js';
import { findMirror } from '../command-kit/mirror-target.js';
import { TABLE_CHUNK_ROWS } from '../command-kit/entry-table-stream.js';
import type { EntryFormat } from '../render/output.js';
import { createSqlWriter } from '../render/sql-result.js';

export async function runSql(ctx: Context, statementArg: string, command: CommandUnknownOpts): Promise<void> {
  const globals = globalsOf(command, ctx);
  const opts = command.opts() as { output: EntryFormat; csvGuard: boolean };
  const statement = statementArg === '-' ? await readAllStdin(ctx.io) : statementArg;
  const { path } = await findMirror(ctx, globals);
  const { runSandboxedSql } = await import('../mirror/sql-sandbox.js');
  const style = { color: ctx.io.color, tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, zone: globals.tz, now: ctx.now() };
  const writer = createSqlWriter(opts.output, { guard: opts.csvGuard, style, chunkRows: TABLE_CHUNK_ROWS });
  // Each chunk waits for stdout to take it (backpressure); a reader that left (`| head`) ends the run
  // at once, quietly, like a closed pipe does everywhere else.
  const write = async (text: string) => {
    assertStdoutOpen(ctx.io);
    await (opts.output === 'table' ? writeText(ctx.io.stdout, text) : writeData(ctx.io, text));
  };
  // The header waits for the first rows, so an engine error before them leaves stdout empty.
  let head = '';
  const n = await runSandboxedSql(path, statement, ctx, {
    columns: async (names) => void (head = writer.begin(names)),
    rows: async (rows) => {
      await write(head + writer.rows(rows));
      head = '';
    },
  });
  await write(head + writer.end());
  if (!globals.quiet) {
    ctx.io.stderr.write(`${ctx.io.errColor.dim(`${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`)}\n`);
  }
}
