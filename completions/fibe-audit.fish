# fish completion for fibe-audit: generated from its command tree by `fibe-audit completion fish`; do not edit.
# Use: save as ~/.config/fish/completions/fibe-audit.fish

# Prints the subcommand named by $argv[2] under command path $argv[1] (aliases resolved).
function __fibe_audit_child
    switch "$argv[1]|$argv[2]"
        case '|query' '|q'
            echo 'query'
        case '|actor'
            echo 'actor'
        case '|keys'
            echo 'keys'
        case '|summary'
            echo 'summary'
        case '|export'
            echo 'export'
        case '|report'
            echo 'report'
        case '|sync'
            echo 'sync'
        case '|mirror'
            echo 'mirror'
        case '|sql'
            echo 'sql'
        case '|auth'
            echo 'auth'
        case '|completion'
            echo 'completion'
        case '|help'
            echo 'help'
        case 'mirror|status'
            echo 'status'
        case 'mirror|drop'
            echo 'drop'
        case 'mirror|help'
            echo 'help'
        case 'auth|login'
            echo 'login'
        case 'auth|status'
            echo 'status'
        case 'auth|list'
            echo 'list'
        case 'auth|use'
            echo 'use'
        case 'auth|logout'
            echo 'logout'
        case 'auth|help'
            echo 'help'
    end
end

# Prints the options at path $argv[1] that take a value.
function __fibe_audit_value_options
    switch "$argv[1]"
        case ''
            echo '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'query'
            echo '--limit' '--order' '-o' '--output' '--columns' '--file' '--interval' '--checkpoint' '--action' '--actor' '--actor-type' '--resource' '--channel' '--search' '--since' '--until' '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'actor'
            echo '--limit' '-o' '--output' '--file' '--action' '--actor' '--actor-type' '--resource' '--channel' '--search' '--since' '--until' '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'keys'
            echo '--since' '--until' '-o' '--output' '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'summary'
            echo '--by' '--top' '-o' '--output' '--file' '--action' '--actor' '--actor-type' '--resource' '--channel' '--search' '--since' '--until' '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'export'
            echo '--out' '--format' '--partition' '--concurrency' '--checkpoint' '--action' '--actor' '--actor-type' '--resource' '--channel' '--search' '--since' '--until' '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'report'
            echo '--out' '--file' '--action' '--actor' '--actor-type' '--resource' '--channel' '--search' '--since' '--until' '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'sync'
            echo '--since' '--overlap' '--concurrency' '-o' '--output' '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'mirror'
            echo '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'mirror status'
            echo '-o' '--output' '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'mirror drop'
            echo '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'mirror help'
            echo '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'sql'
            echo '-o' '--output' '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'auth'
            echo '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'auth login'
            echo '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'auth status'
            echo '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'auth list'
            echo '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'auth use'
            echo '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'auth logout'
            echo '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'auth help'
            echo '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'completion'
            echo '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
        case 'help'
            echo '--profile' '--domain' '--tz' '--max-wait' '--source' '--mirror'
    end
end

# Prints the subcommand path of the command line (first line) and how many arguments follow it (second).
function __fibe_audit_state
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
                contains -- $w (__fibe_audit_value_options "$cmdpath"); and set pending 1
                continue
        end
        set -l child (__fibe_audit_child "$cmdpath" $w)
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
function __fibe_audit_at
    set -l state (__fibe_audit_state)
    test "$state[1]" = "$argv"
end

# True when the command line is at the path in $argv or below it.
function __fibe_audit_in
    set -l state (__fibe_audit_state)
    test "$state[1]" = "$argv"; or string match -q -- "$argv *" "$state[1]"
end

# True when the word being typed is argument $argv[1] (N, or N+ for N and after) of the path in $argv[2..].
function __fibe_audit_arg
    set -l state (__fibe_audit_state)
    test "$state[1]" = "$argv[2..-1]"; or return 1
    string match -q -- '*+' $argv[1]; and test $state[2] -ge (string trim -c + -- $argv[1]); and return 0
    test $state[2] = $argv[1]
end

# Prints the items of a comma-separated value, one a line.
function __fibe_audit_words_id
    printf '%s\n' 'id' 'created_at' 'action' 'actor_kind' 'actor_id' 'actor_label' 'actor_type' 'channel' 'resource_type' 'resource_id' 'resource_name' 'metadata'
end

complete -c fibe-audit -f
complete -c fibe-audit -n '__fibe_audit_at' -a 'query' -d 'list matching audit entries, newest first'
complete -c fibe-audit -n '__fibe_audit_at' -a 'actor' -d 'drill into one actor: key record, activity, per-day chart, destructive actions, unused key scopes'
complete -c fibe-audit -n '__fibe_audit_at' -a 'keys' -d 'list API keys with scopes, expiry and their activity in the audit log (needs keys:manage)'
complete -c fibe-audit -n '__fibe_audit_at' -a 'summary' -d 'count matching entries per action, actor, resource, channel, day or hour'
complete -c fibe-audit -n '__fibe_audit_at' -a 'export' -d 'write every matching entry, oldest first, to a file (atomic; incremental with --checkpoint)'
complete -c fibe-audit -n '__fibe_audit_at' -a 'report' -d 'write a self-contained HTML report: scope and SHA-256, timeline, top actors, destructive actions, every entry'
complete -c fibe-audit -n '__fibe_audit_at' -a 'sync' -d 'copy the audit log into the local mirror, so investigations cost no API requests'
complete -c fibe-audit -n '__fibe_audit_at' -a 'mirror' -d 'inspect or delete the local mirror (no network)'
complete -c fibe-audit -n '__fibe_audit_at' -a 'sql' -d 'run one read-only SQL SELECT on the local mirror (views: entries, keys); no network'
complete -c fibe-audit -n '__fibe_audit_at' -a 'auth' -d 'sign in with an API key, check it, and manage stored profiles'
complete -c fibe-audit -n '__fibe_audit_at' -a 'completion' -d 'print the shell completion script for bash, zsh or fish'
complete -c fibe-audit -n '__fibe_audit_at' -a 'help' -d 'display help for command'
complete -c fibe-audit -s V -l version -d 'print the version'
complete -c fibe-audit -l profile -x -a '(fibe-audit __complete profiles 2>/dev/null)' -d 'stored profile to use (env FIBE_PROFILE)'
complete -c fibe-audit -l domain -x -d 'Fibe deployment (env FIBE_DOMAIN; default fibe.gg)'
complete -c fibe-audit -l no-color -d 'no ANSI colour (also NO_COLOR; FORCE_COLOR forces it)'
complete -c fibe-audit -s q -l quiet -d 'no notices, progress or summaries on stderr'
complete -c fibe-audit -l verbose -d 'log each HTTP request/response to stderr (key redacted)'
complete -c fibe-audit -l tz -x -a '(fibe-audit __complete zones 2>/dev/null)' -d 'UTC, local or an IANA zone for display and dates (env FIBE_AUDIT_TZ; default local)'
complete -c fibe-audit -l max-wait -x -d 'longest rate-limit/Retry-After wait before exit 75 (0: never wait)'
complete -c fibe-audit -l source -x -a 'auto api mirror' -d 'where answers come from: auto (mirror when it covers the question), api or mirror (env FIBE_AUDIT_SOURCE)'
complete -c fibe-audit -l mirror -r -F -d 'use this mirror file instead of the account\'s mirror in the data directory'
complete -c fibe-audit -s h -l help -d 'show help for a command'
complete -c fibe-audit -n '__fibe_audit_in query' -l limit -x -d 'show at most n entries'
complete -c fibe-audit -n '__fibe_audit_in query' -l all -d 'show every matching entry (no limit)'
complete -c fibe-audit -n '__fibe_audit_in query' -l order -x -a 'desc asc' -d 'newest first (desc) or oldest first (asc)'
complete -c fibe-audit -n '__fibe_audit_in query' -s o -l output -x -a 'table json ndjson csv' -d 'output format'
complete -c fibe-audit -n '__fibe_audit_in query' -l columns -x -a '(__fish_complete_list , __fibe_audit_words_id)' -d 'comma-separated columns for table/csv (id, created_at, action, actor_kind, actor_id, actor_label, actor_type, channel, resource_type, resource_id, resource_name, metadata)'
complete -c fibe-audit -n '__fibe_audit_in query' -l no-csv-guard -d 'don\'t prefix CSV cells starting with = + - @ with a quote'
complete -c fibe-audit -n '__fibe_audit_in query' -l file -r -F -d 'read a local export (NDJSON, JSON array or CSV written by fibe-audit; .gz too) instead of the API'
complete -c fibe-audit -n '__fibe_audit_in query' -s f -l follow -d 'keep printing new matching entries as they arrive, oldest first (Ctrl-C stops); --limit defaults to 10'
complete -c fibe-audit -n '__fibe_audit_in query' -l interval -x -d 'with --follow: time between checks, at least 5s (default: 15s)'
complete -c fibe-audit -n '__fibe_audit_in query' -l checkpoint -r -F -d 'with --follow: resume after the entries the last run printed (no gap, no duplicate)'
complete -c fibe-audit -n '__fibe_audit_in query' -l reset-checkpoint -d 'with --follow: ignore the checkpoint (other filters, corrupt file) and start afresh'
complete -c fibe-audit -n '__fibe_audit_in query' -l action -x -d 'action, repeatable (OR): exact trick.destroyed, prefix playground.*, glob *.destroyed'
complete -c fibe-audit -n '__fibe_audit_in query' -l actor -x -a 'user: key: genie: automation:' -d 'actor, repeatable (OR): user:<id>, key:<id>, key:<label> (quote labels with spaces), genie:<key id or label>, automation:<name>'
complete -c fibe-audit -n '__fibe_audit_in query' -l actor-type -x -a 'user api_key genie automation unknown' -d 'kind of actor, repeatable (OR)'
complete -c fibe-audit -n '__fibe_audit_in query' -l resource -x -d 'resource type, optionally one id, e.g. Trick or Trick:3312'
complete -c fibe-audit -n '__fibe_audit_in query' -l channel -x -a 'api ui system webhook' -d 'channel the action came through'
complete -c fibe-audit -n '__fibe_audit_in query' -l search -x -d 'case-insensitive text in the action, resource name or metadata'
complete -c fibe-audit -n '__fibe_audit_in query' -l since -x -d 'window start: 90s, 15m, 24h, 7d, 2w, 1d12h, now, today, yesterday, 2026-11-25, 2026-11-25T14:00, ISO instant (default: the last 7 days; with --file the whole file)'
complete -c fibe-audit -n '__fibe_audit_in query' -l until -x -d 'window end, same forms; a bare date, today or yesterday means the end of that day (default: now)'
complete -c fibe-audit -n '__fibe_audit_in actor' -l limit -x -d 'recent entries to show'
complete -c fibe-audit -n '__fibe_audit_in actor' -l all -d 'show every entry of the actor in the window'
complete -c fibe-audit -n '__fibe_audit_in actor' -s o -l output -x -a 'table json ndjson csv' -d 'table (report), json ({actor, key, summary, entries}), ndjson or csv (entries)'
complete -c fibe-audit -n '__fibe_audit_in actor' -l no-csv-guard -d 'don\'t prefix CSV cells starting with = + - @ with a quote'
complete -c fibe-audit -n '__fibe_audit_in actor' -l file -r -F -d 'read a local export (NDJSON, JSON array or CSV written by fibe-audit; .gz too) instead of the API'
complete -c fibe-audit -n '__fibe_audit_in actor' -l action -x -d 'action, repeatable (OR): exact trick.destroyed, prefix playground.*, glob *.destroyed'
complete -c fibe-audit -n '__fibe_audit_in actor' -l actor -x -a 'user: key: genie: automation:' -d 'actor, repeatable (OR): user:<id>, key:<id>, key:<label> (quote labels with spaces), genie:<key id or label>, automation:<name>'
complete -c fibe-audit -n '__fibe_audit_in actor' -l actor-type -x -a 'user api_key genie automation unknown' -d 'kind of actor, repeatable (OR)'
complete -c fibe-audit -n '__fibe_audit_in actor' -l resource -x -d 'resource type, optionally one id, e.g. Trick or Trick:3312'
complete -c fibe-audit -n '__fibe_audit_in actor' -l channel -x -a 'api ui system webhook' -d 'channel the action came through'
complete -c fibe-audit -n '__fibe_audit_in actor' -l search -x -d 'case-insensitive text in the action, resource name or metadata'
complete -c fibe-audit -n '__fibe_audit_in actor' -l since -x -d 'window start: 90s, 15m, 24h, 7d, 2w, 1d12h, now, today, yesterday, 2026-11-25, 2026-11-25T14:00, ISO instant (default: the last 30 days; with --file the whole file)'
complete -c fibe-audit -n '__fibe_audit_in actor' -l until -x -d 'window end, same forms; a bare date, today or yesterday means the end of that day (default: now)'
complete -c fibe-audit -n '__fibe_audit_arg 0 actor' -x -a 'user: key: genie: automation:'
complete -c fibe-audit -n '__fibe_audit_in keys' -l since -x -d 'window start for activity: 90s, 15m, 24h, 7d, 2w, today, 2026-11-25, ISO instant (default: the last 30 days)'
complete -c fibe-audit -n '__fibe_audit_in keys' -l until -x -d 'window end, same forms; a bare date means the end of that day (default: now)'
complete -c fibe-audit -n '__fibe_audit_in keys' -s o -l output -x -a 'table json csv' -d 'output format'
complete -c fibe-audit -n '__fibe_audit_in keys' -l no-csv-guard -d 'don\'t prefix CSV cells starting with = + - @ with a quote'
complete -c fibe-audit -n '__fibe_audit_in summary' -l by -x -a 'action actor actor_type resource_type resource channel day hour' -d 'what to group by'
complete -c fibe-audit -n '__fibe_audit_in summary' -l top -x -d 'show the n largest groups (not for day/hour, which are never cut)'
complete -c fibe-audit -n '__fibe_audit_in summary' -s o -l output -x -a 'table json csv' -d 'output format'
complete -c fibe-audit -n '__fibe_audit_in summary' -l no-csv-guard -d 'don\'t prefix CSV cells starting with = + - @ with a quote'
complete -c fibe-audit -n '__fibe_audit_in summary' -l file -r -F -d 'read a local export (NDJSON, JSON array or CSV written by fibe-audit; .gz too) instead of the API'
complete -c fibe-audit -n '__fibe_audit_in summary' -l action -x -d 'action, repeatable (OR): exact trick.destroyed, prefix playground.*, glob *.destroyed'
complete -c fibe-audit -n '__fibe_audit_in summary' -l actor -x -a 'user: key: genie: automation:' -d 'actor, repeatable (OR): user:<id>, key:<id>, key:<label> (quote labels with spaces), genie:<key id or label>, automation:<name>'
complete -c fibe-audit -n '__fibe_audit_in summary' -l actor-type -x -a 'user api_key genie automation unknown' -d 'kind of actor, repeatable (OR)'
complete -c fibe-audit -n '__fibe_audit_in summary' -l resource -x -d 'resource type, optionally one id, e.g. Trick or Trick:3312'
complete -c fibe-audit -n '__fibe_audit_in summary' -l channel -x -a 'api ui system webhook' -d 'channel the action came through'
complete -c fibe-audit -n '__fibe_audit_in summary' -l search -x -d 'case-insensitive text in the action, resource name or metadata'
complete -c fibe-audit -n '__fibe_audit_in summary' -l since -x -d 'window start: 90s, 15m, 24h, 7d, 2w, 1d12h, now, today, yesterday, 2026-11-25, 2026-11-25T14:00, ISO instant (default: the last 7 days; with --file the whole file)'
complete -c fibe-audit -n '__fibe_audit_in summary' -l until -x -d 'window end, same forms; a bare date, today or yesterday means the end of that day (default: now)'
complete -c fibe-audit -n '__fibe_audit_in export' -l out -r -F -d 'output file, - for stdout; {date} and {datetime} (UTC) are replaced'
complete -c fibe-audit -n '__fibe_audit_in export' -l format -x -a 'csv json ndjson parquet' -d 'csv, json, ndjson or parquet (default: from the --out extension)'
complete -c fibe-audit -n '__fibe_audit_in export' -l partition -x -a 'day' -d 'parquet only: a Hive-partitioned lake under --out <dir>, one folder per UTC day'
complete -c fibe-audit -n '__fibe_audit_in export' -l force -d 'replace an existing output file (and manifest); with --checkpoint a taken name gets .1, .2 instead'
complete -c fibe-audit -n '__fibe_audit_in export' -l concurrency -x -d 'parallel page requests (output stays in order)'
complete -c fibe-audit -n '__fibe_audit_in export' -l manifest -d 'also write <out>.manifest.json: filters, window, count, SHA-256, completeness'
complete -c fibe-audit -n '__fibe_audit_in export' -l checkpoint -r -F -d 'incremental runs: export only what came after the last run, then advance the file'
complete -c fibe-audit -n '__fibe_audit_in export' -l reset-checkpoint -d 'ignore the checkpoint (other filters, corrupt file) and start as a first run'
complete -c fibe-audit -n '__fibe_audit_in export' -l no-csv-guard -d 'don\'t prefix CSV cells starting with = + - @ with a quote'
complete -c fibe-audit -n '__fibe_audit_in export' -l action -x -d 'action, repeatable (OR): exact trick.destroyed, prefix playground.*, glob *.destroyed'
complete -c fibe-audit -n '__fibe_audit_in export' -l actor -x -a 'user: key: genie: automation:' -d 'actor, repeatable (OR): user:<id>, key:<id>, key:<label> (quote labels with spaces), genie:<key id or label>, automation:<name>'
complete -c fibe-audit -n '__fibe_audit_in export' -l actor-type -x -a 'user api_key genie automation unknown' -d 'kind of actor, repeatable (OR)'
complete -c fibe-audit -n '__fibe_audit_in export' -l resource -x -d 'resource type, optionally one id, e.g. Trick or Trick:3312'
complete -c fibe-audit -n '__fibe_audit_in export' -l channel -x -a 'api ui system webhook' -d 'channel the action came through'
complete -c fibe-audit -n '__fibe_audit_in export' -l search -x -d 'case-insensitive text in the action, resource name or metadata'
complete -c fibe-audit -n '__fibe_audit_in export' -l since -x -d 'window start: 90s, 15m, 24h, 7d, 2w, 1d12h, now, today, yesterday, 2026-11-25, 2026-11-25T14:00, ISO instant (default: the whole log, from its oldest entry)'
complete -c fibe-audit -n '__fibe_audit_in export' -l until -x -d 'window end, same forms; a bare date, today or yesterday means the end of that day (default: now)'
complete -c fibe-audit -n '__fibe_audit_in report' -l out -r -F -d 'the HTML file to write (atomic, mode 0600; opens offline in any browser)'
complete -c fibe-audit -n '__fibe_audit_in report' -l force -d 'replace an existing --out file'
complete -c fibe-audit -n '__fibe_audit_in report' -l file -r -F -d 'read a local export (NDJSON, JSON array or CSV written by fibe-audit; .gz too) instead of the API'
complete -c fibe-audit -n '__fibe_audit_in report' -l action -x -d 'action, repeatable (OR): exact trick.destroyed, prefix playground.*, glob *.destroyed'
complete -c fibe-audit -n '__fibe_audit_in report' -l actor -x -a 'user: key: genie: automation:' -d 'actor, repeatable (OR): user:<id>, key:<id>, key:<label> (quote labels with spaces), genie:<key id or label>, automation:<name>'
complete -c fibe-audit -n '__fibe_audit_in report' -l actor-type -x -a 'user api_key genie automation unknown' -d 'kind of actor, repeatable (OR)'
complete -c fibe-audit -n '__fibe_audit_in report' -l resource -x -d 'resource type, optionally one id, e.g. Trick or Trick:3312'
complete -c fibe-audit -n '__fibe_audit_in report' -l channel -x -a 'api ui system webhook' -d 'channel the action came through'
complete -c fibe-audit -n '__fibe_audit_in report' -l search -x -d 'case-insensitive text in the action, resource name or metadata'
complete -c fibe-audit -n '__fibe_audit_in report' -l since -x -d 'window start: 90s, 15m, 24h, 7d, 2w, 1d12h, now, today, yesterday, 2026-11-25, 2026-11-25T14:00, ISO instant (default: the last 7 days, 30 with --actor; with --file the whole file)'
complete -c fibe-audit -n '__fibe_audit_in report' -l until -x -d 'window end, same forms; a bare date, today or yesterday means the end of that day (default: now)'
complete -c fibe-audit -n '__fibe_audit_in sync' -l since -x -d 'first run: copy from here instead of the whole log; before the mirror\'s oldest entry: fill the gap'
complete -c fibe-audit -n '__fibe_audit_in sync' -l overlap -x -d 're-read this much before the newest entry held, for late arrivals'
complete -c fibe-audit -n '__fibe_audit_in sync' -l concurrency -x -d 'parallel page requests'
complete -c fibe-audit -n '__fibe_audit_in sync' -s o -l output -x -a 'text json' -d 'text (a line on stderr) or json (on stdout)'
complete -c fibe-audit -n '__fibe_audit_at mirror' -a 'status' -d 'path, size, entries, covered range, last sync and key snapshot age of the mirror'
complete -c fibe-audit -n '__fibe_audit_at mirror' -a 'drop' -d 'delete this account\'s mirror (asks first on a terminal)'
complete -c fibe-audit -n '__fibe_audit_at mirror' -a 'help' -d 'display help for command'
complete -c fibe-audit -n '__fibe_audit_in mirror status' -s o -l output -x -a 'text json' -d 'output format'
complete -c fibe-audit -n '__fibe_audit_in mirror drop' -l yes -d 'do not ask (scripts)'
complete -c fibe-audit -n '__fibe_audit_arg 0 mirror help' -x -a 'status drop'
complete -c fibe-audit -n '__fibe_audit_in sql' -s o -l output -x -a 'table json ndjson csv' -d 'output format'
complete -c fibe-audit -n '__fibe_audit_in sql' -l no-csv-guard -d 'don\'t prefix CSV cells starting with = + - @ with a quote'
complete -c fibe-audit -n '__fibe_audit_arg 0 sql' -x
complete -c fibe-audit -n '__fibe_audit_at auth' -a 'login' -d 'store an API key as a profile (--profile, default \'default\') for a domain (--domain), after checking it with /api/me'
complete -c fibe-audit -n '__fibe_audit_at auth' -a 'status' -d 'show the key in use: profile, domain, masked key, its source, identity, scopes, audit access, rate limit'
complete -c fibe-audit -n '__fibe_audit_at auth' -a 'list' -d 'stored profiles (and the official fibe CLI\'s, read-only), the active one marked *'
complete -c fibe-audit -n '__fibe_audit_at auth' -a 'use' -d 'make a stored profile the active one'
complete -c fibe-audit -n '__fibe_audit_at auth' -a 'logout' -d 'remove a stored profile and its key (the one named by --profile, else the active one)'
complete -c fibe-audit -n '__fibe_audit_at auth' -a 'help' -d 'display help for command'
complete -c fibe-audit -n '__fibe_audit_in auth login' -l with-token -d 'read the key from stdin (the default when stdin is not a terminal)'
complete -c fibe-audit -n '__fibe_audit_in auth status' -l json -d 'print one JSON object'
complete -c fibe-audit -n '__fibe_audit_in auth list' -l json -d 'print a JSON array'
complete -c fibe-audit -n '__fibe_audit_arg 0 auth use' -x -a '(fibe-audit __complete profiles 2>/dev/null)'
complete -c fibe-audit -n '__fibe_audit_arg 0 auth help' -x -a 'login status list use logout'
complete -c fibe-audit -n '__fibe_audit_arg 0 completion' -x -a 'bash zsh fish'
complete -c fibe-audit -n '__fibe_audit_arg 0 help' -x -a 'query actor keys summary export report sync mirror sql auth completion'
