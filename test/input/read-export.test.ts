// readExportFile: what fibe-audit's own writers produced comes back as exactly the entries written.
import { rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readExportFile, formatFromName } from '../../src/input/read-export.js';
import { withActor } from '../../src/model/actor.js';
import { createJsonArrayWriter, createNdjsonWriter } from '../../src/render/json.js';
import { renderCsv } from '../../src/render/csv.js';
import type { Entry } from '../../src/model/entry.js';
import { tempDir } from '../helpers/run-cli.js';
import { API_ENTRIES, CSV_ENTRIES, collectEntries, writeFixture } from './fixtures.js';

const dir = tempDir('fibe-audit-input-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function written(writer: NodeJS.ReadWriteStream, entries: Entry[]): Promise<string> {
  const chunks: string[] = [];
  const done = new Promise<void>((resolve, reject) => {
    writer.on('data', (c: Buffer | string) => chunks.push(c.toString()));
    writer.on('end', resolve);
    writer.on('error', reject);
  });
  Readable.from(entries).pipe(writer);
  await done;
  return chunks.join('');
}

const ENTRIES = API_ENTRIES.map(withActor);

describe('round trip through our own writers', () => {
  it.each(['audit.ndjson', 'audit.jsonl', 'audit.ndjson.gz', 'no-extension-ndjson'])('NDJSON as %s', async (name) => {
    const path = writeFixture(dir, name, await written(createNdjsonWriter(), ENTRIES));
    expect(await collectEntries(readExportFile(path))).toEqual(API_ENTRIES);
  });

  it.each(['audit.json', 'audit.json.gz', 'no-extension-json'])('JSON array as %s', async (name) => {
    const path = writeFixture(dir, name, await written(createJsonArrayWriter(), ENTRIES));
    expect(await collectEntries(readExportFile(path))).toEqual(API_ENTRIES);
  });

  it.each(['audit.csv', 'audit.csv.gz', 'no-extension-csv', 'AUDIT.CSV'])('guarded CSV as %s', async (name) => {
    const csv = await renderCsv(ENTRIES, { guard: true });
    expect(csv).toContain(`'=HYPERLINK`);
    const path = writeFixture(dir, name, csv);
    const back = await collectEntries(readExportFile(path));
    expect(back).toEqual(CSV_ENTRIES);
    // Re-exporting what was read gives the same file, byte for byte.
    expect(await renderCsv(back.map(withActor), { guard: true })).toBe(csv);
  });

  it('re-normalises the same actors from a CSV as from the API entries', async () => {
    const path = writeFixture(dir, 'actors.csv', await renderCsv(ENTRIES, { guard: true }));
    const back = await collectEntries(readExportFile(path));
    expect(back.map((e) => withActor(e).actor)).toEqual(ENTRIES.map((e) => e.actor));
  });

  it('reads a CSV written with --columns, rebuilding what the actor needs from its columns', async () => {
    const csv = await renderCsv(ENTRIES, {
      guard: true,
      columns: ['id', 'created_at', 'action', 'actor_kind', 'actor_id', 'actor_label', 'actor_type', 'channel', 'resource_name'],
    });
    const back = await collectEntries(readExportFile(writeFixture(dir, 'cols.csv', csv)));
    expect(back.map((e) => withActor(e).actor)).toEqual(ENTRIES.map((e) => e.actor));
    expect(back[0]).toEqual({
      id: 90412, resource_type: null, resource_id: null, action: 'trick.destroyed', channel: 'api',
      actor_type: 'Player', actor_id: null,
      metadata: { api_key_id: 15, api_key_label: 'GitHub Actions CI', agent_accessible: false, resource_name: 'nightly-seed' },
      created_at: '2026-11-25T14:03:11.123Z',
    });
  });
});

describe('hand-written files', () => {
  it('NDJSON keeps every field, drops the written actor, skips blank lines and accepts CRLF', async () => {
    const text =
      '{"id":1,"action":"a.created","created_at":"2026-01-01T00:00:00Z","request_id":"r-1","actor":{"kind":"user","id":9,"label":null}}\r\n' +
      '\r\n   \n' +
      '{"id":2,"action":"a.updated","created_at":"2026-01-02T00:00:00Z","metadata":{"x":"}{"}}';
    const back = await collectEntries(readExportFile(writeFixture(dir, 'hand.ndjson', text)));
    expect(back).toEqual([
      { id: 1, action: 'a.created', created_at: '2026-01-01T00:00:00Z', request_id: 'r-1' },
      { id: 2, action: 'a.updated', created_at: '2026-01-02T00:00:00Z', metadata: { x: '}{' } },
    ]);
  });

  it('a pretty-printed JSON array with braces and escaped quotes inside strings', async () => {
    const text = `\uFEFF  [
  {
    "id": 1, "action": "x.y", "created_at": "2026-01-01T00:00:00Z",
    "metadata": { "s": "a \\"}\\" b ] [ {", "list": [ {"k": "\\\\"} ] }
  } ,
  {"id": 2, "action": "x.z", "created_at": "2026-01-01T00:00:01Z"}
]
`;
    const back = await collectEntries(readExportFile(writeFixture(dir, 'pretty.json', text)));
    expect(back).toEqual([
      { id: 1, action: 'x.y', created_at: '2026-01-01T00:00:00Z', metadata: { s: 'a "}" b ] [ {', list: [{ k: '\\' }] } },
      { id: 2, action: 'x.z', created_at: '2026-01-01T00:00:01Z' },
    ]);
  });

  it('CSV with quotes, newlines inside quotes, guarded cells, LF records and a BOM', async () => {
    const text =
      '\uFEFFid,created_at,action,actor_kind,actor_id,actor_label,actor_type,channel,resource_type,resource_id,resource_name,metadata\n' +
      `7,2026-01-01T00:00:00Z,'-x.y,user,77,,Player,ui,"Trick, ""the"" one",,"a\r\nb","{""resource_name"":""a\\r\\nb""}"\n` +
      `8,2026-01-01T00:00:01Z,z.w,automation,,System,System,system,'=1+1,12,,\n`;
    const back = await collectEntries(readExportFile(writeFixture(dir, 'hand.csv', text)));
    expect(back).toEqual([
      {
        id: 7, resource_type: 'Trick, "the" one', resource_id: null, action: '-x.y', channel: 'ui',
        actor_type: 'Player', actor_id: 77, metadata: { resource_name: 'a\r\nb' }, created_at: '2026-01-01T00:00:00Z',
      },
      {
        id: 8, resource_type: '=1+1', resource_id: 12, action: 'z.w', channel: 'system',
        actor_type: 'System', actor_id: null, metadata: null, created_at: '2026-01-01T00:00:01Z',
      },
    ]);
  });

  it.each([
    ['empty.ndjson', ''],
    ['empty.json', ''],
    ['empty.csv', ''],
    ['blank.ndjson', '\n\n  \r\n'],
    ['empty-array.json', '[]\n'],
    ['spaced-array.json', ' [ \n ] '],
    ['header-only.csv', 'id,created_at,action,actor_kind,actor_id,actor_label,actor_type,channel,resource_type,resource_id,resource_name,metadata\r\n'],
    ['empty.ndjson.gz', ''],
    ['empty.csv.gz', ''],
    ['nothing', ''],
  ])('%s holds no entries and is no error', async (name, text) => {
    expect(await collectEntries(readExportFile(writeFixture(dir, name, text)))).toEqual([]);
  });

  it('stops reading when the consumer stops', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: i + 1, action: 'a.b', created_at: '2026-01-01T00:00:00Z' }));
    const gen = readExportFile(writeFixture(dir, 'early.ndjson', lines.join('\n')));
    for await (const e of gen) if (e.id === 3) break;
    expect(await gen.next()).toEqual({ done: true, value: undefined });
  });

  it('matches CSV columns by header name, in any order, ignoring unknown ones', async () => {
    const text = 'Note,ACTION,created_at,resource_id,id\r\nhello,trick.created,2026-01-01T00:00:00Z,12,5\r\n';
    const back = await collectEntries(readExportFile(writeFixture(dir, 'reordered.csv', text)));
    expect(back).toEqual([
      {
        id: 5, resource_type: null, resource_id: 12, action: 'trick.created', channel: null,
        actor_type: null, actor_id: null, metadata: null, created_at: '2026-01-01T00:00:00Z',
      },
    ]);
  });
});

describe('formatFromName', () => {
  it.each([
    ['a.ndjson', 'ndjson'],
    ['a.jsonl', 'ndjson'],
    ['a.JSONL.GZ', 'ndjson'],
    ['a.json', 'json'],
    ['a.json.gz', 'json'],
    ['dir.csv/a.csv.gz', 'csv'],
    ['a.txt', undefined],
    ['a.gz', undefined],
    ['csv', undefined],
  ])('%s -> %s', (name, format) => {
    expect(formatFromName(name)).toBe(format);
  });
});
