// Shared by the export tests: short-timeout CLI runs against an emulator, and reading exports back.
import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Emulator } from '../emulator/index.js';
import { runCli, type RunOptions, type RunResult } from '../helpers/run-cli.js';

/** Short network waits so stalls and retries cost milliseconds; backoff sleeps are faked by runCli. */
export const FAST_HTTP = {
  connectTimeoutMs: 2_000,
  headersTimeoutMs: 400,
  bodyTimeoutMs: 400,
  backoffBaseMs: 1,
  backoffCapMs: 5,
  maxAttempts: 5,
};

export function envFor(emu: Emulator): Record<string, string> {
  return { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url };
}

export function runExport(emu: Emulator, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return runCli(['export', ...args], { env: envFor(emu), http: FAST_HTTP, ...opts });
}

/** The ids of an export, in file order, whatever its format. */
export function idsOfText(format: 'csv' | 'json' | 'ndjson', text: string): number[] {
  if (format === 'json') return (JSON.parse(text) as Array<{ id: number }>).map((e) => e.id);
  if (format === 'ndjson') {
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => (JSON.parse(line) as { id: number }).id);
  }
  return (parseCsv(text, { columns: true }) as Array<{ id: string }>).map((row) => Number(row.id));
}

export function idsOfFile(path: string): number[] {
  const format = path.endsWith('.csv') ? 'csv' : path.endsWith('.json') ? 'json' : 'ndjson';
  return idsOfText(format, readFileSync(path, 'utf8'));
}

/** Temp files of the atomic writer left in a directory (there must never be any after a run). */
export function partialsIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.partial'));
}

export const sortedAsc = (ids: number[]) => [...ids].sort((a, b) => a - b);
