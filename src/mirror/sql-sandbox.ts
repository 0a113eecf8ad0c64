// `fibe-audit sql`: one statement, read-only, on the mirror and nothing else. The file is opened
// read-only; the views are created, the time zone fixed to UTC, then file and network access switched
// off and the configuration locked, so a statement cannot reach another file, a URL or an extension.
// Only a single SELECT runs; anything else is refused by its parsed type before it is bound or run.
// Rows stream out chunk by chunk (the engine's own chunks, 2,048 rows) into a sink that writes them.
import { InterruptedError, UsageError } from '../errors.js';
import { openMirrorDb, type Clock } from './engine.js';
import { createSqlViews } from './sql-views.js';
import { SQL_HINT, oneLine, refuseNonSelect } from './sql-statement.js';
import { toSqlValue, type SqlValue } from './sql-values.js';

/** Where the rows go: the column names first, then each chunk as it is read (awaited: backpressure). */
export interface SqlSink {
  columns(names: string[]): Promise<void>;
  rows(rows: SqlValue[][]): Promise<void>;
}

/**
 * Runs the statement and feeds its rows to the sink; returns how many rows went out. The mirror stays
 * open (read-only, so a sync waits for it) only while rows are read. Ctrl-C interrupts the engine.
 */
export async function runSandboxedSql(path: string, statement: string, clock: Clock, sink: SqlSink): Promise<number> {
  if (statement.trim() === '') throw new UsageError('sql: the statement is empty', SQL_HINT);
  const db = await openMirrorDb(path, 'read', clock);
  const { connection, duckdb } = db;
  const interrupt = () => connection.interrupt();
  clock.signal?.addEventListener('abort', interrupt, { once: true });
  try {
    const catalog = (await connection.runAndReadAll('SELECT current_database()')).getRows()[0]?.[0];
    await connection.run(createSqlViews(String(catalog)));
    await connection.run("SET TimeZone = 'UTC'");
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
    await refuseNonSelect(connection, statement);
    let prepared;
    try {
      prepared = await (await connection.extractStatements(statement)).prepare(0);
    } catch (err) {
      throw new UsageError(`sql: ${oneLine(err)}`, SQL_HINT);
    }
    // The parser said SELECT; the binder must agree (a PIVOT, say, becomes a CREATE).
    if (prepared.statementType !== duckdb.StatementType.SELECT) {
      throw new UsageError(`sql: only SELECT is allowed, not ${duckdb.StatementType[prepared.statementType] ?? 'this statement'}`, SQL_HINT);
    }
    // Engine failures become one usage line; a sink's own (a closed pipe) go through untouched.
    const engine = async <T>(work: Promise<T>): Promise<T> => {
      try {
        return await work;
      } catch (err) {
        if (clock.signal?.aborted) throw new InterruptedError();
        throw new UsageError(`sql: ${oneLine(err)}`, SQL_HINT);
      }
    };
    let written = 0;
    const result = await engine(prepared.stream());
    const types = result.columnTypes();
    await sink.columns(result.columnNames());
    for (let chunk = await engine(result.fetchChunk()); chunk && chunk.rowCount > 0; chunk = await engine(result.fetchChunk())) {
      if (clock.signal?.aborted) throw new InterruptedError();
      await sink.rows(chunk.getRows().map((row) => row.map((v, i) => toSqlValue(v, types[i]))));
      written += chunk.rowCount;
    }
    if (clock.signal?.aborted) throw new InterruptedError();
    return written;
  } finally {
    clock.signal?.removeEventListener('abort', interrupt);
    db.close();
  }
}
