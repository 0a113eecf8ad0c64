import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { VERSION } from '../src/version.js';

describe('the one exit point', () => {
  it('prints the version to stdout and exits 0', async () => {
    const r = await runCli(['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
    expect(r.stderr).toBe('');
  });

  it('prints help to stdout with examples and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Usage: fibe-audit');
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).not.toContain('--api-key');
  });

  it('shows help on stderr and exits 2 with no command', async () => {
    const r = await runCli([]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: fibe-audit');
  });

  it.each([
    [['--api-key', 'fibe_live_secretsecret123']],
    [['--api-key=fibe_live_secretsecret123', 'query']],
    [['query', '--api-key', 'fibe_live_secretsecret123']],
  ])('refuses %j with exit 2, a hint and without echoing the key', async (argv) => {
    const r = await runCli(argv);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: there is no --api-key flag/);
    expect(r.stderr).toContain('FIBE_API_KEY');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(2);
    expect(r.stderr + r.stdout).not.toContain('secretsecret');
  });

  it('maps an unknown option to exit 2 with one error line', async () => {
    const r = await runCli(['--bogus']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown option '--bogus'/);
  });

  it('rejects a bad --max-wait with exit 2', async () => {
    const r = await runCli(['--max-wait', 'soon', '--version']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("--max-wait");
  });
});

describe('a bad time zone names where it came from', () => {
  it('FIBE_AUDIT_TZ when the environment gave it, --tz when the flag did', async () => {
    const env = await runCli(['query'], { env: { FIBE_AUDIT_TZ: 'Nope', FIBE_API_KEY: 'fibe_test_key_0123456789' } });
    expect(env.exitCode).toBe(2);
    expect(env.stderr.split('\n')[0]).toBe("error: FIBE_AUDIT_TZ: unknown time zone 'Nope'");
    const flag = await runCli(['query', '--tz', 'Nope'], { env: { FIBE_AUDIT_TZ: 'UTC', FIBE_API_KEY: 'fibe_test_key_0123456789' } });
    expect(flag.exitCode).toBe(2);
    expect(flag.stderr.split('\n')[0]).toBe("error: --tz: unknown time zone 'Nope'");
  });
});
