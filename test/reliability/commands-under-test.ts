// The three walking commands of the fault matrix (query, actor, export): how each is run over one
// fixed window, which ids it must produce (from the emulator's own data), and how to read them back.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../emulator/index.js';
import { withActor } from '../../src/model/actor.js';
import type { AuditEntry } from '../../src/model/entry.js';
import { FIXED_NOW, type RunResult } from '../helpers/run-cli.js';
import { ndjsonIds } from './harness.js';

/** 30 days of an 8,000-entry log: about 27 pages of 100 for query and export, 7 for the CI key. */
export const SINCE = '2026-10-27T12:00:00Z';
export const UNTIL = '2026-11-26T11:00:00Z';
export const CI_KEY_ID = 15;

export interface WalkingCommand {
  name: 'query' | 'actor' | 'export';
  /** argv for one run writing into dir; `until` null leaves the window's end at now. */
  argv(dir: string, until?: string | null): string[];
  /** The ids the run must give, in output order, for the emulator's current data. */
  expected(emu: Emulator, until?: string | null): number[];
  /** The ids the run gave (stdout or the export file); null when the export file does not exist. */
  produced(r: RunResult, dir: string): number[] | null;
}

const windowArgs = (until: string | null | undefined) => ['--since', SINCE, ...(until === null ? [] : ['--until', until ?? UNTIL])];

function idsOf(emu: Emulator, until: string | null | undefined, sort: 'asc' | 'desc', keep: (e: AuditEntry) => boolean = () => true): number[] {
  const end = until === null ? FIXED_NOW.toISOString() : until ?? UNTIL;
  return emu.data
    .query({ created_after: SINCE, created_before: end, sort: `created_at_${sort}` })
    .filter((e) => keep(e as AuditEntry))
    .map((e) => e.id);
}

const ofCiKey = (e: AuditEntry) => {
  const { actor } = withActor(e);
  return (actor.kind === 'api_key' || actor.kind === 'genie') && Number(actor.id) === CI_KEY_ID;
};

export const EXPORT_FILE = 'audit.ndjson';

export const WALKING_COMMANDS: WalkingCommand[] = [
  {
    name: 'query',
    argv: (_dir, until) => ['query', '--all', '-o', 'ndjson', ...windowArgs(until)],
    expected: (emu, until) => idsOf(emu, until, 'desc'),
    produced: (r) => ndjsonIds(r.stdout),
  },
  {
    name: 'actor',
    argv: (_dir, until) => ['actor', `key:${CI_KEY_ID}`, '--all', '-o', 'ndjson', ...windowArgs(until)],
    expected: (emu, until) => idsOf(emu, until, 'desc', ofCiKey),
    produced: (r) => ndjsonIds(r.stdout),
  },
  {
    name: 'export',
    argv: (dir, until) => [
      'export', ...windowArgs(until), '--out', join(dir, EXPORT_FILE), '--manifest', '--checkpoint', join(dir, 'ckpt.json'), '--concurrency', '4',
    ],
    expected: (emu, until) => idsOf(emu, until, 'asc'),
    produced: (_r, dir) => (existsSync(join(dir, EXPORT_FILE)) ? ndjsonIds(readFileSync(join(dir, EXPORT_FILE), 'utf8')) : null),
  },
];
