#!/usr/bin/env python3
"""Times `refuge resume SESSION` from fork to its first frame, for several builds side by side.

    scripts/resume-timing.py --home DIR --session ID [--rounds 40] [--cpu] BINARY... [dialog]

Each round runs every binary once, in a new random order, in a pseudo-terminal (80x24,
xterm-256color, C.UTF-8), waits for the footer's " menu" (the last line of the first frame), then
presses Ctrl-C (save and quit). `dialog` as a binary name runs `dialog --yesno Ready? 7 30`
instead and waits for "Ready?". Prints the median, the first quartile and the minimum per binary;
with `--cpu`, the child's CPU time (user + system, the whole run) instead of the time to the frame.

Each binary gets its own copy of DIR: a compiled questionnaire is kept per program (release and
commit), so binaries sharing one home would each find the other's entry useless and measure a
cold start. Every binary runs once before the rounds (writing its compiled entry). The copies
are removed at the end. Why a script beside the benchmark: it alternates builds within one run,
so a busy machine slows all of them alike (README, "Round two (issue 19)").
"""
import argparse, os, pty, random, select, shutil, statistics, tempfile, time


def run_once(binary, home, session, cpu):
    environment = {"REFUGE_HOME": home, "HOME": home, "PATH": "/usr/bin:/bin", "TERM": "xterm-256color",
                   "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LINES": "24", "COLUMNS": "80"}
    is_dialog = os.path.basename(binary) == "dialog"
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        if is_dialog:
            os.execve(shutil.which("dialog") or "/usr/bin/dialog", ["dialog", "--yesno", "Ready?", "7", "30"], environment)
        os.execve(binary, [binary, "resume", session], environment)
    marker = b"Ready?" if is_dialog else b" menu"
    seen = b""
    while marker not in seen:
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            break
        try:
            seen += os.read(fd, 65536)
        except OSError:
            break
    elapsed = time.perf_counter() - start
    os.write(fd, b"\r" if is_dialog else b"\x03")
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    _, _, usage = os.wait4(pid, 0)
    if marker not in seen:
        raise SystemExit(f"{binary}: no first frame within 10 s")
    return usage.ru_utime + usage.ru_stime if cpu else elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", required=True, help="a REFUGE_HOME holding the session")
    parser.add_argument("--session", required=True, help="the session id to resume")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--cpu", action="store_true", help="CPU time of the whole run instead of time to the frame")
    parser.add_argument("binaries", nargs="+")
    options = parser.parse_args()
    homes = {}
    try:
        for binary in options.binaries:
            copy = tempfile.mkdtemp(prefix="resume-timing-")
            shutil.rmtree(copy)
            shutil.copytree(options.home, copy, symlinks=True)
            homes[binary] = copy
            run_once(binary, copy, options.session, options.cpu)
        results = {binary: [] for binary in options.binaries}
        for _ in range(options.rounds):
            # A new order each round: a binary always run first (or right after another) would
            # always meet the machine in the same state.
            for binary in random.sample(options.binaries, len(options.binaries)):
                results[binary].append(run_once(binary, homes[binary], options.session, options.cpu))
        for binary, values in results.items():
            values.sort()
            print("%-32s median %6.2f ms  p25 %6.2f  min %6.2f" % (
                binary, statistics.median(values) * 1000, values[len(values) // 4] * 1000, values[0] * 1000))
    finally:
        for copy in homes.values():
            shutil.rmtree(copy, ignore_errors=True)


if __name__ == "__main__":
    main()
