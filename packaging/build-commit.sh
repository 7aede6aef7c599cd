#!/bin/sh
# Writes the Swift file that tells RefugeVersion which commit is being built:
#   build-commit.sh PACKAGE_DIR OUTPUT_FILE
# Run by the BuildCommit plugin before every build. The commit comes from, in this order:
#   1. git, when PACKAGE_DIR is a checkout (and whether tracked files have local changes);
#   2. packaging/commit, which `git archive` fills in (export-subst in .gitattributes), so a
#      release tarball without .git still knows its commit;
#   3. nothing: the program then says "commit unknown: built without git".
# The output is rewritten only when it changes, so an unchanged commit recompiles nothing.
set -u
package="$1"
output="$2"
PATH="/usr/local/bin:/usr/bin:/bin:${PATH:-}"
hash=""
dirty=false
if command -v git >/dev/null 2>&1 && git -C "$package" rev-parse --git-dir >/dev/null 2>&1; then
  hash=$(git -C "$package" rev-parse --short=12 HEAD 2>/dev/null || true)
  if [ -n "$hash" ] && [ -n "$(git -C "$package" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    dirty=true
  fi
fi
if [ -z "$hash" ] && [ -f "$package/packaging/commit" ]; then
  candidate=$(head -c 40 "$package/packaging/commit" | tr -cd '0-9a-f')
  # An unfilled file still reads "$Format:%H$"; only 40 hex digits count.
  [ ${#candidate} -eq 40 ] && hash=$(printf %s "$candidate" | cut -c1-12)
fi
if [ -n "$hash" ]; then value="\"$hash\""; else value="nil"; fi
text="// Written by packaging/build-commit.sh at build time; do not edit.
enum BuildCommit {
    static let hash: String? = $value
    static let dirty = $dirty
}"
mkdir -p "$(dirname "$output")"
if [ ! -f "$output" ] || [ "$(cat "$output")" != "$text" ]; then
  printf '%s\n' "$text" > "$output"
fi
