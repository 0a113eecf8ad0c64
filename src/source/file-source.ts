// Entries from a local export (--file): the same filters as the API path, applied client-side, with
// matches sorted when an order is asked for (a file's entries are in whatever order it was written;
// sorting holds the matches, the one case where a listing is not constant memory).
import type { Context } from '../context.js';
import type { AuditEntry, Entry } from '../model/entry.js';
import { compileFilter, needsKeyIndex } from '../model/filter.js';
import type { KeyIndex } from '../model/actor-ref.js';
import { normalizeActor } from '../model/actor.js';
import { indexKeyPairs, type KeyPair } from '../model/key-index.js';
import { parseTimestamp } from '../time/parse.js';
import { matchingBatches } from './matching.js';
import type { EntryRead, EntrySource, ReadOptions, SourceStats } from './types.js';

const RUN = 512;

/** The file's entries in runs, so filtering costs one async step per run rather than per entry. */
async function* runsOf(entries: AsyncGenerator<AuditEntry>): AsyncGenerator<AuditEntry[]> {
  let run: AuditEntry[] = [];
  for await (const e of entries) {
    run.push(e);
    if (run.length >= RUN) {
      yield run;
      run = [];
    }
  }
  if (run.length > 0) yield run;
}

function compareEntries(a: Entry, b: Entry): number {
  return parseTimestamp(a.created_at) - parseTimestamp(b.created_at) || a.id - b.id;
}

async function* sorted(source: AsyncGenerator<Entry[]>, order: 'asc' | 'desc'): AsyncGenerator<Entry[]> {
  const all: Entry[] = [];
  for await (const run of source) for (const e of run) all.push(e);
  all.sort(order === 'asc' ? compareEntries : (a, b) => compareEntries(b, a));
  for (let i = 0; i < all.length; i += RUN) yield all.slice(i, i + RUN);
}

/** The label/id pairs of the file's key actors: one pass, so a label also finds entries carrying only the id. */
async function indexFileKeys(ctx: Context, path: string): Promise<KeyIndex> {
  const { readExportFile } = await import('../input/read-export.js');
  const pairs = new Map<string, KeyPair>();
  for await (const e of readExportFile(path, { signal: ctx.signal })) {
    const a = normalizeActor(e);
    if ((a.kind !== 'api_key' && a.kind !== 'genie') || typeof a.id !== 'number' || typeof a.label !== 'string' || a.label === '') continue;
    const at = `${a.id}\u0000${a.label}`;
    if (!pairs.has(at)) pairs.set(at, { id: a.id, label: a.label });
  }
  return indexKeyPairs(pairs.values());
}

async function* readFile(ctx: Context, path: string, opts: ReadOptions, stats: SourceStats, index: KeyIndex | undefined): AsyncGenerator<Entry[]> {
  const { readExportFile } = await import('../input/read-export.js');
  const matches = matchingBatches(runsOf(readExportFile(path, { signal: ctx.signal })), compileFilter(opts.filters, index), stats);
  yield* opts.order === 'any' ? matches : sorted(matches, opts.order);
}

export function createFileSource(ctx: Context, path: string): EntrySource {
  let index: Promise<KeyIndex> | undefined;
  const keyIndex = () => (index ??= indexFileKeys(ctx, path));
  return {
    session: null,
    keys: async () => undefined,
    keyIndex,
    read(opts: ReadOptions): EntryRead {
      const stats: SourceStats = { scanned: 0, matched: 0, serverTotal: null };
      async function* batches(): AsyncGenerator<Entry[]> {
        yield* readFile(ctx, path, opts, stats, needsKeyIndex(opts.filters) ? await keyIndex() : undefined);
      }
      return { batches: batches(), stats };
    },
    close: async () => undefined,
  };
}
