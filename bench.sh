#!/bin/sh
# Builds Refuge and its benchmarks in release mode and runs them: ./bench.sh [--quick] [options]
# (see `.build/release/refuge-benchmarks --help`). Tables go to standard output in Markdown,
# progress to standard error. Not part of the test suite.
set -eu
cd "$(dirname "$0")"
echo "building (release)…" >&2
# Built as install.sh builds the program (runtime linked in), so start-up is measured as installed.
swift build -c release --product refuge --static-swift-stdlib -Xswiftc -use-ld=lld >&2
swift build -c release --product refuge-benchmarks --static-swift-stdlib -Xswiftc -use-ld=lld >&2
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), scratch on $(df -T "${TMPDIR:-/tmp}" | awk 'NR==2 {print $2}')" >&2
exec .build/release/refuge-benchmarks --refuge .build/release/refuge "$@"
