import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { assertTargetFree, numberedPath, openAtomicFile, writeFileAtomic } from '../../src/export/writer.js';
import { startEmulator } from '../emulator/index.js';
import { FIXED_NOW } from '../helpers/run-cli.js';
import { runExport } from './harness.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'fibe-audit-writer-'));

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const write = (stream: NodeJS.WritableStream, text: string) =>
  new Promise<void>((resolve, reject) => stream.write(text, (err) => (err ? reject(err) : resolve())));

describe('openAtomicFile', () => {
  it('writes under a hidden temp name (0600) and only shows the final name on commit', async () => {
    const dir = tempDir();
    const target = join(dir, 'audit.csv');
    const file = await openAtomicFile(target, { force: false, flag: '--out' });
    expect(file.tempPath).toMatch(/\/\.audit\.csv\.[0-9a-f]{12}\.partial$/);
    await write(file.stream, 'id,action\r\n');
    await write(file.stream, '1,trick.created\r\n');
    expect(readdirSync(dir)).toEqual([file.tempPath.split('/').pop()]);
    expect(statSync(file.tempPath).mode & 0o777).toBe(0o600);
    const digest = await file.commit();
    await file.discard();
    expect(readdirSync(dir)).toEqual(['audit.csv']);
    expect(readFileSync(target, 'utf8')).toBe('id,action\r\n1,trick.created\r\n');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(digest).toEqual({ sha256: sha('id,action\r\n1,trick.created\r\n'), bytes: 28, path: target });
  });

  it('hashes many small chunks exactly like the whole text', async () => {
    const dir = tempDir();
    const file = await openAtomicFile(join(dir, 'a.ndjson'), { force: false, flag: '--out' });
    const lines = Array.from({ length: 5000 }, (_, i) => `{"id":${i},"note":"ünïcode ✓"}\n`);
    for (const line of lines) file.stream.write(line);
    const digest = await file.commit();
    const text = lines.join('');
    expect(readFileSync(join(dir, 'a.ndjson'), 'utf8')).toBe(text);
    expect(digest.sha256).toBe(sha(text));
    expect(digest.bytes).toBe(Buffer.byteLength(text));
  });

  it('refuses at commit a target that appeared meanwhile, leaving it untouched and no temp file', async () => {
    const dir = tempDir();
    const target = join(dir, 'audit.csv');
    const file = await openAtomicFile(target, { force: false, flag: '--out' });
    await write(file.stream, 'new data');
    writeFileSync(target, 'someone else');
    await expect(file.commit()).rejects.toThrow(UsageError);
    await file.discard();
    expect(readFileSync(target, 'utf8')).toBe('someone else');
    expect(readdirSync(dir)).toEqual(['audit.csv']);
  });

  it('replaces an existing target with force', async () => {
    const dir = tempDir();
    const target = join(dir, 'audit.csv');
    writeFileSync(target, 'old');
    const file = await openAtomicFile(target, { force: true, flag: '--out' });
    await write(file.stream, 'new');
    await file.commit();
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['audit.csv']);
  });

  it('discard removes the temp file and never creates the target', async () => {
    const dir = tempDir();
    const file = await openAtomicFile(join(dir, 'audit.csv'), { force: false, flag: '--out' });
    file.stream.write('partial');
    await file.discard();
    await file.discard();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('assertTargetFree', () => {
  it('accepts a free name in an existing directory', async () => {
    await expect(assertTargetFree(join(tempDir(), 'x.csv'), false, '--out')).resolves.toBeUndefined();
  });

  it.each([
    [false, /--out: '.*x\.csv' already exists/],
    [true, null],
  ])('existing file with force=%s', async (force, error) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.csv'), 'old');
    const check = assertTargetFree(join(dir, 'x.csv'), force, '--out');
    if (error) await expect(check).rejects.toThrow(error);
    else await expect(check).resolves.toBeUndefined();
  });

  it('refuses a missing directory and a directory as target', async () => {
    const dir = tempDir();
    await expect(assertTargetFree(join(dir, 'nope', 'x.csv'), false, '--out')).rejects.toThrow(/directory '.*nope' does not exist/);
    mkdirSync(join(dir, 'sub'));
    await expect(assertTargetFree(join(dir, 'sub'), true, '--checkpoint')).rejects.toThrow(/--checkpoint: '.*sub' is a directory/);
    writeFileSync(join(dir, 'file'), '');
    await expect(assertTargetFree(join(dir, 'file', 'x.csv'), false, '--out')).rejects.toThrow(/^--out: '.*file' is not a directory$/);
  });
});

describe('an export to a device or a pipe', () => {
  it('is refused even with --force, leaving it as it was, with the way to write there', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const emu = await startEmulator({ entries: 50, seed: 3, now: FIXED_NOW });
    try {
      for (const extra of [[], ['--force']]) {
        const r = await runExport(emu, ['--out', fifo, '--format', 'ndjson', ...extra]);
        expect(r.exitCode).toBe(2);
        expect(r.stderr).toBe(`error: --out: '${fifo}' is not a regular file (a device, pipe or socket)\nhint: write to standard output with '--out -' and redirect it there\n`);
        expect(lstatSync(fifo).isFIFO()).toBe(true);
      }
      expect(readdirSync(dir)).toEqual(['fifo']);
      // A link to a device, and the system's own names for stdout.
      symlinkSync('/dev/null', join(dir, 'null.link'));
      for (const target of [join(dir, 'null.link'), '/dev/stdout', '/dev/null']) {
        const r = await runExport(emu, ['--out', target, '--format', 'ndjson', '--force']);
        expect(r.exitCode, target).toBe(2);
        expect(r.stderr).toContain(`'${target}' is not a regular file`);
      }
      expect(lstatSync(join(dir, 'null.link')).isSymbolicLink()).toBe(true);
    } finally {
      await emu.close();
    }
  });
});

describe('writeFileAtomic', () => {
  it('writes a whole small file and replaces it with force', async () => {
    const path = join(tempDir(), 'ckpt.json');
    await writeFileAtomic(path, '{"a":1}\n', { force: true, flag: '--checkpoint' });
    await writeFileAtomic(path, '{"a":2}\n', { force: true, flag: '--checkpoint' });
    expect(readFileSync(path, 'utf8')).toBe('{"a":2}\n');
    await expect(writeFileAtomic(path, 'x', { force: false, flag: '--manifest' })).rejects.toThrow(/--manifest: .* already exists/);
    expect(readdirSync(join(path, '..'))).toEqual(['ckpt.json']);
  });
});

describe('numberIfTaken (checkpointed exports never replace a file)', () => {
  it.each([
    ['/d/audit-2026-12-04.csv', '/d/audit-2026-12-04.1.csv'],
    ['/d/backup', '/d/backup.1'],
    ['/d/.hidden', '/d/.hidden.1'],
    ['/d/a.b.ndjson', '/d/a.b.1.ndjson'],
  ])('%s -> %s', (path, want) => {
    expect(numberedPath(path, 1)).toBe(want);
  });

  it('takes the first free numbered name, leaving every existing file as it was', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.csv');
    writeFileSync(path, 'first');
    writeFileSync(join(dir, 'a.1.csv'), 'second');
    const placed = await writeFileAtomic(path, 'third', { force: true, flag: '--out', numberIfTaken: true });
    expect(placed.path).toBe(join(dir, 'a.2.csv'));
    expect(readFileSync(path, 'utf8')).toBe('first');
    expect(readFileSync(join(dir, 'a.1.csv'), 'utf8')).toBe('second');
    expect(readFileSync(join(dir, 'a.2.csv'), 'utf8')).toBe('third');
    expect(readdirSync(dir).sort()).toEqual(['a.1.csv', 'a.2.csv', 'a.csv']);
  });
});
