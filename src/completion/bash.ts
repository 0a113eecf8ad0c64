// Generates the bash completion script from the command tree. Static data in case tables, one walker:
// it reads the words before the cursor to find the subcommand and whether an option awaits its value.
import { COMPLETE_COMMAND, flagsOf, optionsAt, walkCommands, type CommandSpec, type ValueSpec } from './spec.js';
import { functionName, quote } from './shell-words.js';

type Case = [pattern: string, body: string];

function caseBlock(subject: string, cases: Case[], fallback: string): string {
  const lines = cases.map(([pattern, body]) => `    ${pattern}) ${body} ;;`);
  return [`  case "${subject}" in`, ...lines, `    *) ${fallback} ;;`, '  esac'].join('\n');
}

const words = (list: string[]) => quote(list.join(' '));

/** The statement that fills COMPREPLY for a value; false when nothing can be offered. */
function valueBody(value: ValueSpec): string | undefined {
  switch (value.kind) {
    case 'words':
      return `COMPREPLY=($(compgen -W ${words(value.words)} -- "$cur"))`;
    case 'prefixes':
      return `compopt -o nospace 2>/dev/null; COMPREPLY=($(compgen -W ${words(value.words)} -- "$cur"))`;
    case 'file':
      return `compopt -o filenames 2>/dev/null; local IFS=$'\\n'; COMPREPLY=($(compgen -f -- "$cur"))`;
    case 'dynamic':
      // The CLI the user is typing (first word) lists the words; one a line, so a word may hold spaces.
      return `local IFS=$'\\n'; COMPREPLY=($(compgen -W "$("\${COMP_WORDS[0]}" ${COMPLETE_COMMAND} ${value.source} 2>/dev/null)" -- "$cur"))`;
    case 'list':
      // Complete the item after the last comma, keeping what came before it.
      return `local pre=''; [[ $cur == *,* ]] && pre="\${cur%,*},"; compopt -o nospace 2>/dev/null; COMPREPLY=($(compgen -P "$pre" -W ${words(value.words)} -- "\${cur##*,}"))`;
    case 'any':
      return undefined;
  }
}

export function renderBash(root: CommandSpec): string {
  const fn = functionName(root.name);
  const all = walkCommands(root);
  const key = (path: string[]) => quote(path.join(' '));

  const children: Case[] = [];
  const childNames: Case[] = [];
  const valueOptions: Case[] = [];
  const options: Case[] = [];
  const values: Case[] = [];
  const args: Case[] = [];
  for (const { path, command, inherited } of all) {
    for (const child of command.commands) {
      const pattern = [child.name, ...child.aliases].map((n) => quote(`${path.join(' ')}|${n}`)).join('|');
      children.push([pattern, `REPLY=${quote(child.name)}`]);
    }
    if (command.commands.length > 0) childNames.push([key(path), `REPLY=${words(command.commands.map((c) => c.name))}`]);
    const accepted = optionsAt(command, inherited);
    options.push([key(path), `REPLY=${words(accepted.flatMap(flagsOf))}`]);
    const withValue = accepted.filter((o) => o.value !== null);
    if (withValue.length > 0) valueOptions.push([key(path), `REPLY=${words(withValue.flatMap(flagsOf))}`]);
    for (const option of withValue) {
      const body = valueBody(option.value as ValueSpec);
      if (body) values.push([flagsOf(option).map((f) => quote(`${path.join(' ')}|${f}`)).join('|'), body]);
    }
    command.args.forEach((arg, i) => {
      const body = valueBody(arg.value) ?? ':';
      const pattern = arg.variadic ? `${quote(`${path.join(' ')}|`)}*` : quote(`${path.join(' ')}|${i}`);
      args.push([pattern, body]);
    });
  }

  return `# bash completion for ${root.name}: generated from its command tree by \`${root.name} completion bash\`; do not edit.
# Use: source this file from ~/.bashrc, or copy it to ~/.local/share/bash-completion/completions/${root.name}

# REPLY = the subcommand named by word $2 under command path $1 (aliases resolved), else empty.
${fn}_child() {
${caseBlock('$1|$2', children, 'REPLY=')}
}

# REPLY = the subcommands of path $1.
${fn}_children() {
${caseBlock('$1', childNames, 'REPLY=')}
}

# REPLY = every option accepted at path $1 (its own and its parents').
${fn}_options() {
${caseBlock('$1', options, 'REPLY=')}
}

# REPLY = the options at path $1 that take a value.
${fn}_value_options() {
${caseBlock('$1', valueOptions, 'REPLY=')}
}

# COMPREPLY = the values for option $2 at path $1.
${fn}_values() {
${caseBlock('$1|$2', values, ':')}
}

# COMPREPLY = the values for argument $2 (0-based) at path $1; status 1 when the command has no such argument.
${fn}_argument() {
${caseBlock('$1|$2', args, 'return 1')}
}

${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmdpath='' pending='' glued=0 nargs=0 i w REPLY
  COMPREPLY=()
  # readline splits --opt=value and kind:value at = and :, so those arrive as words of their own.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    if [[ -n $pending ]]; then
      [[ $w == '=' ]] || pending=''
      continue
    fi
    if ((glued)); then glued=0; continue; fi
    if [[ $w == ':' || $w == '=' ]]; then glued=1; continue; fi
    if [[ $w == -* ]]; then
      ${fn}_value_options "$cmdpath"
      [[ " $REPLY " == *" $w "* ]] && pending=$w
      continue
    fi
    ${fn}_child "$cmdpath" "$w"
    if [[ -n $REPLY ]]; then
      cmdpath="\${cmdpath:+$cmdpath }$REPLY"
      nargs=0
    else
      nargs=$((nargs + 1))
    fi
  done
  if [[ -n $pending ]]; then
    [[ $cur == '=' ]] && cur=''
    ${fn}_values "$cmdpath" "$pending"
    return 0
  fi
  ((glued)) && return 0
  if [[ $cur != -* ]]; then
    ${fn}_children "$cmdpath"
    if [[ -n $REPLY ]]; then
      COMPREPLY=($(compgen -W "$REPLY" -- "$cur"))
      return 0
    fi
    ${fn}_argument "$cmdpath" "$nargs" && return 0
  fi
  ${fn}_options "$cmdpath"
  COMPREPLY=($(compgen -W "$REPLY" -- "$cur"))
}

complete -F ${fn} ${root.name}
`;
}
