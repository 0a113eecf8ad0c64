// completions/ is generated from the command tree: the committed files, `fibe-audit completion <shell>`
// and a fresh generation must be the same text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/program.js';
import { renderCompletion } from '../../src/completion/render.js';
import { SHELLS, completionFileName } from '../../src/completion/shells.js';
import { runCli, testContext } from '../helpers/run-cli.js';

const committed = (file: string) => readFileSync(new URL(`../../completions/${file}`, import.meta.url), 'utf8');

describe.each(SHELLS)('%s completion', (shell) => {
  const file = completionFileName(shell, 'fibe-audit');

  it(`completions/${file} matches the command tree`, () => {
    const fresh = renderCompletion(shell, createProgram(testContext().ctx));
    expect(fresh, `completions/${file} is out of date with the commands: run \`npm run completions\` and commit the result`).toBe(
      committed(file),
    );
  });

  it(`fibe-audit completion ${shell} prints exactly that file`, async () => {
    const r = await runCli(['completion', shell]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(committed(file));
  });
});

describe('fibe-audit completion', () => {
  it('refuses an unknown shell with exit 2', async () => {
    const r = await runCli(['completion', 'powershell']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: command-argument value 'powershell' is invalid.*bash, zsh, fish/);
    expect(r.stdout).toBe('');
  });

  it('ends its help with examples', async () => {
    const r = await runCli(['completion', '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('fibe-audit completion zsh');
  });
});
