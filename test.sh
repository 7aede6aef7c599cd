#!/usr/bin/env bash
# Runs every test: the unit, snapshot, fault and end-to-end tests (`swift test`), checks every
# shipped questionnaire with the strict validator, then the Debian package check
# (packaging/test-deb.sh: build the .deb, install it, use it, remove it; needs root).
# REFUGE_SKIP_PACKAGE_TEST=1 leaves the package check out.
set -euo pipefail
cd "$(dirname "$0")"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
swift build
swift test
.build/debug/refuge validate --strict Questionnaires/*
if [ "${REFUGE_SKIP_PACKAGE_TEST:-}" = 1 ]; then
  echo "package check skipped (REFUGE_SKIP_PACKAGE_TEST=1)"
else
  packaging/test-deb.sh
fi
