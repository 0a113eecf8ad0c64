import { PassThrough, Transform, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { feedEntries } from '../../src/export/feed.js';
import { needsClientCheck } from '../../src/model/filter.js';
import { readFilters } from '../../src/command-kit/filter-options.js';
import type { Entry } from '../../src/model/entry.js';
import { UTC_ZONE } from '../../src/time/zone.js';

const entry = (id: number) => ({ id, created_at: '2026-11-26T00:00:00Z', action: 'a.b' }) as unknown as Entry;

async function* entries(n: number, failAt?: number): AsyncGenerator<Entry> {
  for (let i = 1; i <= n; i++) {
    if (i === failAt) throw new Error(`walk failed at ${i}`);
    yield entry(i);
  }
}

function idWriter(failAt?: number): Transform {
  return new Transform({
    writableObjectMode: true,
    highWaterMark: 2,
    transform(e: Entry, _enc, cb) {
      if (e.id === failAt) return cb(new Error(`writer failed at ${e.id}`));
      cb(null, `${e.id}\n`);
    },
  });
}

function collector(): { sink: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  return { sink, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('feedEntries', () => {
  it('writes every entry in order with backpressure and leaves the sink open', async () => {
    const source = entries(5000);
    const { sink, text } = collector();
    const seen: number[] = [];
    await feedEntries(await source.next(), source, idWriter(), sink, (e) => seen.push(e.id));
    const ids = Array.from({ length: 5000 }, (_, i) => i + 1);
    expect(text()).toBe(ids.map((i) => `${i}\n`).join(''));
    expect(seen).toEqual(ids);
    expect(sink.writableEnded).toBe(false);
  });

  it('handles an empty stream (the writer still flushes)', async () => {
    const source = entries(0);
    const { sink, text } = collector();
    await feedEntries(await source.next(), source, idWriter(), sink, () => undefined);
    expect(text()).toBe('');
  });

  it('rejects with the walk error', async () => {
    const source = entries(100, 50);
    const { sink } = collector();
    await expect(feedEntries(await source.next(), source, idWriter(), sink, () => undefined)).rejects.toThrow('walk failed at 50');
  });

  it('rejects with the writer error and does not hang', async () => {
    const source = entries(100);
    const { sink } = collector();
    await expect(feedEntries(await source.next(), source, idWriter(30), sink, () => undefined)).rejects.toThrow('writer failed at 30');
  });

  it('rejects when the sink fails', async () => {
    const source = entries(10_000);
    const sink = new Writable({
      highWaterMark: 16,
      write(_chunk, _enc, cb) {
        cb(new Error('disk full'));
      },
    });
    await expect(feedEntries(await source.next(), source, idWriter(), sink, () => undefined)).rejects.toThrow('disk full');
  });
});

describe('feedEntries with runs of entries', () => {
  async function* runs(n: number, size: number): AsyncGenerator<Entry[]> {
    for (let i = 1; i <= n; i += size) yield Array.from({ length: Math.min(size, n - i + 1) }, (_, k) => entry(i + k));
  }

  it('writes each run as one chunk and calls onEntry for every entry, in order', async () => {
    const source = runs(1000, 100);
    const chunkSizes: number[] = [];
    const writer = new Transform({
      writableObjectMode: true,
      highWaterMark: 2,
      transform(chunk: Entry | Entry[], _enc, cb) {
        const list = Array.isArray(chunk) ? chunk : [chunk];
        chunkSizes.push(list.length);
        cb(null, list.map((e) => `${e.id}\n`).join(''));
      },
    });
    const { sink, text } = collector();
    const seen: number[] = [];
    await feedEntries(await source.next(), source, writer, sink, (e) => seen.push(e.id));
    const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(text()).toBe(ids.map((i) => `${i}\n`).join(''));
    expect(seen).toEqual(ids);
    expect(chunkSizes).toEqual(Array(10).fill(100));
  });
});

describe('needsClientCheck', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it.each([
    [{}, false],
    [{ since: '7d', until: '1h' }, false],
    [{ action: ['trick.destroyed'] }, true],
    [{ actor: ['key:15'] }, true],
    [{ actorType: ['genie'] }, true],
    [{ resource: 'Trick' }, true],
    [{ channel: 'api' }, true],
    [{ search: 'x' }, true],
  ])('%o -> %s', (opts, expected) => {
    expect(needsClientCheck(readFilters(opts, { now, zone: UTC_ZONE, defaultSince: null }))).toBe(expected);
  });
});
