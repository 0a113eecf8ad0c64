# bash completion for fibe-audit: generated from its command tree by `fibe-audit completion bash`; do not edit.
# Use: source this file from ~/.bashrc, or copy it to ~/.local/share/bash-completion/completions/fibe-audit

# REPLY = the subcommand named by word $2 under command path $1 (aliases resolved), else empty.
_fibe_audit_child() {
  case "$1|$2" in
    '|query'|'|q') REPLY='query' ;;
    '|actor') REPLY='actor' ;;
    '|keys') REPLY='keys' ;;
    '|summary') REPLY='summary' ;;
    '|export') REPLY='export' ;;
    '|report') REPLY='report' ;;
    '|sync') REPLY='sync' ;;
    '|mirror') REPLY='mirror' ;;
    '|sql') REPLY='sql' ;;
    '|auth') REPLY='auth' ;;
    '|completion') REPLY='completion' ;;
    '|help') REPLY='help' ;;
    'mirror|status') REPLY='status' ;;
    'mirror|drop') REPLY='drop' ;;
    'mirror|help') REPLY='help' ;;
    'auth|login') REPLY='login' ;;
    'auth|status') REPLY='status' ;;
    'auth|list') REPLY='list' ;;
    'auth|use') REPLY='use' ;;
    'auth|logout') REPLY='logout' ;;
    'auth|help') REPLY='help' ;;
    *) REPLY= ;;
  esac
}

# REPLY = the subcommands of path $1.
_fibe_audit_children() {
  case "$1" in
    '') REPLY='query actor keys summary export report sync mirror sql auth completion help' ;;
    'mirror') REPLY='status drop help' ;;
    'auth') REPLY='login status list use logout help' ;;
    *) REPLY= ;;
  esac
}

# REPLY = every option accepted at path $1 (its own and its parents').
_fibe_audit_options() {
  case "$1" in
    '') REPLY='-V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror -h --help' ;;
    'query') REPLY='--limit --all --order -o --output --columns --no-csv-guard --file -f --follow --interval --checkpoint --reset-checkpoint --action --actor --actor-type --resource --channel --search --since --until -h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'actor') REPLY='--limit --all -o --output --no-csv-guard --file --action --actor --actor-type --resource --channel --search --since --until -h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'keys') REPLY='--since --until -o --output --no-csv-guard -h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'summary') REPLY='--by --top -o --output --no-csv-guard --file --action --actor --actor-type --resource --channel --search --since --until -h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'export') REPLY='--out --format --partition --force --concurrency --manifest --checkpoint --reset-checkpoint --no-csv-guard --action --actor --actor-type --resource --channel --search --since --until -h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'report') REPLY='--out --force --file --action --actor --actor-type --resource --channel --search --since --until -h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'sync') REPLY='--since --overlap --concurrency -o --output -h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'mirror') REPLY='-h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'mirror status') REPLY='-o --output -h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'mirror drop') REPLY='--yes -h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'mirror help') REPLY='-V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror -h --help' ;;
    'sql') REPLY='-o --output --no-csv-guard -h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'auth') REPLY='-h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'auth login') REPLY='--with-token -h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'auth status') REPLY='--json -h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'auth list') REPLY='--json -h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'auth use') REPLY='-h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'auth logout') REPLY='-h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'auth help') REPLY='-V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror -h --help' ;;
    'completion') REPLY='-h --help -V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror' ;;
    'help') REPLY='-V --version --profile --domain --no-color -q --quiet --verbose --tz --max-wait --source --mirror -h --help' ;;
    *) REPLY= ;;
  esac
}

# REPLY = the options at path $1 that take a value.
_fibe_audit_value_options() {
  case "$1" in
    '') REPLY='--profile --domain --tz --max-wait --source --mirror' ;;
    'query') REPLY='--limit --order -o --output --columns --file --interval --checkpoint --action --actor --actor-type --resource --channel --search --since --until --profile --domain --tz --max-wait --source --mirror' ;;
    'actor') REPLY='--limit -o --output --file --action --actor --actor-type --resource --channel --search --since --until --profile --domain --tz --max-wait --source --mirror' ;;
    'keys') REPLY='--since --until -o --output --profile --domain --tz --max-wait --source --mirror' ;;
    'summary') REPLY='--by --top -o --output --file --action --actor --actor-type --resource --channel --search --since --until --profile --domain --tz --max-wait --source --mirror' ;;
    'export') REPLY='--out --format --partition --concurrency --checkpoint --action --actor --actor-type --resource --channel --search --since --until --profile --domain --tz --max-wait --source --mirror' ;;
    'report') REPLY='--out --file --action --actor --actor-type --resource --channel --search --since --until --profile --domain --tz --max-wait --source --mirror' ;;
    'sync') REPLY='--since --overlap --concurrency -o --output --profile --domain --tz --max-wait --source --mirror' ;;
    'mirror') REPLY='--profile --domain --tz --max-wait --source --mirror' ;;
    'mirror status') REPLY='-o --output --profile --domain --tz --max-wait --source --mirror' ;;
    'mirror drop') REPLY='--profile --domain --tz --max-wait --source --mirror' ;;
    'mirror help') REPLY='--profile --domain --tz --max-wait --source --mirror' ;;
    'sql') REPLY='-o --output --profile --domain --tz --max-wait --source --mirror' ;;
    'auth') REPLY='--profile --domain --tz --max-wait --source --mirror' ;;
    'auth login') REPLY='--profile --domain --tz --max-wait --source --mirror' ;;
    'auth status') REPLY='--profile --domain --tz --max-wait --source --mirror' ;;
    'auth list') REPLY='--profile --domain --tz --max-wait --source --mirror' ;;
    'auth use') REPLY='--profile --domain --tz --max-wait --source --mirror' ;;
    'auth logout') REPLY='--profile --domain --tz --max-wait --source --mirror' ;;
    'auth help') REPLY='--profile --domain --tz --max-wait --source --mirror' ;;
    'completion') REPLY='--profile --domain --tz --max-wait --source --mirror' ;;
    'help') REPLY='--profile --domain --tz --max-wait --source --mirror' ;;
    *) REPLY= ;;
  esac
}

# COMPREPLY = the values for option $2 at path $1.
_fibe_audit_values() {
  case "$1|$2" in
    '|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    '|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    '|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    '|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'query|--order') COMPREPLY=($(compgen -W 'desc asc' -- "$cur")) ;;
    'query|-o'|'query|--output') COMPREPLY=($(compgen -W 'table json ndjson csv' -- "$cur")) ;;
    'query|--columns') local pre=''; [[ $cur == *,* ]] && pre="${cur%,*},"; compopt -o nospace 2>/dev/null; COMPREPLY=($(compgen -P "$pre" -W 'id created_at action actor_kind actor_id actor_label actor_type channel resource_type resource_id resource_name metadata' -- "${cur##*,}")) ;;
    'query|--file') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'query|--checkpoint') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'query|--actor') compopt -o nospace 2>/dev/null; COMPREPLY=($(compgen -W 'user: key: genie: automation:' -- "$cur")) ;;
    'query|--actor-type') COMPREPLY=($(compgen -W 'user api_key genie automation unknown' -- "$cur")) ;;
    'query|--channel') COMPREPLY=($(compgen -W 'api ui system webhook' -- "$cur")) ;;
    'query|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'query|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'query|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'query|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'actor|-o'|'actor|--output') COMPREPLY=($(compgen -W 'table json ndjson csv' -- "$cur")) ;;
    'actor|--file') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'actor|--actor') compopt -o nospace 2>/dev/null; COMPREPLY=($(compgen -W 'user: key: genie: automation:' -- "$cur")) ;;
    'actor|--actor-type') COMPREPLY=($(compgen -W 'user api_key genie automation unknown' -- "$cur")) ;;
    'actor|--channel') COMPREPLY=($(compgen -W 'api ui system webhook' -- "$cur")) ;;
    'actor|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'actor|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'actor|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'actor|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'keys|-o'|'keys|--output') COMPREPLY=($(compgen -W 'table json csv' -- "$cur")) ;;
    'keys|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'keys|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'keys|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'keys|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'summary|--by') COMPREPLY=($(compgen -W 'action actor actor_type resource_type resource channel day hour' -- "$cur")) ;;
    'summary|-o'|'summary|--output') COMPREPLY=($(compgen -W 'table json csv' -- "$cur")) ;;
    'summary|--file') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'summary|--actor') compopt -o nospace 2>/dev/null; COMPREPLY=($(compgen -W 'user: key: genie: automation:' -- "$cur")) ;;
    'summary|--actor-type') COMPREPLY=($(compgen -W 'user api_key genie automation unknown' -- "$cur")) ;;
    'summary|--channel') COMPREPLY=($(compgen -W 'api ui system webhook' -- "$cur")) ;;
    'summary|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'summary|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'summary|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'summary|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'export|--out') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'export|--format') COMPREPLY=($(compgen -W 'csv json ndjson parquet' -- "$cur")) ;;
    'export|--partition') COMPREPLY=($(compgen -W 'day' -- "$cur")) ;;
    'export|--checkpoint') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'export|--actor') compopt -o nospace 2>/dev/null; COMPREPLY=($(compgen -W 'user: key: genie: automation:' -- "$cur")) ;;
    'export|--actor-type') COMPREPLY=($(compgen -W 'user api_key genie automation unknown' -- "$cur")) ;;
    'export|--channel') COMPREPLY=($(compgen -W 'api ui system webhook' -- "$cur")) ;;
    'export|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'export|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'export|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'export|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'report|--out') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'report|--file') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'report|--actor') compopt -o nospace 2>/dev/null; COMPREPLY=($(compgen -W 'user: key: genie: automation:' -- "$cur")) ;;
    'report|--actor-type') COMPREPLY=($(compgen -W 'user api_key genie automation unknown' -- "$cur")) ;;
    'report|--channel') COMPREPLY=($(compgen -W 'api ui system webhook' -- "$cur")) ;;
    'report|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'report|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'report|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'report|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'sync|-o'|'sync|--output') COMPREPLY=($(compgen -W 'text json' -- "$cur")) ;;
    'sync|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'sync|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'sync|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'sync|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'mirror|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'mirror|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'mirror|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'mirror|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'mirror status|-o'|'mirror status|--output') COMPREPLY=($(compgen -W 'text json' -- "$cur")) ;;
    'mirror status|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'mirror status|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'mirror status|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'mirror status|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'mirror drop|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'mirror drop|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'mirror drop|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'mirror drop|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'mirror help|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'mirror help|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'mirror help|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'mirror help|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'sql|-o'|'sql|--output') COMPREPLY=($(compgen -W 'table json ndjson csv' -- "$cur")) ;;
    'sql|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'sql|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'sql|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'sql|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'auth|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'auth|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'auth|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'auth|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'auth login|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'auth login|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'auth login|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'auth login|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'auth status|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'auth status|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'auth status|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'auth status|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'auth list|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'auth list|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'auth list|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'auth list|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'auth use|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'auth use|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'auth use|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'auth use|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'auth logout|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'auth logout|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'auth logout|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'auth logout|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'auth help|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'auth help|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'auth help|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'auth help|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'completion|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'completion|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'completion|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'completion|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    'help|--profile') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'help|--tz') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete zones 2>/dev/null)" -- "$cur")) ;;
    'help|--source') COMPREPLY=($(compgen -W 'auto api mirror' -- "$cur")) ;;
    'help|--mirror') compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "$cur")) ;;
    *) : ;;
  esac
}

# COMPREPLY = the values for argument $2 (0-based) at path $1; status 1 when the command has no such argument.
_fibe_audit_argument() {
  case "$1|$2" in
    'actor|0') compopt -o nospace 2>/dev/null; COMPREPLY=($(compgen -W 'user: key: genie: automation:' -- "$cur")) ;;
    'mirror help|0') COMPREPLY=($(compgen -W 'status drop' -- "$cur")) ;;
    'sql|0') : ;;
    'auth use|0') local IFS=$'\n'; COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")) ;;
    'auth help|0') COMPREPLY=($(compgen -W 'login status list use logout' -- "$cur")) ;;
    'completion|0') COMPREPLY=($(compgen -W 'bash zsh fish' -- "$cur")) ;;
    'help|0') COMPREPLY=($(compgen -W 'query actor keys summary export report sync mirror sql auth completion' -- "$cur")) ;;
    *) return 1 ;;
  esac
}

_fibe_audit() {
  local cur="${COMP_WORDS[COMP_CWORD]}" cmdpath='' pending='' glued=0 nargs=0 i w REPLY
  COMPREPLY=()
  # readline splits --opt=value and kind:value at = and :, so those arrive as words of their own.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="${COMP_WORDS[i]}"
    if [[ -n $pending ]]; then
      [[ $w == '=' ]] || pending=''
      continue
    fi
    if ((glued)); then glued=0; continue; fi
    if [[ $w == ':' || $w == '=' ]]; then glued=1; continue; fi
    if [[ $w == -* ]]; then
      _fibe_audit_value_options "$cmdpath"
      [[ " $REPLY " == *" $w "* ]] && pending=$w
      continue
    fi
    _fibe_audit_child "$cmdpath" "$w"
    if [[ -n $REPLY ]]; then
      cmdpath="${cmdpath:+$cmdpath }$REPLY"
      nargs=0
    else
      nargs=$((nargs + 1))
    fi
  done
  if [[ -n $pending ]]; then
    [[ $cur == '=' ]] && cur=''
    _fibe_audit_values "$cmdpath" "$pending"
    return 0
  fi
  ((glued)) && return 0
  if [[ $cur != -* ]]; then
    _fibe_audit_children "$cmdpath"
    if [[ -n $REPLY ]]; then
      COMPREPLY=($(compgen -W "$REPLY" -- "$cur"))
      return 0
    fi
    _fibe_audit_argument "$cmdpath" "$nargs" && return 0
  fi
  _fibe_audit_options "$cmdpath"
  COMPREPLY=($(compgen -W "$REPLY" -- "$cur"))
}

complete -F _fibe_audit fibe-audit
