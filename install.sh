#!/usr/bin/env bash
# Builds Refuge in release mode and installs it for this user:
#   ~/.local/opt/refuge/bin/refuge                      the program
#   ~/.local/opt/refuge/share/refuge/questionnaires/    the shipped questionnaires
#   ~/.local/bin/refuge                                 a link to the program
#   ~/.local/share/man/man1/refuge.1                    the manual page (`man refuge`)
#   ~/.local/share/bash-completion/completions/refuge   completions for bash (loaded by bash-completion),
#   ~/.local/share/zsh/site-functions/_refuge           zsh (add the folder to fpath)
#   ~/.config/fish/completions/refuge.fish              and fish (loaded by fish)
# Set PREFIX to install elsewhere. Needs Swift 6, libncurses-dev, libyaml-dev and zlib1g-dev (installed if missing).
set -euo pipefail
cd "$(dirname "$0")"
PREFIX="${PREFIX:-$HOME/.local/opt/refuge}"
BIN_LINK_DIR="${BIN_LINK_DIR:-$HOME/.local/bin}"
DATA_DIR="${XDG_DATA_HOME:-$HOME/.local/share}"
CONFIG_DIR="${XDG_CONFIG_HOME:-$HOME/.config}"

# The C libraries Refuge builds on: ncurses (the screen), libyaml (reading questionnaires), zlib (DOCX).
missing=()
[ -e /usr/include/ncursesw/curses.h ] || missing+=(libncurses-dev)
[ -e /usr/include/yaml.h ] || missing+=(libyaml-dev)
# zlib: RefugeZip (the declaration's DOCX, .xlsx import) links it.
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "${missing[@]}"
  else echo "Please install ${missing[*]} first (sudo apt-get install ${missing[*]})." >&2; exit 1; fi
fi

# The Swift runtime and FoundationEssentials linked in: start-up skips loading and binding their
# shared libraries (measured: `refuge --help` 8.8 ms -> 5.0 ms, resume to first frame 54 -> 47 ms
# and 33 -> 27 MB peak memory on credible-fear), and the program needs no Swift on the machine.
# No module imports full Foundation, so neither ICU nor its data is linked (stripped: 68 -> 23 MB).
# The same build as bench.sh and the Debian package: packaging/release-build.sh says how and why
# (lld, the interview's code placed together, no exported symbols, packed relocations).
packaging/release-build.sh
mkdir -p "$PREFIX/bin" "$PREFIX/share/refuge" "$BIN_LINK_DIR"
install -m 0755 .build/release/refuge "$PREFIX/bin/refuge"
rm -rf "$PREFIX/share/refuge/questionnaires"
cp -R Questionnaires "$PREFIX/share/refuge/questionnaires"
install -m 0644 docs/questionnaire.schema.json "$PREFIX/share/refuge/questionnaire.schema.json"
ln -sf "$PREFIX/bin/refuge" "$BIN_LINK_DIR/refuge"

# The manual page and the completion scripts come from the program just built, so they always
# match it (man-db finds ~/.local/share/man through ~/.local/bin on PATH).
mkdir -p "$DATA_DIR/man/man1" "$DATA_DIR/bash-completion/completions" "$DATA_DIR/zsh/site-functions" "$CONFIG_DIR/fish/completions"
"$PREFIX/bin/refuge" manual > "$DATA_DIR/man/man1/refuge.1"
"$PREFIX/bin/refuge" --generate-completion-script bash > "$DATA_DIR/bash-completion/completions/refuge"
"$PREFIX/bin/refuge" --generate-completion-script zsh > "$DATA_DIR/zsh/site-functions/_refuge"
"$PREFIX/bin/refuge" --generate-completion-script fish > "$CONFIG_DIR/fish/completions/refuge.fish"
echo "Installed: $BIN_LINK_DIR/refuge (questionnaires in $PREFIX/share/refuge/questionnaires), \`man refuge\`, completions for bash, zsh and fish" >&2
