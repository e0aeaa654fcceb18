#!/usr/bin/env bash
# The zsh completion (packaging/completion/_ta): zsh parses it, compinit picks it up for ta and
# ta-server from a folder on the fpath (as from share/zsh/vendor-completions), and it offers every
# long option each program's --help lists. It does not drive an interactive completion.
#   zsh_completion_test.sh COMPLETION_FILE TA TA_SERVER
# Exits 77 (skipped) when zsh is not installed.
set -u
completion=$1 ta=$2 ta_server=$3
if ! command -v zsh >/dev/null 2>&1; then
    echo "zsh_completion_test skipped: zsh is not installed (apt-get install zsh)"
    exit 77
fi
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

zsh -n "$completion" || fail "zsh cannot parse $completion"
cp "$completion" "$scratch/_ta"
registered=$(zsh -f -c 'fpath=("$1" $fpath); autoload -U compinit; compinit -u -d "$1/zcompdump"
    print -r -- "$_comps[ta] $_comps[ta-server]"' zsh "$scratch")
[ "$registered" = "_ta _ta" ] || fail "compinit does not give ta and ta-server to _ta: '$registered'"

# The options of each program, each in the function of that program.
check_options() {
    local program=$1 function=$2 body option
    body=$(sed -n "/^$function() {/,/^}/p" "$completion")
    [ -n "$body" ] || fail "no $function in $completion"
    for option in $("$program" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        # As an _arguments spec: the option, then its description, value or the end of a brace.
        grep -qE -- "(^|[^a-z-])$option([]=+}[])" <<<"$body" ||
            fail "$function does not offer $option (from $program --help)"
    done
}
check_options "$ta" _ta_command
check_options "$ta_server" _ta_server_command

[ "$failures" -eq 0 ] || exit 1
echo "the zsh completion parses, is registered for ta and ta-server, and offers every option"
