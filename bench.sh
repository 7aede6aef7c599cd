#!/bin/sh
# Builds Refuge and its benchmarks in release mode and runs them: ./bench.sh [--quick] [options]
# (see `.build/release/refuge-benchmarks --help`). Tables go to standard output in Markdown,
# progress to standard error. Not part of the test suite.
set -eu
cd "$(dirname "$0")"
echo "building (release)…" >&2
# Built as install.sh and the package build it (packaging/release-build.sh), so start-up and memory
# are measured as installed; the benchmarks with the same flags, so both share compiled modules.
packaging/release-build.sh >&2
packaging/release-build.sh --product refuge-benchmarks >&2
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), scratch on $(df -T "${TMPDIR:-/tmp}" | awk 'NR==2 {print $2}')" >&2
exec .build/release/refuge-benchmarks --refuge .build/release/refuge "$@"
