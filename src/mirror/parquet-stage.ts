// Parquet files of audit entries staged first (a lake, or entries partly copied in bulk from the
// mirror): rows are loaded into a scratch engine (parquet-engine.ts) as entry lines or from a bulk
// file, then written out one file at a time in (created_at, id) order. What a run wrote (counts,
// first and last, the newest instant) is read back here.
import { appendFileSync, writeFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { entryLinesQuery, type ParquetColumn } from './parquet-lines.js';
import { openScratchEngine, PARQUET_FILE_OPTIONS } from './parquet-engine.js';
import { sqlString } from './sql-text.js';

export interface StagedMark {
  id: number | null;
  createdText: string | null;
}

export interface StageSummary {
  count: number;
  first: StagedMark | null;
  last: StagedMark | null;
  /** Ids of the rows at the newest created_at (what a checkpoint needs to resume exactly once). */
  idsAtNewest: number[];
}

export interface StagedPartition {
  partition: string | null;
  rows: number;
  firstId: number | null;
  lastId: number | null;
}


export interface ParquetStage {
  /** The private directory the stage keeps its files in (a bulk copy may be written there too). */
  readonly dir: string;
  /** Whole entry lines (parquet-lines.ts), each ending in a newline, in (created_at, id) order. */
  append(lines: string): Promise<void>;
  /** Adds the rows of a Parquet file laid out as the stage is (its columns, then partition and createdText). */
  importParquet(path: string): Promise<void>;
  summary(): Promise<StageSummary>;
  /** Ids of the rows stamped at or after epoch ms `fromMs` (a checkpoint's overlap: few rows). */
  idsFrom(fromMs: number): Promise<number[]>;
  partitions(): Promise<StagedPartition[]>;
  /** Writes the staged rows of one partition (undefined: all of them; null: those without one). */
  writeFile(path: string, partition?: string | null): Promise<void>;
  close(): Promise<void>;
}

const ORDER = 'ORDER BY created_at, id';
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

// Rows reach the engine as entry lines its CSV reader types, many at a time: one call per value
// through the driver's appender costs several times more than the text does.
const FLUSH_BYTES = 8 * 1024 * 1024;

async function rows(connection: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await connection.runAndReadAll(sql)).getRows();
}

/** `columns` (as the entry lines give them) must include `id` and `created_at`. */
export async function openParquetStage(columns: readonly ParquetColumn[], dir: string): Promise<ParquetStage> {
  // Column names come from the caller's fixed schema (SPEC's CSV columns), never from user input.
  const columnList = columns.map((c) => c.name).join(', ');
  // Two threads: loads of whole files and the sorts and copies of a lake run in parallel; the table
  // spills to disk past the limit.
  const engine = await openScratchEngine({ threads: 2, memoryLimit: '512MB', dir });
  const connection = engine.connection;
  // Lines go to one file while the engine loads the previous one on its own threads: the two
  // overlap, and loads run one after another, so rows keep the order they were appended in.
  const linesPaths = [`${engine.prefix}.0.lines.tmp`, `${engine.prefix}.1.lines.tmp`];
  let current = 0;
  let pending: string[] = [];
  let pendingBytes = 0;
  let written = 0;
  let loading: Promise<unknown> = Promise.resolve();
  let sorted = false;
  /** Rows imported in bulk arrive in their own order: files are then sorted when written. */
  let inOrder = true;
  const writePending = () => {
    if (pending.length === 0) return;
    appendFileSync(linesPaths[current] as string, pending.join(''), { mode: 0o600 });
    written += pendingBytes;
    pending = [];
    pendingBytes = 0;
  };
  const startLoad = async () => {
    writePending();
    if (written === 0) return;
    const file = linesPaths[current] as string;
    await loading;
    loading = connection
      .run(`INSERT INTO stage SELECT ${columnList}, fibe_partition, fibe_created_text FROM (${entryLinesQuery(file, columns)})`)
      .then(() => writeFileSync(file, ''));
    // Awaited by the next load or the flush; marked handled so a failure in between is not fatal.
    loading.catch(() => undefined);
    current = 1 - current;
    written = 0;
  };
  const flush = async () => {
    await startLoad();
    await loading;
  };
  const cleanup = async () => {
    await loading.catch(() => undefined);
    await engine.close(linesPaths);
  };
  try {
    await connection.run(`CREATE TABLE stage (${columns.map((c) => `${c.name} ${c.type}`).join(', ')}, fibe_partition VARCHAR, fibe_created_text VARCHAR)`);
  } catch (err) {
    await cleanup();
    throw err;
  }
  const conn = connection;
  return {
    dir,
    async append(lines) {
      pending.push(lines);
      pendingBytes += lines.length;
      if (pendingBytes >= FLUSH_BYTES) writePending();
      if (written >= 8 * FLUSH_BYTES) await startLoad();
    },
    async importParquet(path) {
      await flush();
      inOrder = false;
      await conn.run(`INSERT INTO stage SELECT * FROM read_parquet(${sqlString(path)})`);
    },
    async summary() {
      await flush();
      const [head] = await rows(conn, 'SELECT count(*), max(created_at) FROM stage');
      const count = Number(head?.[0] ?? 0);
      if (count === 0) return { count, first: null, last: null, idsAtNewest: [] };
      const edge = async (dir: 'ASC' | 'DESC') => {
        const [r] = await rows(conn, `SELECT id, fibe_created_text FROM stage ORDER BY created_at ${dir}, id ${dir} LIMIT 1`);
        return { id: num(r?.[0]), createdText: text(r?.[1]) };
      };
      const newest = await rows(conn, `SELECT id FROM stage WHERE created_at = (SELECT max(created_at) FROM stage) ${ORDER}`);
      return { count, first: await edge('ASC'), last: await edge('DESC'), idsAtNewest: newest.map((r) => Number(r[0])) };
    },
    async idsFrom(fromMs) {
      await flush();
      const bound = Number.isFinite(fromMs) ? ` WHERE created_at >= make_timestamptz(${BigInt(Math.floor(fromMs)) * 1000n})` : '';
      return (await rows(conn, `SELECT id FROM stage${bound} ${ORDER}`)).map((r) => Number(r[0]));
    },
    async partitions() {
      await flush();
      const found = await rows(
        conn,
        `SELECT fibe_partition, count(*), arg_min(id, (created_at, id)), arg_max(id, (created_at, id)) FROM stage GROUP BY fibe_partition ORDER BY fibe_partition NULLS LAST`,
      );
      return found.map((r) => ({ partition: text(r[0]), rows: Number(r[1]), firstId: num(r[2]), lastId: num(r[3]) }));
    },
    async writeFile(path, partition) {
      await flush();
      if (partition !== undefined && !sorted) {
        // One sort for a whole lake: each day's file then reads a contiguous run (zone maps skip the rest).
        await conn.run(`CREATE TABLE sorted AS SELECT * FROM stage ORDER BY fibe_partition, created_at, id`);
        sorted = true;
      }
      const table = partition === undefined ? 'stage' : 'sorted';
      const where =
        partition === undefined ? '' : partition === null ? ' WHERE fibe_partition IS NULL' : ` WHERE fibe_partition = ${sqlString(partition)}`;
      await conn.run(
        `COPY (SELECT ${columnList} FROM ${table}${where}${table === 'stage' && inOrder ? '' : ` ${ORDER}`}) TO ${sqlString(path)} ${PARQUET_FILE_OPTIONS}`,
      );
    },
    close: cleanup,
  };
}
