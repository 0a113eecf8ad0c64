// npm run demo (the README's first command after npm ci) runs the headline investigation end to end.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

describe('npm run demo', () => {
  it('answers who destroyed tricks, then drills into that key, touching no real credentials', async () => {
    const home = fileURLToPath(new URL('../node_modules/.cache/demo-home/', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: home, FIBE_API_KEY: 'fibe_live_must_not_be_used_0000', NO_COLOR: '1' },
      timeout: 60_000,
    });
    expect(stdout).toContain('$ fibe-audit query --action trick.destroyed --since 24h');
    expect(stdout).toMatch(/trick\.destroyed\s+key "GitHub Actions CI" #15/);
    expect(stdout).toContain('$ fibe-audit actor key:15 --limit 10');
    expect(stdout).toContain('Key record');
    expect(stdout).toMatch(/Scopes\n\s+unused/);
  }, 90_000);

  it('--mirror syncs, then answers the same two questions from the mirror with zero requests', async () => {
    const home = fileURLToPath(new URL('../node_modules/.cache/demo-home-mirror/', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--mirror'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: home, FIBE_API_KEY: 'fibe_live_must_not_be_used_0000', NO_COLOR: '1' },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/\$ fibe-audit sync\n\(answered in [\d.]+ s with [1-9]\d* API requests\)/);
    expect(stdout).toContain('$ fibe-audit --source mirror query --action trick.destroyed --since 24h');
    expect(stdout).toMatch(/trick\.destroyed\s+key "GitHub Actions CI" #15/);
    expect(stdout).toContain('$ fibe-audit --source mirror actor key:15 --limit 10');
    expect(stdout.match(/\(answered in [\d.]+ s with 0 API requests\)/g)).toHaveLength(2);
  }, 90_000);
});
