#!/usr/bin/env python3
"""Writes packaging/symbol-order.txt: the functions of `refuge` that an interview runs, in the order
the release link places them first (lld --symbol-ordering-file; packaging/release-build.sh).

Why: the kernel maps the program's code in 64 KB windows (or whole large folios) around every page
that runs, so code an interview runs, scattered over 15 MB of text, made about 10 MB of it resident.
Placed together, an interview touches only the windows of its own code.

How: it builds the program (packaging/release-build.sh, with a link map), then runs it under
valgrind's callgrind, which lists every function that ran, on a real session in a scratch home:
  1. a resumed interview (the list's first part): a credible-fear session resumed by its id, reading
     the compiled questionnaire, with the keys of the benchmark's interview session;
  2. the rest of the interview: `refuge --help`, the new session on the full screen in an 80x24
     pseudo-terminal (keys, menu, help, quit), its first resume (which loads the YAML and writes
     the compiled questionnaire), and a plain-mode resume;
  3. then the other commands (list, report in every format, validate, questionnaires), after the
     interview's code, so they do not spread it.
Within each part the functions are in the order of the instructions they ran (most first).

Some objects of the toolchain (the standard library's internals, _RegexParser, most of
FoundationEssentials) keep all their functions in one section, which moves as a whole. A name
defined more than once (a local helper each module has a copy of, such as the value witness
`$sSqwxx`) moves every copy, so such a name is left out when a copy sits in one of those objects
that nothing else in the list moves (the link map says where each copy is): otherwise a
20-byte helper would bring 475 KB of _RegexParser along.

A list that no longer matches the code (renamed functions) costs only memory, never a build: the link
passes --no-warn-symbol-ordering. Rerun it after larger changes, then build again:
  scripts/symbol-order.py && packaging/release-build.sh
Needs valgrind and binutils (valgrind 3.19 cannot read the toolchain's DWARF 5, so callgrind runs a
copy without debug information; the symbol table, which is what the list names, is kept).
"""
import argparse
import bisect
import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOOTER = b"Esc"  # the footer's last key ("Esc menu" in any language, styles between), drawn last

# Keys (bytes as a terminal sends them).
ENTER, CTRL_N, CTRL_P, CTRL_C, ESC, BACKSPACE = b"\r", b"\x0e", b"\x10", b"\x03", b"\x1b", b"\x7f"
DOWN, UP, RIGHT, LEFT, F1, F2 = b"\x1b[B", b"\x1b[A", b"\x1b[C", b"\x1b[D", b"\x1bOP", b"\x1bOQ"
# What the start-up benchmark sends after the first frame (refuge-benchmarks' StartupBenchmark.sessionKeys).
BENCHMARK_KEYS = [CTRL_N, CTRL_N, CTRL_P, CTRL_P, DOWN, UP, b"ab", BACKSPACE, BACKSPACE, CTRL_N, CTRL_P, CTRL_N]


class Terminal:
    """A program on an 80x24 pseudo-terminal."""

    def __init__(self, argv, env):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.seen = b""

    def read(self, until=None, timeout=60.0, quiet=None):
        """Reads until `until` is in the output, or nothing came for `quiet` seconds, or timeout."""
        end = time.monotonic() + timeout
        last = time.monotonic()
        start = len(self.seen)
        while time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return False
                if not chunk:
                    return False
                self.seen += chunk
                last = time.monotonic()
                if until is not None and until in self.seen[start:]:
                    return True
            elif quiet is not None and time.monotonic() - last > quiet:
                return True
        return False

    def keys(self, keys, settle=0.6):
        for key in keys:
            os.write(self.fd, key)
            self.read(quiet=settle, timeout=30)

    def finish(self, timeout=120):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.read(quiet=0.5, timeout=1)
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise SystemExit(f"symbol-order: the program did not end; its terminal showed:\n{self.seen[-2000:]!r}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", default=os.path.join(ROOT, "packaging/symbol-order.txt"))
    args = parser.parse_args()
    for tool in ("valgrind", "strip", "nm", "swift"):
        if shutil.which(tool) is None:
            raise SystemExit(f"symbol-order: {tool} is needed")

    work = tempfile.mkdtemp(prefix="refuge-symbol-order-")
    try:
        link_map = os.path.join(work, "refuge.map")
        subprocess.run([os.path.join(ROOT, "packaging/release-build.sh"), "-Xlinker", f"-Map={link_map}"],
                       check=True, stdout=sys.stderr)
        built = os.path.join(subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                                            check=True, capture_output=True, text=True).stdout.strip(), "refuge")
        binary = os.path.join(work, "refuge")
        subprocess.run(["strip", "--strip-debug", "-o", binary, built], check=True)
        home = os.path.join(work, "home")
        os.makedirs(home, mode=0o700)
        env = {"HOME": home, "REFUGE_HOME": home, "PATH": "/usr/bin:/bin", "TERM": "xterm-256color",
               "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LINES": "24", "COLUMNS": "80"}
        questionnaires = os.path.join(ROOT, "Questionnaires")
        credible_fear = os.path.join(questionnaires, "credible-fear")
        profiles = {"resume": [], "interview": [], "other": []}
        count = [0]

        def under_callgrind(part, argv):
            count[0] += 1
            out = os.path.join(work, f"run{count[0]}.cg")
            profiles[part].append(out)
            return ["/usr/bin/env", "valgrind", "--tool=callgrind", "--demangle=no", "--compress-strings=no",
                    "--dump-instr=no", "--compress-pos=no", f"--callgrind-out-file={out}", "--log-file=" + out + ".log", binary] + argv

        def run(part, argv, stdin=None, allowed=(0,)):
            result = subprocess.run(under_callgrind(part, argv), env=env, input=stdin, capture_output=True)
            if result.returncode not in allowed:
                raise SystemExit(f"symbol-order: refuge {' '.join(argv)} failed ({result.returncode}):\n"
                                 f"{result.stderr.decode(errors='replace')[-2000:]}")
            return result.stdout.decode()

        def screen(part, argv, keys):
            term = Terminal(under_callgrind(part, argv), env)
            if not term.read(until=FOOTER, timeout=180):
                raise SystemExit(f"symbol-order: refuge {' '.join(argv)} drew no interview; it showed:\n"
                                 f"{term.seen[-2000:]!r}")
            term.read(quiet=1.0, timeout=30)
            term.keys(keys)
            term.keys([CTRL_C])
            status = term.finish()
            if status != 0:
                raise SystemExit(f"symbol-order: refuge {' '.join(argv)} ended with status {status}")

        # 1. The interview: start-up, a new session, a resumed one (on the screen and in plain mode).
        run("interview", ["--help"])
        screen("interview", ["new", "--questionnaire", credible_fear, "--no-passphrase", "--label", "P-1"],
               [ENTER, ENTER, b"y", ENTER, DOWN, b" ", ENTER, b"Ana", ENTER, CTRL_N, CTRL_P, CTRL_N, DOWN, UP,
                RIGHT, LEFT, b"x", BACKSPACE, F1, ESC, F2, F2, ESC, ESC])
        # Resumed by its id, as the benchmark and most people do (by label, finding it lists
        # every session instead).
        sessions = os.path.join(home, "sessions")
        session_id = next(name[:-len(".refuge")] for name in os.listdir(sessions) if name.endswith(".refuge"))
        screen("interview", ["resume", session_id],
               BENCHMARK_KEYS + [ENTER, b"some words", ENTER, CTRL_N, CTRL_N, CTRL_P, F1, ESC, DOWN, ENTER])
        # Again: the first resume wrote the compiled questionnaire, every later one reads it. This
        # one is the list's very first part: resuming is what people do most, and its code placed
        # apart from the loader's (which a new session and the first resume run) keeps fewer of
        # the program's pages in memory through an interview.
        screen("resume", ["resume", session_id], BENCHMARK_KEYS)
        run("interview", ["resume", session_id, "--plain"], stdin=b"\n\n")

        # 2. Everything else, after the interview's code.
        run("other", ["list"])
        run("other", ["list", "--json"])
        run("other", ["questionnaires"])
        for fmt in ("text", "markdown", "html", "json"):
            run("other", ["report", "P-1", "--format", fmt])
        run("other", ["validate", "--strict", credible_fear, os.path.join(questionnaires, "intake"),
                      os.path.join(questionnaires, "example-intake.yaml")], allowed=(0, 1))

        # Names defined more than once, left out where a copy would move an object's whole code
        # that nothing else moves (see the top of this file).
        ran = set()
        for part in ("resume", "interview", "other"):
            for path in profiles[part]:
                ran.update(functions_of(path, binary))
        left_out = shared_names_in_cold_objects(built, link_map, ran)
        ordered, seen = [], set(left_out)
        for part in ("resume", "interview", "other"):
            cost = {}
            for path in profiles[part]:
                for name, instructions in functions_of(path, binary).items():
                    cost[name] = cost.get(name, 0) + instructions
            for name in sorted(cost, key=lambda n: (-cost[n], n)):
                if name not in seen:
                    seen.add(name)
                    ordered.append(name)
        with open(args.output, "w") as out:
            out.write("\n".join(ordered) + "\n")
        print(f"symbol-order: {len(ordered)} functions written to {os.path.relpath(args.output, ROOT)}",
              file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def shared_names_in_cold_objects(binary, link_map, ran):
    """Names with several copies in `binary` of which one lies in an object's whole-code section
    (`file:(.text)` in the link map) that no function with a single copy that `ran` lies in."""
    with open(link_map, errors="replace") as lines:
        header = next(lines)
        out_column, in_column = header.index("Out"), header.index("In ")
        in_text, sections = False, []
        for line in lines:
            if len(line) > out_column and line[out_column] != " " and line[out_column - 1] == " ":
                in_text = line[out_column:].strip() == ".text"
            elif in_text and len(line) > in_column and line[in_column] != " " and line[in_column - 1] == " " \
                    and line.rstrip().endswith(":(.text)"):
                fields = line.split()
                start = int(fields[0], 16)
                sections.append((start, start + int(fields[2], 16)))
    sections.sort()
    starts = [start for start, _ in sections]

    def section_of(address):
        i = bisect.bisect_right(starts, address) - 1
        return i if i >= 0 and address < sections[i][1] else None

    copies = {}
    listing = subprocess.run(["nm", "--defined-only", binary], check=True, capture_output=True).stdout
    for line in listing.decode(errors="replace").split("\n"):
        fields = line.split()
        if len(fields) == 3 and fields[1] in "tTwW":
            copies.setdefault(fields[2], []).append(int(fields[0], 16))
    moved = {section_of(copies[name][0]) for name in ran if len(copies.get(name, [])) == 1}
    return {name for name, addresses in copies.items() if len(addresses) > 1
            and any(section_of(address) not in (None, *moved) for address in addresses)}


def functions_of(path, binary):
    """The functions of `binary` in a callgrind profile, with the instructions each ran itself."""
    costs = {}
    obj = fn = None
    ours = False
    with open(path, errors="replace") as profile:
        for line in profile:
            if line.startswith("ob="):
                obj = line[3:].strip()
            elif line.startswith("fn="):
                fn = line[3:].strip()
                # callgrind names a recursive call's inner levels name'2, name'3, ...
                if "'" in fn and fn.rsplit("'", 1)[1].isdigit():
                    fn = fn.rsplit("'", 1)[0]
                ours = obj == binary and not fn.startswith("0x")
                if ours:
                    costs.setdefault(fn, 0)
            elif line.startswith("calls="):
                next(profile, None)   # the cost line after a call is the callee's, not the function's own
            elif ours and line[:1].isdigit():
                parts = line.split()
                if len(parts) >= 2:
                    costs[fn] += int(parts[1])
    return costs


if __name__ == "__main__":
    main()
