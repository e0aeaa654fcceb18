#!/usr/bin/env bash
# The manual pages format without a warning (groff -man -ww), name the project's version, and
# document every option that the program's --help lists.
#   man_pages_test.sh VERSION PAGE PROGRAM [PAGE PROGRAM ...]
set -u
version=$1
shift
if ! command -v groff >/dev/null 2>&1; then
    echo "man_pages_test skipped: groff is not installed (apt-get install groff-base)"
    exit 77
fi
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
while [ $# -ge 2 ]; do
    page=$1 program=$2
    shift 2
    name=$(basename "$page")
    warnings=$(groff -man -ww -z "$page" 2>&1)
    [ -z "$warnings" ] || fail "$name: groff warns: $warnings"
    grep -q "^\.TH .* \"ta $version\"" "$page" || fail "$name: .TH does not say ta $version"
    for section in NAME SYNOPSIS DESCRIPTION OPTIONS 'EXIT STATUS' EXAMPLES; do
        grep -q "^\.SH \"\?$section\"\?\$" "$page" || fail "$name: no $section section"
    done
    # Every long option of --help, as the page spells it (\- for each dash).
    options=$("$program" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
    [ -n "$options" ] || fail "$name: $program --help lists no options"
    for option in $options; do
        spelled=${option//-/\\\\-}
        grep -q -- "$spelled" "$page" || fail "$name: $option (from --help) is not documented"
    done
    echo "checked $name against $program --help: $(echo "$options" | wc -l) options"
done
[ "$failures" -eq 0 ] || exit 1
echo "the manual pages are clean"
