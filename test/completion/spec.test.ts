// The completion data read from commander: names, aliases, choices, value kinds, inherited options.
import { Argument, Command, Option } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { buildCompletionSpec, optionsAt, walkCommands, type CommandSpec } from '../../src/completion/spec.js';
import { createProgram } from '../../src/program.js';
import { testContext } from '../helpers/run-cli.js';

function find(root: CommandSpec, path: string[]): CommandSpec {
  const hit = walkCommands(root).find((c) => c.path.join(' ') === path.join(' '));
  if (!hit) throw new Error(`no command ${path.join(' ')}`);
  return hit.command;
}

describe('buildCompletionSpec on a small tree', () => {
  const program = new Command('tool')
    .option('-v, --verbose', 'talk')
    .option('--zone <tz>', 'zone')
    .addOption(new Option('--hidden <x>').hideHelp());
  program
    .command('get')
    .alias('g')
    .description('get things\nsecond line')
    .addOption(new Option('-f, --format <fmt>', 'format').choices(['a', 'b']))
    .option('--out <path>', 'file to write')
    .option('--actor <ref>', 'who')
    .addArgument(new Argument('[names...]', 'names'));
  const spec = buildCompletionSpec(program);

  it('reads commands, aliases, options, choices and argument kinds', () => {
    expect(spec.name).toBe('tool');
    expect(spec.commands.map((c) => c.name)).toEqual(['get', 'help']);
    const get = find(spec, ['get']);
    expect(get.aliases).toEqual(['g']);
    expect(get.options).toEqual([
      { short: '-f', long: '--format', description: 'format', value: { kind: 'words', words: ['a', 'b'], exhaustive: true } },
      { long: '--out', description: 'file to write', value: { kind: 'file' } },
      { long: '--actor', description: 'who', value: { kind: 'prefixes', words: ['user:', 'key:', 'genie:', 'automation:'] } },
      { short: '-h', long: '--help', description: 'display help for command', value: null },
    ]);
    expect(get.args).toEqual([{ name: 'names', variadic: true, value: { kind: 'any' } }]);
    expect(find(spec, ['help']).args).toEqual([
      { name: 'command', variadic: false, value: { kind: 'words', words: ['get'], exhaustive: true } },
    ]);
  });

  it('leaves hidden options out and adds the parents’ options once', () => {
    const root = walkCommands(spec);
    const get = root.find((c) => c.path.join() === 'get');
    const flags = optionsAt(get!.command, get!.inherited).map((o) => o.long);
    expect(flags).toEqual(['--format', '--out', '--actor', '--help', '--verbose', '--zone']);
    expect(flags).not.toContain('--hidden');
  });
});

describe('the fibe-audit tree', () => {
  const spec = buildCompletionSpec(createProgram(testContext().ctx));

  it('has the commands of SPEC.md, with query aliased q and auth nested', () => {
    expect(spec.commands.map((c) => c.name)).toEqual(expect.arrayContaining(['query', 'actor', 'keys', 'summary', 'export', 'auth', 'completion']));
    expect(find(spec, ['query']).aliases).toEqual(['q']);
    expect(find(spec, ['auth']).commands.map((c) => c.name)).toEqual(expect.arrayContaining(['login', 'status', 'list', 'use', 'logout']));
  });

  it.each([
    [['query'], '--output', ['table', 'json', 'ndjson', 'csv']],
    [['query'], '--order', ['desc', 'asc']],
    [['query'], '--actor-type', ['user', 'api_key', 'genie', 'automation', 'unknown']],
    [['summary'], '--by', ['action', 'actor', 'actor_type', 'resource_type', 'resource', 'channel', 'day', 'hour']],
    [['export'], '--format', ['csv', 'json', 'ndjson', 'parquet']],
  ])('%j %s offers %j', (path, flag, words) => {
    const option = find(spec, path).options.find((o) => o.long === flag);
    expect(option?.value).toEqual({ kind: 'words', words, exhaustive: true });
  });

  it('offers actor reference kinds for --actor and actor <ref>, files for --out', () => {
    const prefixes = { kind: 'prefixes', words: ['user:', 'key:', 'genie:', 'automation:'] };
    expect(find(spec, ['query']).options.find((o) => o.long === '--actor')?.value).toEqual(prefixes);
    expect(find(spec, ['actor']).args[0]?.value).toEqual(prefixes);
    expect(find(spec, ['export']).options.find((o) => o.long === '--out')?.value).toEqual({ kind: 'file' });
    expect(find(spec, ['completion']).args[0]?.value).toEqual({ kind: 'words', words: ['bash', 'zsh', 'fish'], exhaustive: true });
  });

  it('never offers the refused --api-key', () => {
    const all = walkCommands(spec).flatMap((c) => c.command.options.map((o) => o.long));
    expect(all).not.toContain('--api-key');
  });
});
