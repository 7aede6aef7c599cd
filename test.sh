#!/usr/bin/env bash
# Runs every test: the unit, snapshot, fault and end-to-end tests (`swift test`), then checks
# every shipped questionnaire with the strict validator.
set -euo pipefail
cd "$(dirname "$0")"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
swift build
swift test
.build/debug/refuge validate --strict Questionnaires/*
