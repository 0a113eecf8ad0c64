// Generates the fish completion script: `complete` lines guarded by a helper that walks the command
// line (like the bash walker) to the subcommand path and the index of the argument being typed.
import { COMPLETE_COMMAND, flagsOf, optionsAt, walkCommands, type CommandSpec, type OptionSpec, type ValueSpec } from './spec.js';
import { functionName, oneLine, quote } from './shell-words.js';

const q = (word: string) => quote(word, 'fish');

/** `complete` flags for a value: -x for closed or open text (no files), -r -F for paths. */
function valueFlags(value: ValueSpec, program: string, fn: string): string {
  switch (value.kind) {
    case 'words':
    case 'prefixes':
      return `-x -a ${q(value.words.join(' '))}`;
    case 'file':
      return '-r -F';
    case 'dynamic':
      return `-x -a ${q(`(${program} ${COMPLETE_COMMAND} ${value.source} 2>/dev/null)`)}`;
    case 'list':
      return `-x -a ${q(`(__fish_complete_list , __${fn}_words_${listName(value.words)})`)}`;
    case 'any':
      return '-x';
  }
}

/** A stable helper-function name for a word list (one helper per distinct list). */
function listName(words: string[]): string {
  return words[0]?.replace(/[^A-Za-z0-9]/g, '_') ?? 'none';
}

function optionLine(program: string, fn: string, condition: string, option: OptionSpec): string {
  const parts = [`complete -c ${program}`, condition];
  if (option.short) parts.push(`-s ${option.short.slice(1)}`);
  if (option.long) parts.push(`-l ${option.long.slice(2)}`);
  if (option.value) parts.push(valueFlags(option.value, program, fn));
  parts.push(`-d ${q(oneLine(option.description))}`);
  return parts.filter(Boolean).join(' ');
}

export function renderFish(root: CommandSpec): string {
  const fn = functionName(root.name).slice(1);
  const program = root.name;
  const all = walkCommands(root);
  const lines: string[] = [];
  const childCases: string[] = [];
  const valueOptionCases: string[] = [];
  // Word lists of comma-separated values (`--columns`): one helper each, for __fish_complete_list.
  const lists = new Map<string, string[]>();
  for (const { command } of all) {
    for (const o of command.options) if (o.value?.kind === 'list') lists.set(listName(o.value.words), o.value.words);
  }
  const listHelpers = [...lists].map(([name, words]) => `function __${fn}_words_${name}\n    printf '%s\\n' ${words.map(q).join(' ')}\nend\n`);
  for (const { path, command, inherited } of all) {
    const at = path.length === 0 ? `-n '__${fn}_at'` : `-n ${q(`__${fn}_at ${path.join(' ')}`)}`;
    const within = path.length === 0 ? '' : `-n ${q(`__${fn}_in ${path.join(' ')}`)}`;
    for (const child of command.commands) {
      lines.push(`complete -c ${program} ${at} -a ${q(child.name)} -d ${q(oneLine(child.description))}`);
      const names = [child.name, ...child.aliases].map((n) => q(`${path.join(' ')}|${n}`)).join(' ');
      childCases.push(`        case ${names}\n            echo ${q(child.name)}`);
    }
    // A command's options also apply under its subcommands; ones its parents declared are there already.
    const inheritedFlags = new Set(inherited.flatMap(flagsOf));
    for (const option of command.options) {
      if (flagsOf(option).some((f) => inheritedFlags.has(f))) continue;
      lines.push(optionLine(program, fn, within, option));
    }
    const withValue = optionsAt(command, inherited).filter((o) => o.value !== null).flatMap(flagsOf);
    if (withValue.length > 0) valueOptionCases.push(`        case ${q(path.join(' '))}\n            echo ${withValue.map(q).join(' ')}`);
    command.args.forEach((arg, i) => {
      const index = arg.variadic ? `${i}+` : String(i);
      lines.push(`complete -c ${program} -n ${q(`__${fn}_arg ${index} ${path.join(' ')}`.trimEnd())} ${valueFlags(arg.value, program, fn)}`);
    });
  }

  return `# fish completion for ${program}: generated from its command tree by \`${program} completion fish\`; do not edit.
# Use: save as ~/.config/fish/completions/${program}.fish

# Prints the subcommand named by $argv[2] under command path $argv[1] (aliases resolved).
function __${fn}_child
    switch "$argv[1]|$argv[2]"
${childCases.join('\n')}
    end
end

# Prints the options at path $argv[1] that take a value.
function __${fn}_value_options
    switch "$argv[1]"
${valueOptionCases.join('\n')}
    end
end

# Prints the subcommand path of the command line (first line) and how many arguments follow it (second).
function __${fn}_state
    set -l cmdpath ''
    set -l pending 0
    set -l nargs 0
    for w in (commandline -opc)[2..-1]
        if test $pending = 1
            set pending 0
            continue
        end
        switch $w
            case '-*=*'
                continue
            case '-*'
                contains -- $w (__${fn}_value_options "$cmdpath"); and set pending 1
                continue
        end
        set -l child (__${fn}_child "$cmdpath" $w)
        if test -n "$child"
            set cmdpath (string trim -- "$cmdpath $child")
            set nargs 0
        else
            set nargs (math $nargs + 1)
        end
    end
    echo $cmdpath
    echo $nargs
end

# True when the command line is at exactly the path in $argv.
function __${fn}_at
    set -l state (__${fn}_state)
    test "$state[1]" = "$argv"
end

# True when the command line is at the path in $argv or below it.
function __${fn}_in
    set -l state (__${fn}_state)
    test "$state[1]" = "$argv"; or string match -q -- "$argv *" "$state[1]"
end

# True when the word being typed is argument $argv[1] (N, or N+ for N and after) of the path in $argv[2..].
function __${fn}_arg
    set -l state (__${fn}_state)
    test "$state[1]" = "$argv[2..-1]"; or return 1
    string match -q -- '*+' $argv[1]; and test $state[2] -ge (string trim -c + -- $argv[1]); and return 0
    test $state[2] = $argv[1]
end

${listHelpers.map((h) => `# Prints the items of a comma-separated value, one a line.\n${h}`).join('\n')}
complete -c ${program} -f
${lines.join('\n')}
`;
}
