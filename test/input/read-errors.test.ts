// Corrupt, truncated and missing files: one InputError (exit 2) naming the file and line, never a stack.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, exitCodeFor, reportError } from '../../src/errors.js';
import { testIO } from '../../src/io.js';
import { readExportFile } from '../../src/input/read-export.js';
import { tempDir } from '../helpers/run-cli.js';
import { collectEntries, readError, writeFixture } from './fixtures.js';

const dir = tempDir('fibe-audit-input-err-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'id,created_at,action,actor_kind,actor_id,actor_label,actor_type,channel,resource_type,resource_id,resource_name,metadata';
const ok = (id: number) => JSON.stringify({ id, action: 'a.b', created_at: '2026-01-01T00:00:00Z' });
const row = (id: string, extra = '') => `${id},2026-01-01T00:00:00Z,a.b,user,1,,User,ui,,,,${extra}`;

describe('errors name the file and the line', () => {
  it.each([
    ['corrupt.ndjson', `${ok(1)}\n${ok(2)}\n{"id": 3, nope}\n${ok(4)}\n`, ':3: not valid JSON ('],
    ['cut.ndjson', `${ok(1)}\n\n${ok(2)}\n{"id":4,"action":"a.b","crea`, ':4: not valid JSON ('],
    ['no-id.ndjson', `${ok(1)}\n{"action":"a.b","created_at":"2026-01-01T00:00:00Z"}\n`, ':2: entry has no numeric id'],
    ['text-id.ndjson', `{"id":"5","action":"a.b","created_at":"2026-01-01T00:00:00Z"}`, ':1: entry has no numeric id'],
    ['no-time.ndjson', `{"id":5,"action":"a.b"}`, ':1: entry 5 has no valid created_at time'],
    ['bad-time.ndjson', `{"id":5,"action":"a.b","created_at":"yesterday-ish"}`, ':1: entry 5 has no valid created_at time'],
    ['no-action.ndjson', `\r\n{"id":5,"action":"","created_at":"2026-01-01T00:00:00Z"}`, ':2: entry 5 has no action'],
    ['array-line.ndjson', `${ok(1)}\n[1,2]\n`, ':2: not an entry: expected a JSON object'],
    ['scalar.ndjson', `${ok(1)}\n{"id":2,"action":"a.b","created_at":"2026-01-01T00:00:00Z"} 7\n`, ':2: not valid JSON ('],
    ['cut.json', `[\n${ok(1)},\n${ok(2)},\n{"id": 3,\n "action": "a`, ':4: not valid JSON (unexpected end of input'],
    ['unclosed.json', `[\n${ok(1)},\n${ok(2)}\n`, ':4: not valid JSON (unexpected end of input'],
    ['inner.json', `[\n${ok(1)},\n{"id": 2, "action": x}\n]`, ':3: not valid JSON ('],
    ['scalar.json', `[\n${ok(1)},\n 42\n]`, ":3: not valid JSON (expected an entry object, found '4')"],
    ['trailing.json', `[${ok(1)}]\n]`, ":2: not valid JSON (data after the closing ], found ']')"],
    ['comma.json', `[${ok(1)},]`, ":1: not valid JSON (expected an entry object, found ']')"],
    ['no-id.json', `[\n  {"action":"a.b","created_at":"2026-01-01T00:00:00Z"}\n]`, ':2: entry has no numeric id'],
    ['garbage.json', 'id,created_at\n', ":1: not valid JSON (expected [ or {, found 'i')"],
    ['cut.csv', `${HEADER}\r\n${row('1')}\r\n${row('2', '"{""a"":')}`, ':3: quoted field never closed'],
    ['fields.csv', `${HEADER}\r\n${row('1')}\r\n${row('2')},extra\r\n`, ':3: expected 12 fields as in the header, found 13'],
    ['meta.csv', `${HEADER}\r\n"${'x'}\n",2026-01-01T00:00:00Z,a.b,user,1,,User,ui,,,,\r\n${row('2', '{nope}')}\r\n`, ':2: entry has no numeric id'],
    ['meta2.csv', `${HEADER}\r\n${row('1')}\r\n${row('2', '{nope}')}\r\n`, ':3: metadata is not valid JSON ('],
    ['quote.csv', `${HEADER}\r\n${row('1', '"{}"x')}\r\n`, ":2: unexpected 'x' after a closing quote"],
    ['header.csv', 'when,what\r\n1,2\r\n', ':1: not a fibe-audit CSV export: the header has no id, created_at, action columns'],
    ['no-time.csv', `${HEADER}\r\n7,,a.b,user,1,,User,ui,,,,\r\n`, ':2: entry 7 has no valid created_at time'],
  ])('%s', async (name, text, expected) => {
    const path = writeFixture(dir, name, text);
    const err = await readError(readExportFile(path));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message.startsWith(`${path}${expected}`)).toBe(true);
  });

  it('counts lines inside quoted CSV fields, CRLF as one', async () => {
    const quoted = '1,2026-01-01T00:00:00Z,a.b,user,1,,User,ui,Trick,3,"x\r\ny\nz",{}';
    const text = `${HEADER}\r\n${quoted}\r\n${row('oops')}\r\n`;
    const err = await readError(readExportFile(writeFixture(dir, 'lines.csv', text)));
    expect(err.message).toContain('lines.csv:5: entry has no numeric id');
  });

  it('reports the line of a bad entry deep in a gzipped NDJSON file', async () => {
    const lines = Array.from({ length: 1233 }, (_, i) => ok(i + 1));
    const path = writeFixture(dir, 'audit.ndjson.gz', `${lines.join('\n')}\n{"id": 1234, "act`);
    const err = await readError(readExportFile(path));
    expect(err.message).toMatch(/audit\.ndjson\.gz:1234: not valid JSON \(.+\)$/);
  });
});

describe('files that cannot be read', () => {
  it('a truncated gzip file', async () => {
    const whole = gzipSync(Array.from({ length: 2000 }, (_, i) => ok(i + 1)).join('\n'));
    const path = join(dir, 'cut.ndjson.gz');
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length / 2)));
    const err = await readError(readExportFile(path));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe(`${path}: truncated or corrupt gzip data (unexpected end of file)`);
  });

  it('a .gz name over plain text', async () => {
    const path = writeFixture(dir, 'plain.csv', `${HEADER}\r\n`);
    const gz = join(dir, 'plain.csv.gz');
    writeFileSync(gz, readFileSync(path));
    const err = await readError(readExportFile(gz));
    expect(err.message).toBe(`${gz}: truncated or corrupt gzip data (incorrect header check)`);
  });

  it.each(['audit.parquet', 'audit.csv', 'audit.ndjson'])('a Parquet file named %s', async (name) => {
    const path = join(dir, name);
    writeFileSync(path, Buffer.concat([Buffer.from('PAR1'), Buffer.from([0x15, 0x04, 0x22, 0xff, 0x00]), Buffer.from('PAR1')]));
    const err = await readError(readExportFile(path));
    expect(err.message).toBe(`${path}: a Parquet file; --file reads the CSV, JSON and NDJSON exports`);
    expect((err as InputError).hint).toContain('--format ndjson');
  });

  it('gzip data under a name without .gz', async () => {
    const path = join(dir, 'hidden.ndjson');
    writeFileSync(path, gzipSync(ok(1)));
    const err = await readError(readExportFile(path));
    expect(err.message).toBe(`${path}: looks gzip-compressed`);
    expect((err as InputError).hint).toContain('.gz');
  });

  it.each([
    ['missing.ndjson', 'no such file'],
    ['a-dir.csv', 'is a directory, not a file'],
  ])('%s', async (name, reason) => {
    mkdirSync(join(dir, 'a-dir.csv'), { recursive: true });
    const path = join(dir, name);
    const err = await readError(readExportFile(path));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe(`${path}: ${reason}`);
  });

  it('exits 2 with one error line and no stack trace', async () => {
    const path = writeFixture(dir, 'exit.ndjson', `${ok(1)}\n{"id": 2,`);
    const err = await readError(readExportFile(path));
    const io = testIO();
    reportError(err, io, false);
    expect(exitCodeFor(err)).toBe(2);
    expect(io.err()).toMatch(new RegExp(`^error: ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2: not valid JSON \\(.+\\)\\n$`));
  });

  it('yields the good entries before the bad line', async () => {
    const path = writeFixture(dir, 'partial.ndjson', `${ok(1)}\n${ok(2)}\nbad\n`);
    const seen: number[] = [];
    await expect(async () => {
      for await (const e of readExportFile(path)) seen.push(e.id);
    }).rejects.toThrow(/partial\.ndjson:3:/);
    expect(seen).toEqual([1, 2]);
  });

  it('stops on an aborted signal with its reason', async () => {
    const path = writeFixture(dir, 'abort.ndjson', `${ok(1)}\n${ok(2)}\n`);
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    await expect(collectEntries(readExportFile(path, { signal: controller.signal }))).rejects.toThrow('stop now');
  });
});
