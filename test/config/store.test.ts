import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadProfiles,
  removeProfile,
  saveProfile,
  setActiveProfile,
  storePathFor,
  validateProfileName,
} from '../../src/config/store.js';
import { UsageError } from '../../src/errors.js';
import { tempDir } from '../helpers/run-cli.js';

const envFor = () => ({ FIBE_AUDIT_CONFIG_DIR: join(tempDir(), 'nested', 'fibe-audit') });
const mode = (path: string) => statSync(path).mode & 0o777;

describe('profile store', () => {
  it('reading a missing store creates nothing', async () => {
    const env = envFor();
    expect(await loadProfiles(env)).toEqual({ active: undefined, profiles: [] });
    expect(existsSync(env.FIBE_AUDIT_CONFIG_DIR)).toBe(false);
  });

  it('saves with a 0700 directory and a 0600 file; the first profile becomes active', async () => {
    const env = envFor();
    expect(await saveProfile(env, { name: 'default', apiKey: 'fibe_test_aaaaaaaaaaaa1111', domain: 'https://fibe.gg' })).toEqual({ activated: true });
    expect(mode(env.FIBE_AUDIT_CONFIG_DIR)).toBe(0o700);
    expect(mode(storePathFor(env))).toBe(0o600);
    expect(JSON.parse(readFileSync(storePathFor(env), 'utf8'))).toEqual({
      active: 'default',
      profiles: { default: { api_key: 'fibe_test_aaaaaaaaaaaa1111', domain: 'https://fibe.gg' } },
    });
    expect(await saveProfile(env, { name: 'ci.prod', apiKey: 'fibe_test_bbbbbbbbbbbb2222', domain: 'https://x.example' })).toEqual({ activated: false });
    expect(await loadProfiles(env)).toEqual({
      active: 'default',
      profiles: [
        { name: 'default', apiKey: 'fibe_test_aaaaaaaaaaaa1111', domain: 'https://fibe.gg' },
        { name: 'ci.prod', apiKey: 'fibe_test_bbbbbbbbbbbb2222', domain: 'https://x.example' },
      ],
    });
  });

  it('tightens an existing looser directory and file', async () => {
    const env = envFor();
    mkdirSync(env.FIBE_AUDIT_CONFIG_DIR, { recursive: true, mode: 0o755 });
    chmodSync(env.FIBE_AUDIT_CONFIG_DIR, 0o755);
    writeFileSync(storePathFor(env), '{}', { mode: 0o644 });
    await saveProfile(env, { name: 'a', apiKey: 'fibe_test_cccccccccccc3333', domain: 'https://fibe.gg' });
    expect(mode(env.FIBE_AUDIT_CONFIG_DIR)).toBe(0o700);
    expect(mode(storePathFor(env))).toBe(0o600);
  });

  it('switches and removes; removing the active one leaves none active', async () => {
    const env = envFor();
    await saveProfile(env, { name: 'a', apiKey: 'fibe_test_aaaaaaaaaaaa1111', domain: 'https://fibe.gg' });
    await saveProfile(env, { name: 'b', apiKey: 'fibe_test_bbbbbbbbbbbb2222', domain: 'https://fibe.gg' });
    await setActiveProfile(env, 'b');
    expect((await loadProfiles(env)).active).toBe('b');
    const after = await removeProfile(env, 'b');
    expect(after.active).toBeUndefined();
    expect(after.profiles.map((p) => p.name)).toEqual(['a']);
    expect(JSON.parse(readFileSync(storePathFor(env), 'utf8'))).toEqual({
      profiles: { a: { api_key: 'fibe_test_aaaaaaaaaaaa1111', domain: 'https://fibe.gg' } },
    });
  });

  it('a corrupt store is a usage error naming the file', async () => {
    const env = envFor();
    mkdirSync(env.FIBE_AUDIT_CONFIG_DIR, { recursive: true });
    writeFileSync(storePathFor(env), '{not json');
    await expect(loadProfiles(env)).rejects.toThrow(UsageError);
    await expect(loadProfiles(env)).rejects.toThrow(storePathFor(env));
  });
});

describe('validateProfileName', () => {
  it.each(['default', 'ci.prod', 'Team_2', 'a-b'])('accepts %j', (name) => {
    expect(validateProfileName(name)).toBe(name);
  });
  it.each(['', '.hidden', 'has space', 'a/b', 'x'.repeat(65)])('rejects %j with exit 2', (name) => {
    expect(() => validateProfileName(name)).toThrow(UsageError);
  });
});
