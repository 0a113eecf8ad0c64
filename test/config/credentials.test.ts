import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCredentials } from '../../src/config/credentials.js';
import { saveProfile } from '../../src/config/store.js';
import { AuthError, UsageError } from '../../src/errors.js';
import { tempDir } from '../helpers/run-cli.js';

const OURS = 'fibe_test_ours_1234567890';
const OTHER = 'fibe_test_other_1234567890';
const ENVKEY = 'fibe_test_env_1234567890';
const CLIKEY = 'fibe_live_cli_1234567890';
const CLIWORK = 'fibe_live_work_1234567890';

/** A home with our store (profiles default + other) and the official fibe CLI's files. */
async function world(opts: { ours?: boolean; cli?: boolean; cliActive?: string } = {}) {
  const home = tempDir();
  const env: Record<string, string | undefined> = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'xdg'),
    FIBE_AUDIT_CONFIG_DIR: join(home, 'xdg', 'fibe-audit'),
  };
  if (opts.ours ?? true) {
    await saveProfile(env, { name: 'default', apiKey: OURS, domain: 'https://ours.example' });
    await saveProfile(env, { name: 'other', apiKey: OTHER, domain: 'http://127.0.0.1:4010' });
  }
  if (opts.cli ?? true) {
    const dir = join(home, 'xdg', 'fibe');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'credentials.json'), JSON.stringify({
      profiles: {
        default: { api_key: CLIKEY, domain: 'cli.example', profile: 'default' },
        work: { api_key: CLIWORK, domain: 'https://work.example:8443', profile: 'work' },
        empty: { api_key: '', domain: 'x.example' },
      },
    }));
    if (opts.cliActive) writeFileSync(join(dir, 'config.json'), JSON.stringify({ active_profile: opts.cliActive }));
  }
  return env;
}

describe('resolveCredentials: the order of SPEC.md', () => {
  it('--profile beats FIBE_API_KEY (source flag-profile, the profile\'s own domain)', async () => {
    const env = { ...(await world()), FIBE_API_KEY: ENVKEY, FIBE_DOMAIN: 'env.example' };
    expect(await resolveCredentials(env, { profile: 'other' })).toMatchObject({
      apiKey: OTHER, origin: 'http://127.0.0.1:4010', source: 'flag-profile', profile: 'other',
    });
  });

  it('--profile falls back to the fibe CLI\'s profiles', async () => {
    const env = await world();
    expect(await resolveCredentials(env, { profile: 'work' })).toMatchObject({
      apiKey: CLIWORK, origin: 'https://work.example:8443', source: 'flag-profile', profile: 'work',
    });
  });

  it('an unknown --profile is exit 4 naming it and listing the known ones', async () => {
    const env = await world();
    const err = await resolveCredentials(env, { profile: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).exitCode).toBe(4);
    expect((err as AuthError).message).toBe("--profile: unknown profile 'nope'");
    expect((err as AuthError).hint).toBe('known profiles: default, other, work (fibe CLI)');
  });

  it('FIBE_API_KEY next, with FIBE_DOMAIN, else fibe.gg; --domain always wins', async () => {
    const env = { ...(await world()), FIBE_API_KEY: ENVKEY };
    expect(await resolveCredentials(env, {})).toMatchObject({ apiKey: ENVKEY, origin: 'https://fibe.gg', source: 'env' });
    expect(await resolveCredentials({ ...env, FIBE_DOMAIN: 'env.example' }, {})).toMatchObject({ origin: 'https://env.example' });
    expect(await resolveCredentials({ ...env, FIBE_DOMAIN: 'env.example' }, { domain: 'http://localhost:9' })).toMatchObject({ origin: 'http://localhost:9', source: 'env' });
  });

  it('empty variables count as unset', async () => {
    const env = { ...(await world()), FIBE_API_KEY: '', FIBE_PROFILE: '', FIBE_DOMAIN: '' };
    expect(await resolveCredentials(env, {})).toMatchObject({ apiKey: OURS, origin: 'https://ours.example', source: 'profile', profile: 'default' });
  });

  it('FIBE_PROFILE picks a stored profile (source profile)', async () => {
    const env = { ...(await world()), FIBE_PROFILE: 'other' };
    expect(await resolveCredentials(env, {})).toMatchObject({ apiKey: OTHER, source: 'profile', profile: 'other' });
    expect(await resolveCredentials(env, { domain: 'fibe.gg' })).toMatchObject({ apiKey: OTHER, origin: 'https://fibe.gg' });
  });

  it('an unknown FIBE_PROFILE is exit 4 naming the variable', async () => {
    const env = { ...(await world()), FIBE_PROFILE: 'ghost' };
    await expect(resolveCredentials(env, {})).rejects.toThrow("FIBE_PROFILE: unknown profile 'ghost'");
  });

  it('then the fibe CLI\'s active profile, read-only (default "default", or config.json)', async () => {
    const env = await world({ ours: false });
    expect(await resolveCredentials(env, {})).toMatchObject({ apiKey: CLIKEY, origin: 'https://cli.example', source: 'fibe-cli', profile: 'default' });
    const env2 = await world({ ours: false, cliActive: 'work' });
    expect(await resolveCredentials(env2, {})).toMatchObject({ apiKey: CLIWORK, source: 'fibe-cli', profile: 'work' });
  });

  it('nothing at all: exit 4 with the hint', async () => {
    const env = await world({ ours: false, cli: false });
    const err = await resolveCredentials(env, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).message).toBe('no API key found');
    expect((err as AuthError).hint).toBe("set FIBE_API_KEY or run 'fibe-audit auth login'");
  });

  it('a bad --domain is a usage error before anything else, even without a key', async () => {
    const env = await world({ ours: false, cli: false });
    const err = await resolveCredentials(env, { domain: 'http://evil.example' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
  });

  it('a plain-http FIBE_DOMAIN off loopback is refused, naming the variable', async () => {
    const env = { ...(await world()), FIBE_API_KEY: ENVKEY, FIBE_DOMAIN: 'http://fibe.gg' };
    await expect(resolveCredentials(env, {})).rejects.toThrow(/^FIBE_DOMAIN: plain http is refused for fibe.gg/);
  });
});
