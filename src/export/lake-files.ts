// The files of one lake run (SPEC.md "Parquet and the lake"): every UTC day's entries written by DuckDB
// under a hidden temporary name beside its final one, hashed and fsynced; placed only when all are
// ready, each under `date=YYYY-MM-DD/part-<first id>-<last id>.parquet`, never replacing a file.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import type { ParquetStage, StagedPartition } from '../mirror/parquet-stage.js';
import { placeFile, syncDirectory } from './writer.js';

/** Hive's name for rows whose partition value is null (a created_at unreadable, or outside the years 0000-9999). */
const NULL_PARTITION = '__HIVE_DEFAULT_PARTITION__';

export interface LakeFile {
  /** Final path, and the hidden temporary it is written under first. */
  path: string;
  temp: string;
  /** Path relative to the lake directory, as manifests list it. */
  name: string;
  rows: number;
  sha256: string;
  bytes: number;
}

async function digestOf(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), bytes };
}

function fileFor(dir: string, p: StagedPartition): Omit<LakeFile, 'rows' | 'sha256' | 'bytes'> {
  const name = join(`date=${p.partition ?? NULL_PARTITION}`, `part-${p.firstId}-${p.lastId}.parquet`);
  const path = join(dir, name);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  return { path, temp, name };
}

/**
 * Writes every UTC day the stage holds under its temporary name. Nothing is under a final name yet;
 * refuses (exit 2) before writing when a final name is taken.
 */
export async function writeLakeFiles(dir: string, stage: ParquetStage): Promise<LakeFile[]> {
  const planned = (await stage.partitions()).map((p) => ({ p, ...fileFor(dir, p) }));
  const taken = planned.find((f) => existsSync(f.path));
  if (taken) throw new UsageError(`--out: '${taken.path}' already exists; a lake run never replaces a file`, 'use --checkpoint so each run exports only new entries');
  const written: LakeFile[] = [];
  try {
    for (const f of planned) {
      await mkdir(dirname(f.path), { recursive: true, mode: 0o700 });
      await stage.writeFile(f.temp, f.p.partition);
      written.push({ path: f.path, temp: f.temp, name: f.name, rows: f.p.rows, ...(await digestOf(f.temp)) });
    }
    return written;
  } catch (err) {
    await discardLakeFiles(written);
    throw err;
  }
}

/** Puts every written file under its final name (refusing any that appeared meanwhile). */
export async function placeLakeFiles(files: ReadonlyArray<{ temp: string; path: string }>): Promise<void> {
  for (const f of files) await placeFile(f.temp, f.path, false, '--out');
  for (const d of new Set(files.map((f) => dirname(f.path)))) await syncDirectory(d);
}

export async function discardLakeFiles(files: ReadonlyArray<{ temp: string }>): Promise<void> {
  for (const f of files) await unlink(f.temp).catch(() => undefined);
}
