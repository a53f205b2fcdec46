"""A command run in the background by a test, read and stopped with time
limits: output is read only as far as it has come (never a blocking read),
and the command is stopped with SIGTERM and a timeout, so a command that
hangs fails the test instead of hanging the run (SIGINT, which Ctrl+C
sends, is ignored by commands started in the background by a script)."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import time


def _as_from_a_terminal() -> None:
    """In the child: SIGINT does what Ctrl+C does, even when the test run
    itself was started in the background (which ignores SIGINT, and the
    children would inherit that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Background:
    """``Background([...])`` starts a command in a session of its own, with
    stdout and stderr together in ``output``."""

    def __init__(self, args: list[str], **kwargs):
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True,
                                     preexec_fn=_as_from_a_terminal, **kwargs)
        self._out = b""
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.proc.stdout, selectors.EVENT_READ)
        self._eof = False

    @property
    def output(self) -> str:
        return self._out.decode("utf-8", errors="replace")

    def _read(self, until: float) -> bool:
        """Read what has come until ``until`` (a monotonic time); False at
        the end of the output."""
        if self._eof:
            return False
        if self._selector.select(max(0.0, until - time.monotonic())):
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                self._eof = True
                return False
            self._out += chunk
        return True

    def wait_for(self, text: str, timeout: float, count: int = 1) -> str:
        """The output once ``text`` is in it (``count`` times); fails when
        it has not come within ``timeout`` seconds or the command ended
        without it."""
        deadline = time.monotonic() + timeout
        while self.output.count(text) < count:
            if time.monotonic() >= deadline or not self._read(deadline):
                raise AssertionError(f"no {text!r} (x{count}) within {timeout} s (exit status {self.proc.poll()}); "
                                     f"output so far:\n{self.output}")
        return self.output

    def python_stacks(self, name: str, timeout: float = 10) -> str:
        """What a hung Python command in this session was doing: SIGABRT to
        each process whose command line holds ``name``, which, started with
        PYTHONFAULTHANDLER=1, prints the stack of every thread as it ends;
        the output read after that."""
        before = len(self._out)
        for pid in self._session_pids():
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    if name.encode() not in f.read():
                        continue
                os.kill(pid, signal.SIGABRT)
            except (OSError, ProcessLookupError):
                continue
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._read(deadline):
            if b"File " in self._out[before:] and not self._selector.select(0.5):
                break
        return self._out[before:].decode("utf-8", errors="replace")

    def _session_pids(self) -> list[int]:
        """The processes of the command's session (none where there is no /proc)."""
        pids: list[int] = []
        if not os.path.isdir("/proc"):
            return pids
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    if os.getsid(int(entry)) == self.proc.pid:
                        pids.append(int(entry))
                except OSError:
                    pass
        return pids

    def signal(self, sig: int) -> None:
        """Send ``sig`` to the command itself (not to what it started)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)

    def wait(self, timeout: float) -> int:
        """Its exit status once it has ended, with all of its output read;
        fails (after stopping it for good) when it does not end in time."""
        deadline = time.monotonic() + timeout
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"still running after {timeout} s; output:\n{self.output}") from None
        while time.monotonic() < deadline + 5 and self._read(deadline + 5):
            pass
        return self.proc.returncode

    def stop(self, timeout: float = 20) -> int:
        """SIGTERM to the command and everything it started; its exit status."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        return self.wait(timeout)

    def kill(self) -> None:
        """SIGKILL to whatever is left of the command's session."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=10)

    def close(self) -> None:
        self.kill()  # what the command started may outlive it
        self._selector.close()
        self.proc.stdout.close()

    def __enter__(self) -> "Background":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
