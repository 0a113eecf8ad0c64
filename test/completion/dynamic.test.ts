// Completion of values known only at completion time (stored profiles for --profile and `auth use`,
// time zones for --tz) through the hidden `__complete` command, and of --columns item by item.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/run-cli.js';
import { buildPrivateCli, removePrivateCli } from '../export/built-cli.js';
import { saveProfile } from '../../src/config/store.js';

const dir = fileURLToPath(new URL('../../completions/', import.meta.url));
const installed = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const HAS_ZSH = installed('zsh');
const HAS_FISH = installed('fish');
const unless = (ok: boolean, shell: string) => (ok ? '' : ` (skipped: ${shell} is not installed; apt-get install ${shell})`);

const home = tempDir('fibe-complete-');
const env = { HOME: home, FIBE_AUDIT_CONFIG_DIR: join(home, 'cfg'), XDG_CONFIG_HOME: join(home, 'xdg') };
let shellEnv: Record<string, string>;

beforeAll(async () => {
  await saveProfile(env, { name: 'work', apiKey: 'fibe_live_aaaaaaaaaaaaaaaa', domain: 'https://fibe.gg' });
  await saveProfile(env, { name: 'staging', apiKey: 'fibe_live_bbbbbbbbbbbbbbbb', domain: 'https://staging.fibe.gg' });
  // A `fibe-audit` on PATH, as an installed one would be: the scripts call the command being completed.
  const bin = await buildPrivateCli();
  const pathDir = join(home, 'bin');
  mkdirSync(pathDir);
  writeFileSync(join(pathDir, 'fibe-audit'), `#!/bin/sh\nexec '${process.execPath}' '${bin}' "$@"\n`);
  chmodSync(join(pathDir, 'fibe-audit'), 0o755);
  shellEnv = { ...env, PATH: `${pathDir}:${process.env.PATH ?? ''}` };
}, 60_000);
afterAll(() => removePrivateCli());

describe('fibe-audit __complete', () => {
  it('profiles: the stored profile names, one a line', async () => {
    const r = await runCli(['__complete', 'profiles'], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(['staging', 'work']);
  });

  it('zones: UTC, local and every IANA zone of this runtime', async () => {
    const r = await runCli(['__complete', 'zones'], { env });
    const zones = r.stdout.split('\n').filter(Boolean);
    expect(zones.slice(0, 2)).toEqual(['UTC', 'local']);
    expect(zones).toEqual(expect.arrayContaining(['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe']));
  });

  it('no profiles: prints nothing, exit 0', async () => {
    const r = await runCli(['__complete', 'profiles'], { env: { ...env, FIBE_AUDIT_CONFIG_DIR: join(home, 'none') } });
    expect(r).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('is hidden from help', async () => {
    expect((await runCli(['--help'])).stdout).not.toContain('__complete');
  });
});

function bashComplete(words: string[]): string {
  const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `source '${dir}fibe-audit.bash'\nCOMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; COMPREPLY=(); _fibe_audit; echo "\${COMPREPLY[*]}"`;
  return execFileSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8', env: shellEnv }).trimEnd();
}

describe('bash', () => {
  it.each([
    [['fibe-audit', '--profile', ''], 'work staging'],
    [['fibe-audit', 'query', '--profile', 'st'], 'staging'],
    [['fibe-audit', 'auth', 'use', 'w'], 'work'],
    [['fibe-audit', 'auth', 'logout', '--profile', ''], 'work staging'],
    [['fibe-audit', 'query', '--tz', 'Europe/Berl'], 'Europe/Berlin'],
    [['fibe-audit', '--tz', 'UT'], 'UTC'],
    [['fibe-audit', 'query', '--columns', 'resource_'], 'resource_type resource_id resource_name'],
    [['fibe-audit', 'query', '--columns', 'id,actor_l'], 'id,actor_label'],
    [['fibe-audit', 'query', '--columns', 'id,created_at,me'], 'id,created_at,metadata'],
  ])('%j -> %j', (words, expected) => {
    expect(bashComplete(words)).toBe(expected);
  });
});

describe('zsh', () => {
  it.skipIf(!HAS_ZSH)(`profiles, zones and column items${unless(HAS_ZSH, 'zsh')}`, () => {
    const script = `
compdef() { :; }
compadd() { while [[ $1 != -- ]]; do shift; done; shift; print -r -- "$*"; }
_values() { shift 3; print -r -- "values: $*"; }
source '${dir}_fibe-audit'
t() { words=("$@"); CURRENT=\${#words}; PREFIX=\${words[-1]}; _fibe_audit; }
t fibe-audit --profile ''
t fibe-audit auth use ''
t fibe-audit query --columns ''
t fibe-audit --tz ''
`;
    const out = execFileSync('zsh', ['-f', '-c', script], { encoding: 'utf8', env: shellEnv }).split('\n');
    expect(out[0]).toBe('work staging');
    expect(out[1]).toBe('work staging');
    expect(out[2]).toBe('values: id created_at action actor_kind actor_id actor_label actor_type channel resource_type resource_id resource_name metadata');
    expect(out[3]).toMatch(/^UTC local .*Europe\/Berlin/);
  });
});

describe('fish', () => {
  it.skipIf(!HAS_FISH)(`profiles, zones and column items${unless(HAS_FISH, 'fish')}`, () => {
    const lines = ['fibe-audit --profile ', 'fibe-audit auth use ', 'fibe-audit query --tz Europe/Berl', 'fibe-audit query --columns id,actor_l'];
    const script = [`source '${dir}fibe-audit.fish'`, ...lines.map((l) => `echo (complete -C '${l}' | string replace -r '\\t.*' '' | string join ' ')`)].join('\n');
    const out = execFileSync('fish', ['--no-config', '-c', script], { encoding: 'utf8', env: shellEnv }).split('\n');
    expect(out.slice(0, lines.length)).toEqual(['staging work', 'staging work', 'Europe/Berlin', 'id,actor_label']);
  });
});
