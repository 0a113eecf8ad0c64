// Which statements `fibe-audit sql` runs: one SELECT (WITH, FROM-first, VALUES, DESCRIBE, SHOW and
// SUMMARIZE are SELECTs to the parser). The type is read from the parse alone, never the binder, so a
// refused statement is refused by name before anything resolves it (no internal names leak out).
import type { DuckDBConnection } from '@duckdb/node-api';
import { UsageError } from '../errors.js';

/** The engine's message on one line, without the "Parser Error:"-style noise it adds after. */
export function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n').map((l) => l.trim()).filter(Boolean).join(' ').slice(0, 500);
}

export const SQL_HINT = 'sql runs one read-only SELECT (or WITH ... SELECT) on the views entries and keys';

interface Serialized {
  error?: boolean;
  error_type?: string;
  error_message?: string;
  statements?: unknown[];
}

/** The statement's first keyword (`INSTALL`, `PRAGMA`), past comments and brackets; null for none. */
export function leadingKeyword(statement: string): string | null {
  const text = statement.replace(/^(\s|\(|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)+/, '');
  return /^[A-Za-z_]+/.exec(text)?.[0].toUpperCase() ?? null;
}

/** Words that begin a SELECT (or a statement whose kind only its tail tells): no name to refuse by. */
const SELECT_STARTS = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'DESCRIBE', 'DESC', 'SHOW', 'SUMMARIZE']);

/**
 * Refuses anything but exactly one SELECT: json_serialize_sql parses (and only parses) the text and
 * serialises nothing but SELECTs, so its answer names syntax errors and non-SELECTs without binding.
 */
export async function refuseNonSelect(connection: DuckDBConnection, statement: string): Promise<void> {
  let parsed: Serialized;
  try {
    const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)::VARCHAR', [statement]);
    parsed = JSON.parse(String(reader.getRows()[0]?.[0])) as Serialized;
  } catch (err) {
    throw new UsageError(`sql: ${oneLine(err)}`, SQL_HINT);
  }
  if (parsed.error) {
    if (!/only SELECT statements/i.test(parsed.error_message ?? '')) throw new UsageError(`sql: ${parsed.error_message ?? 'the statement cannot be read'}`, SQL_HINT);
    const word = leadingKeyword(statement);
    const kind = word !== null && !SELECT_STARTS.has(word) ? word : null;
    throw new UsageError(kind ? `sql: only SELECT is allowed, not ${kind}` : 'sql: only SELECT is allowed, and this statement is not one', SQL_HINT);
  }
  const count = parsed.statements?.length ?? 0;
  if (count === 0) throw new UsageError('sql: the statement is empty', SQL_HINT);
  if (count > 1) throw new UsageError(`sql: ${count} statements given; one per call`, SQL_HINT);
}
