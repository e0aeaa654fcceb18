#!/usr/bin/env bash
# The Debian packages as a user gets them: `cpack -G DEB` from the build directory, then
#  - exactly ta, libtaN and libta-dev, with the Depends between them and their files;
#  - unpacked (dpkg-deb -x) into a scratch root: the unpacked ta scores a sentence, and the
#    samples build against the unpacked libta-dev with CMake (find_package) and with pkg-config,
#    and score_text and handle_errors run on the built-in engine;
#  - lintian, when it is installed: no error and no warning.
#   packages_test.sh BUILD_DIR SOURCE_DIR VERSION SOVERSION LIBDIR
# Exits 77 (skipped) when dpkg-deb or dpkg-shlibdeps is missing (apt-get install dpkg-dev).
set -euo pipefail
# (No `producer | grep -q` here: grep -q leaves at the first match, and under pipefail the
# producer's SIGPIPE would fail the test now and then; `grep -c ... >/dev/null` reads it all.)
build=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
version=$3
soversion=$4
libdir=$5 # relative to the prefix, /usr in the packages
for tool in dpkg-deb dpkg-shlibdeps cpack; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "packages_test skipped: $tool is not installed (apt-get install dpkg-dev)"
        exit 77
    fi
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# Into the scratch folder, so that a test run leaves nothing in the build directory.
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1 || {
    cat "$scratch/cpack.log"
    exit 1
}
lib=libta$soversion
debian_version=$version-1
arch=$(dpkg --print-architecture)
declare -A deb
for package in ta "$lib" libta-dev; do
    deb[$package]=$scratch/out/${package}_${debian_version}_${arch}.deb
    [ -f "${deb[$package]}" ] || fail "no ${package}_${debian_version}_${arch}.deb"
done
count=$(find "$scratch/out" -maxdepth 1 -name '*.deb' | wc -l)
[ "$count" -eq 3 ] || fail "cpack made $count packages, not 3"
[ "$failures" -eq 0 ] || exit 1

# Depends: exactly this version of the library, and what dpkg-shlibdeps found.
depends() { dpkg-deb --field "${deb[$1]}" Depends; }
[[ $(depends ta) == *"$lib (= $debian_version)"* ]] || fail "ta does not depend on $lib (= $debian_version): $(depends ta)"
[[ $(depends libta-dev) == *"$lib (= $debian_version)"* ]] || fail "libta-dev does not depend on $lib (= $debian_version)"
for package in ta "$lib"; do
    [[ $(depends "$package") == *"libc6 (>= "* ]] || fail "$package has no Depends from dpkg-shlibdeps: $(depends "$package")"
done
[[ $(depends "$lib") == *libcurl* ]] || fail "$lib does not depend on libcurl: $(depends "$lib")"
[[ $(dpkg-deb --field "${deb[$lib]}" Package) == "$lib" ]] || fail "the library package is not $lib"
dpkg-deb --ctrl-tarfile "${deb[$lib]}" | tar -xO ./triggers | grep -cx 'activate-noawait ldconfig' >/dev/null ||
    fail "$lib does not activate the ldconfig trigger"
if dpkg-deb --ctrl-tarfile "${deb[$lib]}" | tar -t | grep -c 'postinst\|postrm' >/dev/null; then
    fail "$lib has maintainer scripts (the ldconfig trigger does their work)"
fi

# The files of each package.
has() {
    local package=$1 path=$2
    dpkg-deb --contents "${deb[$package]}" | awk '{print $6}' | grep -cx "./$path" >/dev/null ||
        fail "$package has no /$path"
}
for path in usr/bin/ta usr/bin/ta-server usr/share/man/man1/ta.1.gz usr/share/man/man1/ta-server.1.gz \
    usr/share/bash-completion/completions/ta usr/share/bash-completion/completions/ta-server \
    usr/share/zsh/vendor-completions/_ta; do
    has ta "$path"
done
has "$lib" "usr/$libdir/libta.so.$version"
has "$lib" "usr/$libdir/libta.so.$soversion"
for path in usr/$libdir/libta.so usr/include/ta/ta.hpp usr/include/ta/version.hpp \
    usr/$libdir/pkgconfig/ta.pc usr/$libdir/cmake/ta/ta-config.cmake; do
    has libta-dev "$path"
done
for package in ta "$lib" libta-dev; do
    has "$package" "usr/share/doc/$package/copyright"
    has "$package" "usr/share/doc/$package/changelog.Debian.gz"
done

root=$scratch/root
for package in ta "$lib" libta-dev; do
    dpkg-deb --extract "${deb[$package]}" "$root"
done
gzip -t "$root/usr/share/man/man1/ta.1.gz" || fail "ta.1.gz is not gzip"
zcat "$root/usr/share/doc/ta/changelog.Debian.gz" | sed -n 1p | grep -c "^ta ($debian_version) " >/dev/null ||
    fail "changelog.Debian.gz does not begin with ta ($debian_version)"
grep -q 'Comcast Cable Communications Management' "$root/usr/share/doc/ta/copyright" ||
    fail "the copyright file lacks the lexicon's NOTICE"
if command -v file >/dev/null 2>&1; then
    for binary in usr/bin/ta usr/bin/ta-server "usr/$libdir/libta.so.$version"; do
        file -L "$root/$binary" | grep -c ', stripped' >/dev/null || fail "/$binary is not stripped"
    done
fi

# The unpacked program, on the unpacked library.
export LD_LIBRARY_PATH=$root/usr/$libdir
unset TA_ENDPOINT AZURE_LANGUAGE_ENDPOINT TA_KEY AZURE_LANGUAGE_KEY
out=$("$root/usr/bin/ta" "The food was great.")
expected=$'1    positive  pos 0.81  neu 0.19  neg 0.00  The food was great.\n-- scored by the built-in engine (VADER 3.3.2)'
[ "$out" = "$expected" ] || fail "the unpacked ta printed: $out"
ldd "$root/usr/bin/ta" | grep -c "libta.so.$soversion => $root/" >/dev/null || fail "the unpacked ta does not use the unpacked libta"
"$root/usr/bin/ta" --version | grep -cx "ta $version" >/dev/null || fail "ta --version: $("$root/usr/bin/ta" --version)"

# A program built against the unpacked libta-dev: with CMake, then with pkg-config.
if cmake -S "$source_dir/samples" -B "$scratch/samples" -G Ninja -DCMAKE_PREFIX_PATH="$root/usr" \
    -DCMAKE_BUILD_TYPE=Release >"$scratch/samples.log" 2>&1 &&
    cmake --build "$scratch/samples" >>"$scratch/samples.log" 2>&1; then
    out=$("$scratch/samples/score_text" "I love this")
    [ "$out" = $'1\tpositive\tcompound 0.6369' ] || fail "score_text built with CMake printed: $out"
    # The built-in engine gives the French and the empty document their error records: exit 1.
    status=0
    out=$("$scratch/samples/handle_errors") || status=$?
    [ "$status" -eq 1 ] || fail "handle_errors exited $status, not 1"
    [[ $out == $'1\tscored\tpositive\n2\tnot scored\tUnsupportedLanguageCode: '* ]] ||
        fail "handle_errors built with CMake printed: $out"
    for sample in score_remote handle_errors; do
        [ -x "$scratch/samples/$sample" ] || fail "the samples' build made no $sample"
    done
else
    cat "$scratch/samples.log"
    fail "the samples do not build against the unpacked libta-dev with CMake"
fi
export PKG_CONFIG_PATH=$root/usr/$libdir/pkgconfig
# Installed, ta.pc names /usr; unpacked here, prefix is set to this root instead.
grep -qx 'prefix=/usr' "$PKG_CONFIG_PATH/ta.pc" || fail "ta.pc does not name /usr as its prefix"
flags=$(pkg-config --define-variable=prefix="$root/usr" --cflags --libs ta) ||
    fail "pkg-config does not find ta in the unpacked libta-dev"
# shellcheck disable=SC2086
if c++ -std=c++17 "$source_dir/samples/score_text.cpp" $flags -o "$scratch/score_text_pc"; then
    out=$("$scratch/score_text_pc" "I love this")
    [ "$out" = $'1\tpositive\tcompound 0.6369' ] || fail "score_text built with pkg-config printed: $out"
else
    fail "score_text does not build with pkg-config's flags: $flags"
fi
unset LD_LIBRARY_PATH PKG_CONFIG_PATH

if command -v lintian >/dev/null 2>&1; then
    if ! lintian --fail-on error,warning "${deb[@]}" >"$scratch/lintian.log" 2>&1; then
        fail "lintian:"
        grep -v 'running with root privileges' "$scratch/lintian.log"
    else
        echo "lintian: no error, no warning"
    fi
else
    echo "lintian is not installed: not run (apt-get install lintian)"
fi

[ "$failures" -eq 0 ] || exit 1
echo "the packages are complete"
