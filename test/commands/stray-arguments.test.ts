// A word no command takes (most often a duration typed with a space) is named, with the fix, exit 2.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('stray arguments', () => {
  it.each([
    [['query', '--since', '3', 'days'], "unexpected argument 'days' for 'query'", 'durations take no space: --since 3d'],
    [['summary', '--until', '2', 'hours', '--by', 'day'], "unexpected argument 'hours' for 'summary'", 'durations take no space: --until 2h'],
    [['actor', 'key:15', '--since', '90', 'min'], "unexpected argument 'min' for 'actor'", 'durations take no space: --since 90m'],
    [['keys', '--since', '2', 'weeks'], "unexpected argument 'weeks' for 'keys'", 'durations take no space: --since 2w'],
    [['query', '--search', 'two', 'words'], "unexpected argument 'words' for 'query'", "see 'fibe-audit query --help'; quote a value that holds spaces"],
    [['auth', 'status', 'extra'], "unexpected argument 'extra' for 'auth status'", "see 'fibe-audit auth status --help'; quote a value that holds spaces"],
  ])('%j', async (argv, message, hint) => {
    const r = await runCli(argv);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: ${message}\nhint: ${hint}\n`);
  });

  it('help for a command that does not exist says so instead of printing the whole page', async () => {
    const r = await runCli(['help', 'nosuch']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("error: unknown command 'nosuch'\nhint: 'fibe-audit --help' lists the commands\n");
    const known = await runCli(['help', 'q']);
    expect(known.exitCode).toBe(0);
    expect(known.stdout).toMatch(/^Usage: fibe-audit query\|q/);
    const helpHelp = await runCli(['help', 'help']);
    expect(helpHelp.exitCode).toBe(0);
    expect(helpHelp.stdout).toMatch(/^Usage: fibe-audit \[options\] \[command\]/);
  });

  it('an unknown command is still reported as one', async () => {
    const r = await runCli(['qurey']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'qurey'/);
  });
});
