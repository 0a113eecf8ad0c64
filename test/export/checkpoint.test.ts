import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFilters } from '../../src/command-kit/filter-options.js';
import { InputError, UsageError } from '../../src/errors.js';
import {
  assertSameFilters,
  createResumeTest,
  nextCheckpoint,
  readCheckpoint,
  resumeStart,
  writeCheckpoint,
  type Checkpoint,
} from '../../src/export/checkpoint.js';
import { describeDifferences, fingerprintOf, normalizeFilters } from '../../src/export/fingerprint.js';
import { createTally, markOf, recordEntry } from '../../src/export/tally.js';
import type { Entry } from '../../src/model/entry.js';
import { UTC_ZONE } from '../../src/time/zone.js';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const tempDir = () => mkdtempSync(join(tmpdir(), 'fibe-audit-ckpt-'));
const filtersOf = (opts: Record<string, unknown>) => readFilters(opts, { now: NOW, zone: UTC_ZONE, defaultSince: null });
const entry = (id: number, created_at: string) => ({ id, created_at, action: 'trick.created' }) as unknown as Entry;

const BASE: Checkpoint = {
  version: 1,
  fingerprint: 'sha256:abc',
  filters: { actions: [] },
  last_created_at: '2026-11-25T10:00:00.1234Z',
  ids_at_last: [7, 8],
  exported_total: 10,
  updated_at: '2026-11-25T11:00:00.000Z',
};

describe('filter fingerprints', () => {
  it('ignore flag order, repeats and the window', () => {
    const a = normalizeFilters(filtersOf({ action: ['trick.*', 'secret.created'], since: '7d' }));
    const b = normalizeFilters(filtersOf({ action: ['secret.created', 'trick.*', 'trick.*'], until: '1h' }));
    expect(a).toEqual(b);
    expect(fingerprintOf(a)).toBe(fingerprintOf(b));
    expect(fingerprintOf(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('differ when any filter differs', () => {
    const prints = [
      {},
      { action: ['trick.*'] },
      { actor: ['key:15'] },
      { actor: ['key:"GitHub Actions CI"'] },
      { actorType: ['genie'] },
      { resource: 'Trick' },
      { resource: 'Trick:3312' },
      { channel: 'api' },
      { search: 'nightly' },
    ].map((o) => fingerprintOf(normalizeFilters(filtersOf(o))));
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('name each difference by its flag', () => {
    const before = normalizeFilters(filtersOf({ action: ['trick.destroyed'], channel: 'api' }));
    const now = normalizeFilters(filtersOf({ action: ['playground.*'], search: 'ci' }));
    expect(describeDifferences(before, now)).toEqual([
      '--action was trick.destroyed, now playground.*',
      '--channel was api, now (none)',
      '--search was (none), now ci',
    ]);
  });
});

describe('readCheckpoint', () => {
  it('returns null when there is no file yet', async () => {
    expect(await readCheckpoint(join(tempDir(), 'none.json'))).toBeNull();
  });

  it('reads what writeCheckpoint wrote (atomically, 0600)', async () => {
    const path = join(tempDir(), 'ckpt.json');
    await writeCheckpoint(path, BASE);
    expect(await readCheckpoint(path)).toEqual(BASE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true);
  });

  it.each([
    ['text', 'not json', 'not valid JSON'],
    ['an array', '[]', 'not a JSON object'],
    ['null', 'null', 'not a JSON object'],
    ['version 2', JSON.stringify({ ...BASE, version: 2 }), 'unsupported version 2'],
    ['no fingerprint', JSON.stringify({ ...BASE, fingerprint: undefined }), 'no fingerprint'],
    ['null filters', JSON.stringify({ ...BASE, filters: null }), 'no filters'],
    ['a bad time', JSON.stringify({ ...BASE, last_created_at: 'yesterday' }), 'last_created_at is not an RFC 3339 time'],
    ['ids as text', JSON.stringify({ ...BASE, ids_at_last: 'x' }), 'ids_at_last is not a list of ids'],
    ['a null id', JSON.stringify({ ...BASE, ids_at_last: [null] }), 'ids_at_last is not a list of ids'],
    ['a negative total', JSON.stringify({ ...BASE, exported_total: -1 }), 'bad exported_total'],
  ])('refuses %s with exit 2', async (_label, text, why) => {
    const path = join(tempDir(), 'ckpt.json');
    writeFileSync(path, text);
    const err = await readCheckpoint(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(2);
    expect((err as InputError).message).toBe(`--checkpoint: '${path}' is not a usable fibe-audit checkpoint (${why})`);
    expect((err as InputError).hint).toMatch(/--reset-checkpoint/);
  });
});

describe('assertSameFilters', () => {
  it('passes the same fingerprint and refuses another, naming the change', () => {
    const filters = normalizeFilters(filtersOf({ action: ['trick.*'] }));
    const ckpt = { ...BASE, filters, fingerprint: fingerprintOf(filters) };
    expect(() => assertSameFilters(ckpt, ckpt.fingerprint, filters, 'c.json')).not.toThrow();
    const other = normalizeFilters(filtersOf({ action: ['secret.*'] }));
    expect(() => assertSameFilters(ckpt, fingerprintOf(other), other, 'c.json')).toThrow(
      new UsageError(
        "--checkpoint: 'c.json' was made with other filters: --action was trick.*, now secret.*",
        'run with the same filters, use another checkpoint file, or add --reset-checkpoint to start over',
      ),
    );
  });
});

describe('resuming', () => {
  it('starts at the checkpoint instant floored to the millisecond', () => {
    expect(resumeStart(BASE).toISOString()).toBe('2026-11-25T10:00:00.123Z');
  });

  it.each([
    [1, '2026-11-25T10:00:00.1233Z', false],
    [9, '2026-11-25T10:00:00.123Z', false],
    [7, '2026-11-25T10:00:00.1234Z', false],
    [8, '2026-11-25T10:00:00.123400Z', false],
    [9, '2026-11-25T10:00:00.1234Z', true],
    [3, '2026-11-25T10:00:00.12341Z', true],
    [2, '2026-11-25T10:00:01Z', true],
    [4, 'garbage', true],
  ])('entry %i at %s is new: %s', (id, createdAt, expected) => {
    expect(createResumeTest(BASE)(entry(id, createdAt))).toBe(expected);
  });
});

describe('resuming over one walk', () => {
  it('checks entries at the checkpoint millisecond and passes everything after it', () => {
    const isNew = createResumeTest(BASE);
    const walk = [
      entry(7, '2026-11-25T10:00:00.1234Z'),
      entry(8, '2026-11-25T10:00:00.1234Z'),
      entry(9, '2026-11-25T10:00:00.1234Z'),
      entry(10, '2026-11-25T10:00:00.1239Z'),
      entry(11, '2026-11-25T10:00:00.124Z'),
      entry(12, '2026-11-25T10:00:01Z'),
    ];
    expect(walk.filter(isNew).map((e) => e.id)).toEqual([9, 10, 11, 12]);
  });
});

describe('nextCheckpoint', () => {
  const meta = { fingerprint: 'sha256:abc', filters: { actions: [] }, now: NOW };

  it('records the newest instant as sent and every id exported at it', () => {
    const tally = createTally();
    for (const e of [entry(1, '2026-11-26T01:00:00Z'), entry(2, '2026-11-26T02:00:00.5Z'), entry(3, '2026-11-26T02:00:00.500Z')]) {
      recordEntry(tally, e);
    }
    expect(nextCheckpoint(null, tally, meta)).toEqual({
      version: 1,
      fingerprint: 'sha256:abc',
      filters: { actions: [] },
      last_created_at: '2026-11-26T02:00:00.5Z',
      ids_at_last: [2, 3],
      exported_total: 3,
      updated_at: '2026-11-26T12:00:00.000Z',
    });
  });

  it('adds to the ids when the newest instant has not moved', () => {
    const tally = createTally();
    recordEntry(tally, entry(9, '2026-11-25T10:00:00.12340Z'));
    const next = nextCheckpoint(BASE, tally, meta)!;
    expect(next.last_created_at).toBe(BASE.last_created_at);
    expect(next.ids_at_last).toEqual([7, 8, 9]);
    expect(next.exported_total).toBe(11);
  });

  it('keeps the previous position when nothing readable was exported, and is null with nothing at all', () => {
    expect(nextCheckpoint(BASE, createTally(), meta)).toMatchObject({ last_created_at: BASE.last_created_at, ids_at_last: [7, 8] });
    expect(nextCheckpoint(null, createTally(), meta)).toBeNull();
  });
});

describe('tally', () => {
  it('tracks count, first and last entries', () => {
    const tally = createTally();
    recordEntry(tally, entry(1, '2026-11-26T01:00:00Z'));
    recordEntry(tally, entry(2, '2026-11-26T01:00:01Z'));
    recordEntry(tally, entry(3, '2026-11-26T01:00:01Z'));
    expect(markOf(tally.firstEntry)).toEqual({ id: 1, created_at: '2026-11-26T01:00:00Z' });
    expect(markOf(tally.lastEntry)).toEqual({ id: 3, created_at: '2026-11-26T01:00:01Z' });
    expect(tally).toMatchObject({
      count: 3,
      newestCreatedAt: '2026-11-26T01:00:01Z',
      idsAtNewest: [2, 3],
    });
  });
});
