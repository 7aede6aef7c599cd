#!/usr/bin/env bash
# The Debian package check that ./test.sh runs (skip it with REFUGE_SKIP_PACKAGE_TEST=1):
# builds refuge_<version>_<arch>.deb, installs it with apt, and checks that the installed
# program works without Swift (no Swift library linked; a clean environment without the
# toolchain on PATH): --version, `refuge validate` on /usr/share/refuge's questionnaires, a
# plain-mode session and its report, `man refuge` and the completion scripts; then removes it
# and checks that nothing is left. Needs root (or sudo without a password) and apt.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
say() { echo "package check: $*"; }
fail() { echo "package check: FAILED: $*" >&2; exit 1; }

if [ "$(id -u)" = 0 ]; then as_root=(); elif sudo -n true 2>/dev/null; then as_root=(sudo -n); else
  fail "installing a package needs root; run as root, or set REFUGE_SKIP_PACKAGE_TEST=1 to leave this check out"
fi
command -v dpkg-deb >/dev/null && command -v apt-get >/dev/null || fail "dpkg-deb and apt-get are needed"

# One package check at a time on this machine: it installs into /usr.
exec 9>/tmp/refuge-package-check.lock
flock 9

# The release build (the one install.sh makes). Its build folder is shared by every checkout
# on this machine, so the dependencies (swift-crypto's C code, Yams, ArgumentParser) are built
# once, not once per checkout; the lock above keeps two builds out of it at the same time.
# In CI (CI=true) the build starts from nothing inside the checkout instead: a build folder shared
# with other checkouts can keep code compiled from another checkout's sources, and CI must test
# exactly the commit it was given.
if [ "${CI:-}" = true ]; then default_scratch="$PWD/.build-release"; else default_scratch=/tmp/refuge-release-build; fi
scratch="${REFUGE_RELEASE_SCRATCH:-$default_scratch}"
build_start=$(date +%s)
packaging/release-build.sh --scratch-path "$scratch" 2>&1 | tail -1
say "release build: $(( $(date +%s) - build_start )) s"
# gzip: a larger file than xz, but built in a third of the time.
deb=$(REFUGE_DEB_COMPRESSION=gzip REFUGE_RELEASE_BINARY="$scratch/release/refuge" packaging/build-deb.sh "$scratch/deb" | tail -1)
[ -f "$deb" ] || fail "no package was built"
say "built $deb ($(du -k "$deb" | cut -f1) KB)"
dpkg-deb --info "$deb" | grep -E '^ (Package|Version|Depends):'

purge() { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq -o DPkg::Lock::Timeout=300 refuge >/dev/null 2>&1 || "${as_root[@]}" dpkg --purge refuge >/dev/null 2>&1 || true; }
if dpkg -s refuge >/dev/null 2>&1; then say "a refuge package is installed already (an interrupted check?); removing it first"; purge; fi
trap purge EXIT

"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "$(readlink -f "$deb")" >/dev/null \
  || fail "apt-get install $deb"
[ -x /usr/bin/refuge ] || fail "/usr/bin/refuge is not installed"
if ldd /usr/bin/refuge | grep -Eq 'libswift|libFoundation|libdispatch|/opt/swift'; then fail "the program needs Swift's libraries: $(ldd /usr/bin/refuge | grep -E 'swift|Foundation|dispatch')"; fi

home=$(mktemp -d)
trap 'purge; rm -rf "$home"' EXIT
# As on a machine without Swift: nothing of the toolchain on PATH or in the environment.
run() { env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 TERM=dumb "$@"; }
expected="refuge $(sed -n 's/.*static let release = "\([^"]*\)".*/\1/p' Sources/RefugeVersion/RefugeVersion.swift) "
version=$(run refuge --version)
case "$version" in "$expected"*) say "$version";; *) fail "refuge --version says '$version'";; esac
run refuge validate --strict /usr/share/refuge/questionnaires/* >/dev/null || fail "refuge validate on /usr/share/refuge/questionnaires"
run refuge questionnaires --json | grep -Eq '"path" ?: ?"/usr/share/refuge/questionnaires/' || fail "the shipped questionnaires are not found under /usr/share/refuge"

# A plain-mode session: the welcome screen, the interpreter question, a name; end of input saves.
printf '\n1\nAna Package\n' | run refuge new --questionnaire example-intake --no-passphrase --label PKG-1 --plain >/dev/null \
  || fail "a plain-mode session"
run refuge list --json | grep -Eq '"answered" ?: ?2' || fail "the plain session's answers were not saved: $(run refuge list --json)"
run refuge report PKG-1 -o - | grep -q "Ana Package" || fail "the report of the plain session"

if grep -rqs '^path-exclude.*/usr/share/man' /etc/dpkg/dpkg.cfg.d/; then
  # Slim container images tell dpkg to leave manual pages out: check the one in the package.
  say "dpkg here leaves out /usr/share/man (path-exclude); checking the page inside the package"
  dpkg-deb -x "$deb" "$home/unpacked"
  page="$home/unpacked/usr/share/man/man1/refuge.1.gz"
  [ -s "$page" ] || fail "the package has no manual page"
  run env MANPAGER=cat MANWIDTH=80 man -l "$page" 2>/dev/null | grep -q "refuge answer SESSION QUESTION" || fail "the manual page shows no commands"
else
  [ "$(run man -w refuge 2>/dev/null)" = /usr/share/man/man1/refuge.1.gz ] || fail "man refuge finds no page"
  run env MANPAGER=cat MANWIDTH=80 man refuge 2>/dev/null | grep -q "refuge answer SESSION QUESTION" || fail "man refuge shows no commands"
fi
for f in /usr/share/bash-completion/completions/refuge /usr/share/zsh/vendor-completions/_refuge /usr/share/fish/vendor_completions.d/refuge.fish; do
  [ -s "$f" ] || fail "$f is missing"
done
run bash -c 'source /usr/share/bash-completion/completions/refuge && complete -p refuge' >/dev/null || fail "the bash completion does not load"

purge
for f in /usr/bin/refuge /usr/share/refuge /usr/share/man/man1/refuge.1.gz /usr/share/bash-completion/completions/refuge \
         /usr/share/zsh/vendor-completions/_refuge /usr/share/fish/vendor_completions.d/refuge.fish /usr/share/doc/refuge; do
  [ ! -e "$f" ] || fail "$f is left after removing the package"
done
! dpkg -s refuge >/dev/null 2>&1 || fail "dpkg still lists refuge"
say "installed, checked and removed cleanly in $(( $(date +%s) - started )) s"
