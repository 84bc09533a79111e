#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal of its own and walks it through steps, for the tests
of how Windows users start the program (.ci/wine/start.sh). Under wine, a program started
directly on a terminal gets a console of its own, as after a double-click in Explorer.

    python3 .ci/wine/pty.py TRANSCRIPT STEP... -- COMMAND ARG...

Steps, in order:
    wait=TEXT   wait until the output since the last send holds TEXT (escape sequences and
                line breaks left out, so a line drawn in pieces still counts)
    running     the command has not exited
    send=TEXT   type TEXT (Python escapes: send=\\r is Enter)
    exit=CODE   wait for the command to exit with CODE
    exited      wait for the command to exit, whatever its code

Each wait ends as soon as its condition holds (or the command exits), and fails after
PTY_TIMEOUT seconds (default 90). The output read, raw, is written to TRANSCRIPT, and again as text to TRANSCRIPT.txt.
Exits 0 when every step held, 1 (saying which step failed) otherwise; the command is killed
(by its process id) if it is still running then.
"""
import codecs
import fcntl
import os
import re
import select
import signal
import struct
import sys
import termios
import time
import tty

TIMEOUT = float(os.environ.get("PTY_TIMEOUT", "90"))
# CSI and OSC sequences, other two-byte escapes, and the control characters but none of text.
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f]")


def text_of(raw):
    """What a person reads: no escapes, no line breaks (a wrapped line is one line)."""
    return ESCAPES.sub(b"", raw).replace(b"\n", b"").decode("utf-8", "replace")


class Run:
    def __init__(self, command):
        self.pid, self.fd = os.forkpty()
        if self.pid == 0:
            # Raw, as a Windows console hands keys over: wine's console reads the terminal as
            # it is, and a line discipline in between would turn Enter's \r into \n (which
            # wine takes for Ctrl+J) and echo every key twice.
            tty.setraw(0)
            env = dict(os.environ, TERM="xterm")
            try:
                os.execvpe(command[0], command, env)
            finally:
                os._exit(127)
        # 24 rows of 80 columns, as a console window opens.
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.raw = b""
        # Where the output stood at the last send: a wait looks at what came after it.
        self.mark = 0
        self.code = None

    def pump(self, seconds):
        """Reads what arrives within `seconds`; notes the exit status once the child ends."""
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if ready:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # EIO: every holder of the terminal's other side is gone
                chunk = b""
            self.raw += chunk
            if chunk:
                return
        if self.code is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.code = os.waitstatus_to_exitcode(status)

    def until(self, condition):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if condition():
                return True
            self.pump(0.05)
        return condition()

    def finished(self):
        """Exited, and its output read to the end."""
        if self.code is None:
            return False
        self.drain()
        return True

    def drain(self):
        """Reads what is left to read now."""
        while True:
            before = len(self.raw)
            self.pump(0)
            if len(self.raw) == before:
                return

    def kill(self):
        if self.code is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass


def main(argv):
    transcript, rest = argv[0], argv[1:]
    split = rest.index("--")
    steps, command = rest[:split], rest[split + 1 :]
    run = Run(command)
    failure = None
    for step in steps:
        kind, _, arg = step.partition("=")
        if kind == "wait":
            def shown():
                return arg in text_of(run.raw[run.mark :])

            # An exit ends the wait at once: nothing more will show.
            run.until(lambda: shown() or run.finished())
            if not shown():
                ended = "" if run.code is None else f" before it exited ({run.code})"
                failure = f"never showed {arg!r}{ended}"
        elif kind == "running":
            run.pump(0)
            if run.code is not None:
                failure = f"had exited ({run.code}) instead of waiting"
        elif kind == "send":
            run.mark = len(run.raw)
            os.write(run.fd, codecs.escape_decode(arg.encode())[0])
        elif kind in ("exit", "exited"):
            if not run.until(run.finished):
                failure = f"did not exit within {TIMEOUT:.0f} s"
            elif kind == "exit" and run.code != int(arg):
                failure = f"exited {run.code}, not {arg}"
        else:
            failure = f"unknown step {step!r}"
        if failure:
            failure = f"{step}: {failure}"
            break
    run.drain()
    run.kill()
    with open(transcript, "wb") as f:
        f.write(run.raw)
    with open(transcript + ".txt", "w", encoding="utf-8") as f:
        f.write(text_of(run.raw))
    if failure:
        print(f"pty.py: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
