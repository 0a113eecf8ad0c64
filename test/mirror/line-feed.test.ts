// The feed that hands lines to a running engine statement (src/mirror/line-feed.ts): through a named
// pipe and through the temporary-file fallback, every line arrives once and in order; an engine that
// fails, before or while reading, ends the feed with its own error instead of a hang; nothing is left behind.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLineFeed } from '../../src/mirror/line-feed.js';
import { sqlString } from '../../src/mirror/sql-text.js';

const dir = mkdtempSync(join(tmpdir(), 'fibe-audit-feed-test-'));
let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

/** A private directory for one feed; what is left in it afterwards is what the feed failed to remove. */
const feedDir = () => mkdtempSync(join(dir, 'feed-'));

/** Lines as the CSV reader takes them: one column, split at U+0001 only (never present here). */
const readLines = (path: string) => `read_csv(${sqlString(path)}, delim = '\u0001', quote = '', escape = '', header = false, columns = {line: 'VARCHAR'})`;

describe.each([
  ['a named pipe', true],
  ['a temporary file', false],
])('a line feed through %s', (_name, pipe) => {
  it('hands every line to the statement once, in order, while it runs', async () => {
    const out = join(dir, `out-${pipe}.parquet`);
    const scratch = feedDir();
    const feed = await openLineFeed(connection, (path) => `COPY (SELECT line FROM ${readLines(path)}) TO ${sqlString(out)} (FORMAT parquet)`, { dir: scratch, pipe });
    const total = 60_000;
    for (let i = 0; i < total; i += 1000) {
      // Chunks of about 70 KB: more than a pipe holds, so the writer has to wait for the reader.
      await feed.write(Array.from({ length: 1000 }, (_, j) => `{"n":${i + j},"pad":"${'x'.repeat(60)}"}\n`).join(''));
    }
    await feed.finish();
    const rows = (await connection.runAndReadAll(`SELECT line::JSON->>'$.n' FROM read_parquet(${sqlString(out)})`)).getRows();
    expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(readdirSync(scratch)).toEqual([]);
  });

  it("ends with the engine's own error when a line cannot be read, and leaves nothing behind", async () => {
    const scratch = feedDir();
    const feed = await openLineFeed(connection, (path) => `SELECT count(CASE WHEN line LIKE '%boom%' THEN error('unreadable line: ' || line) END) FROM ${readLines(path)}`, { dir: scratch, pipe });
    let failure: unknown;
    try {
      for (let i = 0; i < 200 && failure === undefined; i++) {
        await feed.write(`${i === 5 ? '{"boom":1}' : `{"n":${i}}`}\n`.repeat(2000));
      }
      await feed.finish();
    } catch (err) {
      failure = err;
    }
    expect(String(failure)).toMatch(/unreadable line: \{"boom":1\}/);
    await feed.abort();
    expect(readdirSync(scratch)).toEqual([]);
  });
});

describe('a line feed whose statement fails before it reads', () => {
  it('rejects at once instead of waiting for a reader that never comes', async () => {
    const scratch = feedDir();
    const started = Date.now();
    await expect(openLineFeed(connection, (path) => `SELECT * FROM no_such_table, ${readLines(path)}`, { dir: scratch })).rejects.toThrow(/no_such_table/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('aborting a running statement removes the pipe and stops the engine', async () => {
    const scratch = feedDir();
    const out = join(dir, 'aborted.parquet');
    const feed = await openLineFeed(connection, (path) => `COPY (SELECT line FROM ${readLines(path)}) TO ${sqlString(out)} (FORMAT parquet)`, { dir: scratch });
    await feed.write('{"n":1}\n'.repeat(10_000));
    await feed.abort();
    expect(readdirSync(scratch)).toEqual([]);
    // The connection is free for the next statement.
    expect((await connection.runAndReadAll('SELECT 42')).getRows()).toEqual([[42]]);
  });
});
