#!/bin/sh
# The linker for release builds (packaging/release-build.sh passes it to swiftc as -ld-path): runs
# the toolchain's ld.lld with the C and C++ libraries Refuge uses linked in from their static
# archives instead of loaded as shared libraries at every start: libstdc++ (the Swift runtime's),
# libyaml, zlib, ncursesw and tinfo, and the unwinder (libgcc_eh instead of libgcc_s, whose
# constructor probes the processor with cpuid at every start, slow in a virtual machine). libc and
# libm stay shared. The executable's run path ($ORIGIN, added by SwiftPM) is dropped: nothing is
# loaded from beside the program, and with it the loader first looked for every library there
# (a dozen failed opens at every start).
# Measured on a resumed credible-fear session (README, "Round two (issue 19)"): four fewer
# libraries to find, map and relocate (libstdc++ alone has thousands of symbols to bind), and only
# the parts of them Refuge calls are kept: about 0.6 ms less from exec to the first frame and
# about 1.4 MB less resident memory.
# The program is linked at a fixed address (-no-pie instead of -pie): a position-independent
# executable has its 56,000 pointers (Swift's type metadata and witness tables, mostly) rewritten by
# the loader at every start, which writes to every page of its 500 KB of relocated data: 0.38 ms
# from exec to `main` on a resumed session, measured with uprobes (0.94 -> 0.56 ms, median of 40).
# What is given up: the program's own code and tables sit at the same address in every run (the
# stack, the heap and the C library are still placed at random). Refuge opens no network
# connection; what it reads is the person's keys and local files, and its own code is Swift,
# whose memory safety is the first defence; that trade is written down in README. It also maps
# about 0.3 MB more of the program's own pages during an interview (README, measured).
# SwiftPM puts the system libraries' -l flags before anything a build can add, so they are
# rewritten here, in the arguments or in clang's response file. If the static link fails (an
# archive is missing), the program is linked as before, with a note on standard error.
set -eu
real_lld=""
if swiftc=$(command -v swiftc 2>/dev/null); then
  candidate="$(dirname "$(readlink -f "$swiftc")")/ld.lld"
  if [ -x "$candidate" ]; then real_lld=$candidate; fi
fi
if [ -z "$real_lld" ]; then real_lld=$(command -v ld.lld); fi

# clang's library flags to their static archives, in a response file (quoted: "-lz") or bare (-lz).
static_flags() {
  sed -e 's/"-lstdc++"/"-l:libstdc++.a"/g' -e 's/"-lyaml"/"-l:libyaml.a"/g' -e 's/"-lz"/"-l:libz.a"/g' \
      -e 's/"-lncursesw"/"-l:libncursesw.a" "-l:libtinfo.a"/g' -e 's/"-lgcc_s"/"-l:libgcc_eh.a"/g' \
      -e 's/"-pie"/"-no-pie"/g' -e 's/"-rpath=\$ORIGIN"//g' -e 's/"-rpath" "\$ORIGIN"//g'
}

# The arguments, rewritten, go into one response file of our own, each quoted, so the original
# arguments stay untouched for the fallback.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for arg in "$@"; do
  case "$arg" in
    @*) static_flags < "${arg#@}"; echo ;;
    *) printf '"%s"\n' "$(printf '%s' "$arg" | sed 's/[\\"]/\\&/g')" | static_flags ;;
  esac
done > "$scratch/arguments"
if "$real_lld" "@$scratch/arguments" 2> "$scratch/errors"; then
  cat "$scratch/errors" >&2
  exit 0
fi
echo "note: linking libstdc++, libyaml, zlib and ncurses statically failed, so they are linked as shared libraries:" >&2
sed 's/^/  /' "$scratch/errors" >&2
exec "$real_lld" "$@"
