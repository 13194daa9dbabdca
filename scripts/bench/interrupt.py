#!/usr/bin/env python3
"""How long Ctrl-C takes to bring back the REPL's prompt during long work.

    scripts/bench/interrupt.py [--dsw .build/release/dsw] [--after 1.0] [--tries 5]

Starts the REPL on a new notebook in a pseudo-terminal, as a user would, makes a 40M-row
table with `synth groupby`, then for each statement below runs it, sends
Ctrl-C (the byte 0x03) after `--after` seconds, and times how long the next
prompt takes to appear. The pseudo-terminal is read in a tight loop, so the
figure is the REPL's own latency, not a screen poll's. After each interrupt
it runs a small statement to check that the session still answers.
"""

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time

PROMPT = re.compile(rb"\[\d+\]> ")

# Made before the statements: 40M rows, and two of their columns for a join
# of 400M rows (within the default memory limit on a 24 GB machine).
SETUP = [
    'synth groupby (rows: 40000000, k: 10, seed: 1, as: "g")',
    "let s = from g | select id6, v1",
]

# Long statements of each kind of kernel; each runs for several seconds.
STATEMENTS = [
    ("join, 400M rows", "from g | select id6, v3 | join s on id6 | aggregate n = count()"),
    ("sort 40M rows by 3 keys", "from g | sort id3, -v3, id6 | aggregate n = count()"),
    ("window over 40M rows", "from g | window by id3 order v1 derive r = rank() | aggregate n = count()"),
    ("median by 4M keys", "from g | aggregate m = median(v3) by id6 | aggregate n = count()"),
    ("export 40M rows to CSV", 'export g to "g.csv"'),
]


class Terminal:
    def __init__(self, argv):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["TERM"] = "xterm-256color"
            os.execv(argv[0], argv)
        # A screen large enough that no answer below needs the pager.
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 200, 0, 0))
        self.buffer = b""

    def send(self, text):
        os.write(self.fd, text if isinstance(text, bytes) else text.encode())

    def wait_for_prompt(self, timeout):
        """Seconds until a prompt arrives after what was read so far."""
        start = time.perf_counter()
        while True:
            match = PROMPT.search(self.buffer)
            if match:
                before = self.buffer[: match.start()]
                self.buffer = self.buffer[match.end():]
                return time.perf_counter() - start, before
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(f"no prompt after {timeout} s; screen: {self.buffer[-400:]!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                self.buffer += os.read(self.fd, 65536)

    def run(self, line, timeout=600):
        self.send(line + "\n")
        return self.wait_for_prompt(timeout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dsw", default=".build/release/dsw")
    parser.add_argument("--after", type=float, default=1.0)
    parser.add_argument("--tries", type=int, default=5)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp()
    terminal = Terminal([args.dsw, os.path.join(scratch, "interrupt.dswnb")])
    terminal.wait_for_prompt(30)
    for line in SETUP:
        terminal.run(line)
    print(f"Ctrl-C sent {args.after} s after each statement starts; milliseconds until the prompt")
    print(f"{'statement':34} {'median':>7} {'max':>7}  all")
    worst = 0.0
    for label, statement in STATEMENTS:
        times = []
        for _ in range(args.tries):
            terminal.send(statement + "\n")
            time.sleep(args.after)
            terminal.send(b"\x03")
            elapsed, screen = terminal.wait_for_prompt(120)
            if b"interrupted" not in screen:
                sys.exit(f"{label}: finished before Ctrl-C; screen: {screen[-300:]!r}")
            times.append(elapsed * 1000)
            _, answer = terminal.run("from g | take 1 | aggregate n = count()")
            if b"1" not in answer:
                sys.exit(f"{label}: the session did not answer after Ctrl-C: {answer!r}")
        worst = max(worst, max(times))
        print(
            f"{label:34} {statistics.median(times):7.0f} {max(times):7.0f}  "
            + " ".join(f"{t:.0f}" for t in times)
        )
    os.kill(terminal.pid, signal.SIGTERM)
    print(f"worst: {worst:.0f} ms")


if __name__ == "__main__":
    main()
