// The committed scripts run in the real shells: bash's completion function is called with COMP_WORDS as
// bash sets them; fish completes command lines with `complete -C`; zsh and fish parse (-n).
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/program.js';
import { testContext } from '../helpers/run-cli.js';

const dir = fileURLToPath(new URL('../../completions/', import.meta.url));
const installed = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const HAS_ZSH = installed('zsh');
const HAS_FISH = installed('fish');
/** Every command as the program defines it, in order: the list grows with the tool, the test need not. */
const PROGRAM = createProgram(testContext().ctx);
// Hidden commands (the `__complete` helper the scripts call) are never offered.
const COMMANDS = PROGRAM.createHelp().visibleCommands(PROGRAM).map((c) => c.name()).filter((n) => n !== 'help').join(' ');
/** Appended to the names of tests that cannot run here, so the skip says why. */
const unless = (ok: boolean, shell: string) => (ok ? '' : ` (skipped: ${shell} is not installed; apt-get install ${shell})`);

/** Each case: the words before and at the cursor, as readline splits them (`=` and `:` are words). */
function bashComplete(cases: string[][]): string[] {
  const calls = cases.map((words) => {
    const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
    return `COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; COMP_LINE="\${COMP_WORDS[*]}"; COMP_POINT=\${#COMP_LINE}; COMPREPLY=(); _fibe_audit; echo "\${COMPREPLY[*]}"`;
  });
  const script = [`source '${dir}fibe-audit.bash'`, `complete -p fibe-audit >/dev/null || exit 9`, ...calls].join('\n');
  return execFileSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8', cwd: dir }).split('\n').slice(0, -1);
}

describe('bash', () => {
  it.each([
    [['fibe-audit', 'q'], 'query'],
    [['fibe-audit', 'query', '--output', ''], 'table json ndjson csv'],
    [['fibe-audit', 'q', '-o', 'nd'], 'ndjson'],
    [['fibe-audit', 'query', '--output', '=', ''], 'table json ndjson csv'],
    [['fibe-audit', 'query', '--output', '=', 'c'], 'csv'],
    [['fibe-audit', 'query', '--actor', ''], 'user: key: genie: automation:'],
    [['fibe-audit', 'actor', 'ge'], 'genie:'],
    [['fibe-audit', 'actor', 'key', ':', '15', '--li'], '--limit'],
    [['fibe-audit', 'summary', '--by', 'actor'], 'actor actor_type'],
    [['fibe-audit', 'query', '--actor-type', 'a'], 'api_key automation'],
    [['fibe-audit', 'export', '--format', ''], 'csv json ndjson parquet'],
    [['fibe-audit', 'auth', 'lo'], 'login logout'],
    [['fibe-audit', '--tz', 'UTC', 'auth', 'login', '--w'], '--with-token'],
    [['fibe-audit', 'completion', ''], 'bash zsh fish'],
    [['fibe-audit', 'query', '--search', 'summary', '--ord'], '--order'],
    [['fibe-audit', 'export', '--out', 'fibe-audit.b'], 'fibe-audit.bash'],
  ])('%j -> %j', (words, expected) => {
    expect(bashComplete([words])).toEqual([expected]);
  });
});

describe('zsh', () => {
  it.skipIf(!HAS_ZSH)(`parses (zsh -n)${unless(HAS_ZSH, 'zsh')}`, () => {
    expect(spawnSync('zsh', ['-n', `${dir}_fibe-audit`], { encoding: 'utf8' }).stderr).toBe('');
  });

  // compadd, _describe and _files only exist inside zle's completion; stand-ins print what they are given.
  it.skipIf(!HAS_ZSH)(`offers subcommands, option values and actor kinds${unless(HAS_ZSH, 'zsh')}`, () => {
    const script = `
compdef() { :; }
compadd() { while [[ $1 != -- ]]; do shift; done; shift; print -r -- "$*"; }
_describe() { local -a items; items=("\${(@P)4}"); print -r -- "\${(j: :)\${(@)items%%:*}}"; }
_files() { print -r -- files; }
compset() { PREFIX=\${PREFIX#*=}; }
source '${dir}_fibe-audit'
t() { words=("$@"); CURRENT=\${#words}; PREFIX=\${words[-1]}; _fibe_audit; }
t fibe-audit ''
t fibe-audit query --output ''
t fibe-audit query --output=j
t fibe-audit actor ''
t fibe-audit auth ''
t fibe-audit export --out ''
`;
    const out = execFileSync('zsh', ['-f', '-c', script], { encoding: 'utf8' }).split('\n');
    expect(out.slice(0, 6)).toEqual([
      `${COMMANDS} help`,
      'table json ndjson csv',
      'table json ndjson csv',
      'user: key: genie: automation:',
      expect.stringMatching(/^login status list use logout help$/),
      'files',
    ]);
  });
});

describe('fish', () => {
  it.skipIf(!HAS_FISH)(`parses (fish -n)${unless(HAS_FISH, 'fish')}`, () => {
    expect(spawnSync('fish', ['-n', `${dir}fibe-audit.fish`], { encoding: 'utf8' }).stderr).toBe('');
  });

  it.skipIf(!HAS_FISH)(`completes command lines (complete -C)${unless(HAS_FISH, 'fish')}`, () => {
    const lines = ['fibe-audit q', 'fibe-audit query --output ', 'fibe-audit query --output=', 'fibe-audit actor ', 'fibe-audit auth login --w', 'fibe-audit completion '];
    const script = [`source '${dir}fibe-audit.fish'`, ...lines.map((l) => `echo (complete -C '${l}' | string replace -r '\\t.*' '' | string join ' ')`)].join('\n');
    const out = execFileSync('fish', ['--no-config', '-c', script], { encoding: 'utf8' }).split('\n');
    expect(out.slice(0, lines.length)).toEqual([
      'query',
      'csv json ndjson table',
      '--output=csv --output=json --output=ndjson --output=table',
      'automation: genie: key: user:',
      '--with-token',
      'bash fish zsh',
    ]);
  });
});
