#!/usr/bin/env bash
# Builds the Debian package: packaging/build-deb.sh [OUTPUT_DIR]   (default: .build/deb)
#   refuge_<version>_<arch>.deb with
#   /usr/bin/refuge                                       the program, stripped, Swift runtime linked in
#   /usr/share/refuge/questionnaires/                     the shipped questionnaires (found beside ../share)
#   /usr/share/refuge/questionnaire.schema.json           the JSON Schema for editors
#   /usr/share/man/man1/refuge.1.gz                       the manual page
#   /usr/share/bash-completion/completions/refuge         completions for bash,
#   /usr/share/zsh/vendor-completions/_refuge             zsh
#   /usr/share/fish/vendor_completions.d/refuge.fish      and fish
#   /usr/share/doc/refuge/copyright
# Depends lists the packages of the shared libraries the program links (libncursesw6, libc6, ...),
# read from the binary itself. Needs Swift 6, libncurses-dev, dpkg-deb and binutils.
# REFUGE_RELEASE_BINARY=path uses a program already built that way instead of building it.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/deb}"
version=$(sed -n 's/.*static let release = "\([^"]*\)".*/\1/p' Sources/RefugeVersion/RefugeVersion.swift)
arch=$(dpkg --print-architecture)
[ -n "$version" ] || { echo "build-deb.sh: no release version in Sources/RefugeVersion/RefugeVersion.swift" >&2; exit 1; }

binary="${REFUGE_RELEASE_BINARY:-}"
if [ -z "$binary" ]; then
  # The same build as install.sh (packaging/release-build.sh): the Swift runtime and Foundation
  # linked in, so the package needs no Swift on the machine.
  packaging/release-build.sh >&2
  binary=.build/release/refuge
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/refuge" "$root/usr/share/man/man1" \
  "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
  "$root/usr/share/fish/vendor_completions.d" "$root/usr/share/doc/refuge"
install -m 0755 "$binary" "$root/usr/bin/refuge"
strip --strip-unneeded "$root/usr/bin/refuge"
cp -R Questionnaires "$root/usr/share/refuge/questionnaires"
install -m 0644 docs/questionnaire.schema.json "$root/usr/share/refuge/questionnaire.schema.json"

# The manual page and completions from the packaged program itself.
"$root/usr/bin/refuge" manual | gzip -9n > "$root/usr/share/man/man1/refuge.1.gz"
"$root/usr/bin/refuge" --generate-completion-script bash > "$root/usr/share/bash-completion/completions/refuge"
"$root/usr/bin/refuge" --generate-completion-script zsh > "$root/usr/share/zsh/vendor-completions/_refuge"
"$root/usr/bin/refuge" --generate-completion-script fish > "$root/usr/share/fish/vendor_completions.d/refuge.fish"
cat > "$root/usr/share/doc/refuge/copyright" <<'TEXT'
Refuge: an offline interview program for credible fear preparation.
See the README of the source for its authors and licence.
TEXT
find "$root/usr" -type d -exec chmod 0755 {} +
find "$root/usr/share" -type f -exec chmod 0644 {} +

# Depends: the package of each shared library the program needs, as installed here.
package_of() {  # the package that installed a file (dpkg knows it under /lib or /usr/lib)
  local file
  for file in "$1" "$(readlink -f "$1")" "${1#/usr}" "/usr$1"; do
    dpkg -S "$file" 2>/dev/null | head -1 | cut -d: -f1 | grep . && return 0
  done
  echo "build-deb.sh: no package owns $1" >&2
  return 1
}
depends=$(objdump -p "$root/usr/bin/refuge" | awk '/NEEDED/ {print $2}' | while read -r soname; do
  path=$(ldconfig -p | awk -v s="$soname" '$1 == s {print $NF; exit}')
  [ -n "$path" ] || { echo "build-deb.sh: $soname is not on this system" >&2; exit 1; }
  package_of "$path"
done | sort -u | paste -sd, - | sed 's/,/, /g')
if printf %s "$depends" | grep -q swift; then
  echo "build-deb.sh: the program links Swift's shared runtime ($depends); build it with --static-swift-stdlib" >&2
  exit 1
fi
# The C library must be at least as new as the newest symbol version the program asks for (and
# 2.36 for packed relocations, should a build have them): an older one refuses to start it, so
# the package says so and apt refuses to install it there instead.
glibc=$(objdump -T "$root/usr/bin/refuge" | grep -o 'GLIBC_2\.[0-9]*' | sed 's/GLIBC_//' | sort -t. -k1,1n -k2,2n | tail -1)
if objdump -p "$root/usr/bin/refuge" | grep -q GLIBC_ABI_DT_RELR; then glibc=2.36; fi
if [ -n "$glibc" ]; then
  depends=$(printf %s "$depends" | sed -E "s/(^|, )libc6(,|\$)/\\1libc6 (>= $glibc)\\2/")
fi
size=$(du -sk "$root/usr" | cut -f1)
cat > "$root/DEBIAN/control" <<TEXT
Package: refuge
Version: $version
Architecture: $arch
Maintainer: Refuge maintainers <refuge@localhost>
Installed-Size: $size
Depends: $depends
Section: utils
Priority: optional
Description: offline interview program for credible fear preparation
 Refuge walks an asylum seeker, an interviewer and an interpreter through a
 branching questionnaire in a terminal (full screen or plain lines of text),
 saves every answer at once to a private, optionally encrypted session file,
 and writes a summary for the attorney. It never opens a network connection.
TEXT

mkdir -p "$out"
deb="$out/refuge_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"${REFUGE_DEB_COMPRESSION:-xz}" --build "$root" "$deb" >&2
echo "$deb"
