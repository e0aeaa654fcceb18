#!/usr/bin/env bash
# The bash completion (packaging/completion/ta.bash) as bash-completion runs it: sourced after
# bash_completion, each case completes a command line and compares the candidates.
#   completion_test.sh COMPLETION_FILE [BASH_COMPLETION]
# Exits 77 (skipped) when bash-completion is not installed.
set -u
completion=$1
framework=${2:-/usr/share/bash-completion/bash_completion}
if [ ! -r "$framework" ]; then
    echo "completion_test skipped: $framework is absent (apt-get install bash-completion)"
    exit 77
fi

# bash_completion reads these; an interactive shell would have them.
set +o posix
shopt -s extglob progcomp
# shellcheck disable=SC1090
source "$framework" || exit 1
# shellcheck disable=SC1090
source "$completion" || exit 1

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
touch "$scratch/reviews.txt" "$scratch/reviews.jsonl" "$scratch/key" "$scratch/ca.pem"
cd "$scratch" || exit 1

failures=0
# expect 'COMMAND LINE' 'EXPECTED CANDIDATES...': completes at the end of the line.
expect() {
    local line=$1 expected=$2
    local -a words
    read -r -a words <<<"$line"
    [[ $line == *' ' ]] && words+=('')
    COMP_WORDS=("${words[@]}")
    COMP_CWORD=$((${#words[@]} - 1))
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMPREPLY=()
    local function
    function=$(complete -p "${words[0]}" | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
    "$function" "${words[0]}" "${words[COMP_CWORD]}" "${words[COMP_CWORD - 1]}"
    local got
    got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | paste -sd' ')
    if [ "$got" != "$expected" ]; then
        echo "FAIL: '$line' completes to '$got', expected '$expected'"
        failures=$((failures + 1))
    else
        echo "ok: '$line' -> $got"
    fi
}

expect 'ta --for' '--format'
expect 'ta --format ' 'csv json jsonl text tsv'
expect 'ta --format j' 'json jsonl'
expect 'ta --format=t' 'text tsv'
expect 'ta --input ' 'jsonl text'
expect 'ta --engine b' 'builtin'
expect 'ta --api v3' 'v3.0 v3.1'
expect 'ta --api 202' '2022-05-01 2023-04-01 2024-11-01 2025-11-01'
expect 'ta --string-index-type U' 'UnicodeCodePoint Utf16CodeUnit'
expect 'ta -f rev' 'reviews.jsonl reviews.txt'
expect 'ta --file reviews.t' 'reviews.txt'
expect 'ta --key-file k' 'key'
expect 'ta --no-' '--no-progress'
expect 'ta --ca' '--cacert'
expect 'ta --cacert c' 'ca.pem'
expect 'ta --cacert=c' 'ca.pem'
expect 'ta -l ' ''
expect 'ta --concurrency ' ''
expect 'ta-server --k' '--key-file'
expect 'ta-server --key-file k' 'key'
expect 'ta-server --host 0' '0.0.0.0'
expect 'ta-server --l' '--latency'

if [ "$failures" -ne 0 ]; then
    echo "$failures completion case(s) failed"
    exit 1
fi
echo "all completion cases passed"
