#!/bin/sh
# The one release build of `refuge`, used by install.sh, bench.sh and packaging/ (build-deb.sh,
# test-deb.sh), so what is installed, packaged and measured is the same program:
#   packaging/release-build.sh [--product NAME] [more swift build options, e.g. --scratch-path DIR]
# (--product defaults to refuge; bench.sh builds refuge-benchmarks with the same flags, so the two
# builds share their compiled modules instead of compiling them again for each other.)
# Measured on a resumed credible-fear interview (README, "Round two (issue 19)"):
# - The Swift runtime and FoundationEssentials linked in (--static-swift-stdlib): start-up skips
#   loading and binding their shared libraries, and the program needs no Swift on the machine.
# - Linked with lld: gold warns about a libc call inside Foundation's static libraries.
# - The code an interview runs placed together: the kernel maps code in 64 KB windows around each
#   page that runs, so scattered code costs memory. Every function in its own section
#   (-function-sections; the toolchain's libraries have them already; without
#   -disable-incremental-llvm-codegen the compiler keeps an object whose code did not change, even
#   when it was compiled without them) and lld places the ones in
#   packaging/symbol-order.txt first (written by scripts/symbol-order.py from callgrind runs of a
#   real session). Names the list has that the code no longer has are ignored without a warning:
#   a stale list costs memory, never a build.
# - No symbol table for the dynamic loader beyond what the C libraries need (--no-export-dynamic):
#   nothing looks Refuge's functions up by name, and the table was about 1 MB read at every start.
# - libstdc++, libyaml, zlib and ncurses linked in from their static archives
#   (packaging/link-static-c-libs.sh, which runs lld): fewer shared libraries to load and bind at
#   every start, and only the parts Refuge calls.
# - Linked at a fixed address (packaging/link-static-c-libs.sh): the 56,000 relative relocations
#   a position-independent program needs (rewritten by the loader at every start) are not there
#   at all. (Packing them, -z pack-relative-relocs, was the step before; it also made the program
#   need glibc 2.36, which a fixed address does not.)
# - Generic types' metadata made by direct calls, not from mangled names
#   (-disable-concrete-type-metadata-mangled-name-accessors): a mangled name that needs a protocol
#   conformance (Dictionary<String, X> needs String: Hashable) is resolved at run time by searching
#   every conformance record in the program (about 4,900), once per type in each process; 31 of
#   the 39 searches of a resume went away.
set -eu
cd "$(dirname "$0")/.."
product=refuge
if [ "${1:-}" = --product ]; then product=$2; shift 2; fi
order="$PWD/packaging/symbol-order.txt"
# A changed list, linker script or set of flags must relink (the build system does not know the linker reads them).
binary="$(swift build -c release --show-bin-path "$@")/$product"
if [ -e "$binary" ] && { [ "$order" -nt "$binary" ] || [ packaging/link-static-c-libs.sh -nt "$binary" ] || [ packaging/release-build.sh -nt "$binary" ]; }; then rm -f "$binary"; fi
exec swift build -c release --product "$product" --static-swift-stdlib -Xswiftc -use-ld=lld \
  -Xswiftc -ld-path="$PWD/packaging/link-static-c-libs.sh" \
  -Xswiftc -Xfrontend -Xswiftc -function-sections -Xswiftc -Xfrontend -Xswiftc -disable-incremental-llvm-codegen \
  -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors \
  -Xlinker --symbol-ordering-file="$order" -Xlinker --no-warn-symbol-ordering \
  -Xlinker --no-export-dynamic "$@"
