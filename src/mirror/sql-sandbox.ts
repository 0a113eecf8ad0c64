// `fibe-audit sql`: one statement, read-only, on the mirror and nothing else. The file is opened
// read-only; the views are created, the time zone fixed to UTC, then file and network access switched
// off and the configuration locked, so a statement cannot reach another file, a URL or an extension.
// Only a single SELECT runs; anything else is refused before it executes.
import { UsageError } from '../errors.js';
import { openMirrorDb, type Clock } from './engine.js';
import { createSqlViews } from './sql-views.js';
import { toSqlValue, type SqlValue } from './sql-values.js';

export interface SqlResult {
  columns: string[];
  rows: SqlValue[][];
}

/** The engine's message on one line, without the "Parser Error:"-style noise it adds after. */
function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n').map((l) => l.trim()).filter(Boolean).join(' ').slice(0, 500);
}

const HINT = 'sql runs one read-only SELECT (or WITH ... SELECT) on the views entries and keys';

export async function runSandboxedSql(path: string, statement: string, clock: Clock): Promise<SqlResult> {
  const db = await openMirrorDb(path, 'read', clock);
  try {
    const { connection, duckdb } = db;
    const catalog = (await connection.runAndReadAll('SELECT current_database()')).getRows()[0]?.[0];
    await connection.run(createSqlViews(String(catalog)));
    await connection.run("SET TimeZone = 'UTC'");
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
    if (statement.trim() === '') throw new UsageError('sql: the statement is empty', HINT);
    let prepared;
    try {
      const extracted = await connection.extractStatements(statement);
      if (extracted.count === 0) throw new UsageError('sql: the statement is empty', HINT);
      if (extracted.count > 1) throw new UsageError(`sql: ${extracted.count} statements given; one per call`, HINT);
      prepared = await extracted.prepare(0);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`sql: ${oneLine(err)}`, HINT);
    }
    const kind = duckdb.StatementType[prepared.statementType] ?? 'UNKNOWN';
    if (prepared.statementType !== duckdb.StatementType.SELECT) {
      throw new UsageError(`sql: only SELECT is allowed; this is a ${kind} statement`, HINT);
    }
    try {
      const result = await prepared.run();
      const columns = result.columnNames();
      const types = result.columnTypes();
      const rows: SqlValue[][] = [];
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        for (const row of chunk.getRows()) rows.push(row.map((v, i) => toSqlValue(v, types[i])));
      }
      return { columns, rows };
    } catch (err) {
      throw new UsageError(`sql: ${oneLine(err)}`, HINT);
    }
  } finally {
    db.close();
  }
}
