// The feed that hands lines to a running engine statement (src/mirror/line-feed.ts): through a named
// pipe and through the temporary-file fallback, every line arrives once and in order; an engine that
// fails, before or while reading, ends the feed with its own error instead of a hang; nothing is left behind.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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

/** The one file the feed made in `scratch`: a pipe is there at once, a file once its stream has opened it. */
async function madeIn(scratch: string): Promise<string> {
  for (let waited = 0; waited < 5000; waited += 10) {
    const [made] = readdirSync(scratch);
    if (made !== undefined) return join(scratch, made);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the feed made no file');
}

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
      if (i === 0) {
        // The way asked for is the way taken (a pipe is not silently a file).
        expect(lstatSync(await madeIn(scratch)).isFIFO()).toBe(pipe);
      }
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

  it('finish() after the engine failed between two writes rejects with its error (no wait for a stream that is gone)', async () => {
    const scratch = feedDir();
    const feed = await openLineFeed(connection, (path) => `SELECT count(CASE WHEN line LIKE '%boom%' THEN error('unreadable line: ' || line) END) FROM ${readLines(path)}`, { dir: scratch, pipe });
    // Under the feed's buffer: the write returns at once, and the engine fails while nothing is being written.
    await feed.write(`{"boom":1}\n${'{"n":1234567}\n'.repeat(200_000)}`);
    await new Promise((r) => setTimeout(r, 500));
    await expect(feed.finish()).rejects.toThrow(/unreadable line: \{"boom":1\}/);
    expect(readdirSync(scratch)).toEqual([]);
  });
});

describe('a line feed whose statement fails before it reads', () => {
  it('rejects at once instead of waiting for a reader that never comes', async () => {
    const scratch = feedDir();
    await expect(openLineFeed(connection, (path) => `SELECT * FROM no_such_table, ${readLines(path)}`, { dir: scratch })).rejects.toThrow(/no_such_table/);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('aborting interrupts a statement that would not end on its own, and removes the pipe', async () => {
    const scratch = feedDir();
    // Far more work than any test waits for once the lines end: only an interrupt ends it.
    const feed = await openLineFeed(connection, (path) => `SELECT sum(hash(line || r)) FROM ${readLines(path)}, range(1000000000000) t(r)`, { dir: scratch });
    await feed.write('{"n":1}\n'.repeat(10_000));
    // Let the engine take the lines (lines still buffered here would be dropped, and no lines make the join empty).
    await new Promise((r) => setTimeout(r, 300));
    await feed.abort();
    expect(readdirSync(scratch)).toEqual([]);
    // The connection is free for the next statement.
    expect((await connection.runAndReadAll('SELECT 42')).getRows()).toEqual([[42]]);
  });

  it('leaving the process while the engine waits on the pipe ends it (a second Ctrl-C must not hang)', async () => {
    const scratch = feedDir();
    const fixture = join(import.meta.dirname, 'fixtures', 'exit-mid-feed.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, scratch, join(dir, 'exit.parquet')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(130);
  }, 60_000);
});
