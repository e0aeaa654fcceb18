#!/usr/bin/env bash
# A program built against libta in the build tree, without installing it: with CMake
# (-Dta_DIR=BUILD_DIR) and with pkg-config (PKG_CONFIG_PATH=BUILD_DIR/pkgconfig finds
# ta-uninstalled.pc).
#   build_tree_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
unset TA_ENDPOINT AZURE_LANGUAGE_ENDPOINT TA_KEY AZURE_LANGUAGE_KEY
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
expected=$'1\tpositive\tcompound 0.6369'

if cmake -S "$source_dir/samples" -B "$scratch/cmake" -G Ninja -Dta_DIR="$build" \
    >"$scratch/cmake.log" 2>&1 && cmake --build "$scratch/cmake" >>"$scratch/cmake.log" 2>&1; then
    out=$("$scratch/cmake/score_text" "I love this")
    [ "$out" = "$expected" ] || fail "score_text built with find_package(ta) printed: $out"
else
    cat "$scratch/cmake.log"
    fail "the samples do not build with -Dta_DIR=$build"
fi

export PKG_CONFIG_PATH=$build/pkgconfig
flags=$(pkg-config --cflags --libs ta) || fail "pkg-config does not find ta in $build/pkgconfig"
# shellcheck disable=SC2086
if c++ -std=c++17 "$source_dir/samples/score_text.cpp" $flags -o "$scratch/score_text"; then
    out=$(LD_LIBRARY_PATH=$build/libta "$scratch/score_text" "I love this")
    [ "$out" = "$expected" ] || fail "score_text built with pkg-config printed: $out"
else
    fail "score_text does not build with pkg-config's flags: $flags"
fi

[ "$failures" -eq 0 ] || exit 1
echo "find_package(ta) and pkg-config work from the build tree"
