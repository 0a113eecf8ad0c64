// Generates the zsh completion script (works from $fpath as `_fibe-audit` and when sourced): the same
// walker as bash over zsh's `words`, with descriptions for subcommands and options.
import { COMPLETE_COMMAND, flagsOf, optionsAt, walkCommands, type CommandSpec, type ValueSpec } from './spec.js';
import { functionName, oneLine, quote } from './shell-words.js';

type Case = [pattern: string, body: string];

function caseBlock(subject: string, cases: Case[], fallback: string): string {
  const lines = cases.map(([pattern, body]) => `    (${pattern}) ${body} ;;`);
  return [`  case "${subject}" in`, ...lines, `    (*) ${fallback} ;;`, '  esac'].join('\n');
}

/** `name:description` items for _describe (a colon in the name itself must be escaped). */
function described(name: string, description: string): string {
  return quote(`${name.replace(/:/g, '\\:')}:${oneLine(description)}`);
}

function valueBody(value: ValueSpec): string {
  switch (value.kind) {
    case 'words':
      return `compadd -- ${value.words.map((w) => quote(w)).join(' ')}`;
    case 'prefixes':
      return `compadd -S '' -- ${value.words.map((w) => quote(w)).join(' ')}`;
    case 'file':
      return '_files';
    case 'dynamic':
      // The CLI being completed (first word) lists the words, one a line.
      return `local -a found; found=(\${(f)"$(\${words[1]} ${COMPLETE_COMMAND} ${value.source} 2>/dev/null)"}); compadd -- "\${found[@]}"`;
    case 'list':
      return `_values -s , 'item' ${value.words.map((w) => quote(w)).join(' ')}`;
    case 'any':
      return ':';
  }
}

export function renderZsh(root: CommandSpec): string {
  const fn = functionName(root.name);
  const key = (path: string[]) => quote(path.join(' '));
  const children: Case[] = [];
  const childList: Case[] = [];
  const options: Case[] = [];
  const valueOptions: Case[] = [];
  const values: Case[] = [];
  const args: Case[] = [];
  for (const { path, command, inherited } of walkCommands(root)) {
    for (const child of command.commands) {
      const pattern = [child.name, ...child.aliases].map((n) => quote(`${path.join(' ')}|${n}`)).join('|');
      children.push([pattern, `REPLY=${quote(child.name)}`]);
    }
    if (command.commands.length > 0) {
      childList.push([key(path), `reply=(${command.commands.map((c) => described(c.name, c.description)).join(' ')})`]);
    }
    const accepted = optionsAt(command, inherited);
    const items = accepted.flatMap((o) => flagsOf(o).map((f) => described(f, o.description)));
    options.push([key(path), `reply=(${items.join(' ')})`]);
    const withValue = accepted.filter((o) => o.value !== null);
    if (withValue.length > 0) valueOptions.push([key(path), `REPLY=${quote(withValue.flatMap(flagsOf).join(' '))}`]);
    for (const option of withValue) {
      values.push([flagsOf(option).map((f) => quote(`${path.join(' ')}|${f}`)).join('|'), valueBody(option.value as ValueSpec)]);
    }
    command.args.forEach((arg, i) => {
      const pattern = arg.variadic ? `${quote(`${path.join(' ')}|`)}*` : quote(`${path.join(' ')}|${i}`);
      args.push([pattern, valueBody(arg.value)]);
    });
  }

  return `#compdef ${root.name}
# zsh completion for ${root.name}: generated from its command tree by \`${root.name} completion zsh\`; do not edit.
# Use: save as _${root.name} in a directory of your $fpath (before compinit runs), or source it after compinit.

# REPLY = the subcommand named by word $2 under command path $1 (aliases resolved), else empty.
${fn}_child() {
${caseBlock('$1|$2', children, 'REPLY=')}
}

# reply = the subcommands of path $1, as name:description.
${fn}_children() {
  reply=()
${caseBlock('$1', childList, ':')}
}

# reply = every option accepted at path $1 (its own and its parents'), as flag:description.
${fn}_options() {
  reply=()
${caseBlock('$1', options, ':')}
}

# REPLY = the options at path $1 that take a value.
${fn}_value_options() {
${caseBlock('$1', valueOptions, 'REPLY=')}
}

# Offers the values for option $2 at path $1.
${fn}_values() {
${caseBlock('$1|$2', values, ':')}
}

# Offers the values for argument $2 (0-based) at path $1; status 1 when the command has no such argument.
${fn}_argument() {
${caseBlock('$1|$2', args, 'return 1')}
}

${fn}() {
  local cmdpath='' pending='' w REPLY
  local -a reply
  local -i i nargs=0
  for (( i = 2; i < CURRENT; i++ )); do
    w=\${words[i]}
    if [[ -n $pending ]]; then pending=''; continue; fi
    if [[ $w == -* ]]; then
      [[ $w == *=* ]] && continue
      ${fn}_value_options "$cmdpath"
      [[ " $REPLY " == *" $w "* ]] && pending=$w
      continue
    fi
    ${fn}_child "$cmdpath" "$w"
    if [[ -n $REPLY ]]; then
      cmdpath="\${cmdpath:+$cmdpath }$REPLY"
      nargs=0
    else
      nargs+=1
    fi
  done
  if [[ -n $pending ]]; then
    ${fn}_values "$cmdpath" "$pending"
    return 0
  fi
  if [[ $PREFIX == -*=* ]]; then
    w=\${PREFIX%%=*}
    compset -P '*='
    ${fn}_values "$cmdpath" "$w"
    return 0
  fi
  if [[ $PREFIX != -* ]]; then
    ${fn}_children "$cmdpath"
    if (( \${#reply} )); then
      _describe -t commands 'command' reply
      return 0
    fi
    ${fn}_argument "$cmdpath" "$nargs" && return 0
  fi
  ${fn}_options "$cmdpath"
  _describe -t options 'option' reply
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${root.name}
fi
`;
}
