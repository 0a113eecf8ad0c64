// The command tree as completion data: walks commander's Command objects (names, aliases, options with
// their choices, arguments) into one plain structure the bash, zsh and fish generators share.
import type { Argument, CommandUnknownOpts, Option } from '@commander-js/extra-typings';
import { CSV_COLUMNS } from '../render/columns.js';
import type { DynamicSource } from './dynamic.js';

export { COMPLETE_COMMAND } from './dynamic.js';

/** What may follow an option or stand in an argument's place. */
export type ValueSpec =
  | { kind: 'any' }
  | { kind: 'file' }
  /** Complete words; `exhaustive` when they are the only accepted values (commander choices). */
  | { kind: 'words'; words: string[]; exhaustive: boolean }
  /** Word beginnings the user finishes, so no space follows them (actor refs: `key:`). */
  | { kind: 'prefixes'; words: string[] }
  /** Words known only at completion time, asked of the CLI itself: `<program> __complete <source>`. */
  | { kind: 'dynamic'; source: DynamicSource }
  /** A comma-separated list of these words (`--columns id,action`): each item completes on its own. */
  | { kind: 'list'; words: string[] };


export interface OptionSpec {
  short?: string;
  long?: string;
  description: string;
  /** null: a flag without a value. */
  value: ValueSpec | null;
}

export interface ArgumentSpec {
  name: string;
  variadic: boolean;
  value: ValueSpec;
}

export interface CommandSpec {
  name: string;
  aliases: string[];
  description: string;
  /** This command's own options; a subcommand also accepts its ancestors' (see optionsAt). */
  options: OptionSpec[];
  args: ArgumentSpec[];
  commands: CommandSpec[];
}

/** SPEC.md "Actors": the kinds of an actor reference; the rest is an id or label the user knows. */
export const ACTOR_REF_PREFIXES = ['user:', 'key:', 'genie:', 'automation:'];

// Values worth offering where the option takes open text (suggestions, not a closed list).
const SUGGESTIONS: Record<string, string[]> = {
  '--channel': ['api', 'ui', 'system', 'webhook'],
};

// Stored profiles and the runtime's zones change after the script is written: asked for at completion time.
const DYNAMIC: Record<string, DynamicSource> = {
  '--profile': 'profiles',
  '--tz': 'zones',
};

function valueFor(valueName: string, choices: readonly string[] | undefined, long?: string): ValueSpec {
  if (choices && choices.length > 0) return { kind: 'words', words: [...choices], exhaustive: true };
  const dynamic = long ? DYNAMIC[long] : undefined;
  if (dynamic) return { kind: 'dynamic', source: dynamic };
  if (long === '--columns') return { kind: 'list', words: [...CSV_COLUMNS] };
  if (long === '--actor' || valueName === 'ref') return { kind: 'prefixes', words: ACTOR_REF_PREFIXES };
  if (/path|file/i.test(valueName)) return { kind: 'file' };
  const suggested = long ? SUGGESTIONS[long] : undefined;
  if (suggested) return { kind: 'words', words: suggested, exhaustive: false };
  return { kind: 'any' };
}

function optionSpec(option: Option): OptionSpec {
  const valueName = /[<[]([^>\]]*)[>\]]/.exec(option.flags)?.[1] ?? '';
  const takesValue = option.required || option.optional;
  return {
    ...(option.short ? { short: option.short } : {}),
    ...(option.long ? { long: option.long } : {}),
    description: option.description,
    value: takesValue ? valueFor(valueName, option.argChoices, option.long) : null,
  };
}

function argumentSpec(arg: Argument, siblings: string[], commandName: string): ArgumentSpec {
  // commander's implicit `help [command]` takes the name of a sibling command.
  let value: ValueSpec = valueFor(arg.name(), arg.argChoices);
  if (commandName === 'help' && arg.name() === 'command') value = { kind: 'words', words: siblings, exhaustive: true };
  // `auth use <name>` names a stored profile.
  if (commandName === 'use' && arg.name() === 'name') value = { kind: 'dynamic', source: 'profiles' };
  return { name: arg.name(), variadic: arg.variadic, value };
}

function commandSpec(cmd: CommandUnknownOpts, siblings: string[]): CommandSpec {
  const help = cmd.createHelp();
  const children = help.visibleCommands(cmd);
  const childNames = children.map((c) => c.name()).filter((n) => n !== 'help');
  return {
    name: cmd.name(),
    aliases: [...cmd.aliases()],
    description: cmd.summary() || cmd.description(),
    options: help.visibleOptions(cmd).map(optionSpec),
    args: cmd.registeredArguments.map((a) => argumentSpec(a, siblings, cmd.name())),
    commands: children.map((c) => commandSpec(c, childNames)),
  };
}

/** The whole tree under `program` (the root command: its name is the executable's). */
export function buildCompletionSpec(program: CommandUnknownOpts): CommandSpec {
  return commandSpec(program, []);
}

/** Every command with its path of names from the root (the root's path is empty), depth first. */
export function walkCommands(root: CommandSpec): Array<{ path: string[]; command: CommandSpec; inherited: OptionSpec[] }> {
  const out: Array<{ path: string[]; command: CommandSpec; inherited: OptionSpec[] }> = [];
  const visit = (command: CommandSpec, path: string[], inherited: OptionSpec[]) => {
    out.push({ path, command, inherited });
    for (const child of command.commands) visit(child, [...path, child.name], [...inherited, ...command.options]);
  };
  visit(root, [], []);
  return out;
}

/** The options accepted at a command: its own, then its ancestors' from the root down (global options work anywhere). */
export function optionsAt(command: CommandSpec, inherited: OptionSpec[]): OptionSpec[] {
  const seen = new Set<string>();
  const out: OptionSpec[] = [];
  for (const option of [...command.options, ...inherited]) {
    const key = option.long ?? option.short ?? '';
    if (seen.has(key) || (option.short && seen.has(option.short))) continue;
    seen.add(key);
    if (option.short) seen.add(option.short);
    out.push(option);
  }
  return out;
}

/** `-o` and `--output` for an option, in that order. */
export function flagsOf(option: OptionSpec): string[] {
  return [option.short, option.long].filter((f): f is string => Boolean(f));
}
