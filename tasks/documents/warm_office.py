"""One warm LibreOffice per process: started at the first paper, handed every later one.

A start of LibreOffice costs seconds; a paper handed to a running one costs a fraction of a
second. office_bridge.py, run by LibreOffice's own Python (python3-uno), keeps the office and
answers one line per paper. Here the process's side: the bridge is started once (again after
a fork), each paper waits at most its timeout, and a bridge that hangs is killed with its
office (a fresh one starts for the next paper) while one that died is restarted once.
Without a Python that has `uno` the caller falls back to one `soffice` start per call.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import select
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)
BRIDGE = Path(__file__).with_name("office_bridge.py")
READY_SECONDS = 30.0  # the bridge's own start: a Python and `import uno`, well under a second
IDLE_SECONDS = 300  # an office unused this long is closed (its memory back), restarted on need
# Where a Python with LibreOffice's `uno` lives: LibreOffice's own (its official packages
# ship one beside soffice), else the system's (Debian's python3-uno).
SYSTEM_PYTHON = "/usr/bin/python3"


class Unavailable(Exception):
    """No warm office here (no Python with `uno`, or its bridge does not start)."""


class WarmOffice:
    """The process's bridge to its office; one paper at a time."""

    def __init__(self, program: str, profile: Path) -> None:
        self.program, self.profile = program, profile
        self.process: subprocess.Popen[str] | None = None
        self.owner = os.getpid()
        self.lock = threading.Lock()
        self.broken: str | None = None

    def convert(self, docx: Path, pdf: Path, timeout: float) -> str | None:
        """Write `pdf`; None, or what went wrong. Raises Unavailable if there is no bridge, or
        its office was lost twice on one paper (the caller converts the per-call way)."""
        with self.lock:
            for attempt in (1, 2):
                process = self._bridge()
                answer = self._ask(process, {"docx": str(docx), "pdf": str(pdf)}, timeout)
                if answer is None:  # hung: the office and its bridge go; the next paper restarts
                    self.close(kill=True)
                    return f"no answer within {timeout:g} s"
                if "error" not in answer:
                    return None
                if not answer.get("lost") and answer["error"] != "bridge gone":
                    return str(answer["error"])
                self.close(kill=True)  # crashed: one fresh office for this paper, then give up
                if attempt == 2:  # this process converts the per-call way from now on
                    self.broken = f"LibreOffice lost twice: {answer['error']}"
                    raise Unavailable(self.broken)
                log.warning("LibreOffice lost converting %s (%s): starting it again",
                            docx.name, answer["error"])
            return None  # unreachable: the loop returns

    def start(self) -> None:
        """Start the bridge and its office now (it gets ready while the caller works)."""
        with self.lock:
            self._bridge()

    def close(self, *, kill: bool = False) -> None:
        """End the bridge and its office: asked to (stdin closed), or killed as a group."""
        process, self.process = self.process, None
        if process is None or self.owner != os.getpid():
            return
        if not kill and process.stdin is not None:
            try:
                process.stdin.close()
                process.wait(timeout=15)
                return
            except (OSError, subprocess.TimeoutExpired):
                pass
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()

    def _bridge(self) -> subprocess.Popen[str]:
        if self.owner != os.getpid():  # a forked child: the parent's bridge is not ours
            self.process, self.owner = None, os.getpid()
        if self.process is not None and self.process.poll() is None:
            return self.process
        self.close(kill=True)  # a bridge that exited (idle office killed, crash): its leftovers
        if self.broken:
            raise Unavailable(self.broken)
        python = uno_python(self.program)
        if python is None:
            raise Unavailable("no Python with LibreOffice's uno (Debian: python3-uno)")
        # Its own session: a hung office is killed with its whole group, and a Ctrl-C meant for
        # the run does not reach it mid-paper (the run's exit closes it).
        process = subprocess.Popen(
            [python, str(BRIDGE), self.program, self.profile.as_uri(), str(IDLE_SECONDS)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            encoding="utf-8", start_new_session=True)
        self.process = process
        answer = self._ask(process, None, READY_SECONDS)
        if answer is None or not answer.get("ready"):
            self.close(kill=True)
            raise Unavailable(f"its bridge did not start ({answer or 'no answer'})")
        return process

    def _ask(self, process: subprocess.Popen[str], request: dict[str, str] | None,
             timeout: float) -> dict[str, Any] | None:
        """Send a request (None: just read) and read one answer; None if none in time."""
        stdin, stdout = process.stdin, process.stdout
        assert stdin is not None and stdout is not None
        try:
            if request is not None:
                stdin.write(json.dumps(request) + "\n")
                stdin.flush()
        except (BrokenPipeError, OSError):
            return {"error": "bridge gone"}
        line = _line(stdout, timeout)
        if line is None:
            return None
        try:
            answer: dict[str, Any] = json.loads(line) if line else {"error": "bridge gone"}
        except ValueError:
            return {"error": f"bridge said {line[:200]!r}", "lost": True}
        return answer


def uno_python(program: str) -> str | None:
    """A Python that imports LibreOffice's `uno`: THIDUA_UNO_PYTHON, LibreOffice's own, the
    system's; None if none has it."""
    found = _UNO_PYTHON.get(program)
    if found is None and program not in _UNO_PYTHON:
        own = Path(os.path.realpath(program)).with_name("python")
        candidates = [os.environ.get("THIDUA_UNO_PYTHON", ""), str(own), SYSTEM_PYTHON]
        found = next((c for c in candidates if c and shutil.which(c) and _has_uno(c)), None)
        _UNO_PYTHON[program] = found
    return found


_UNO_PYTHON: dict[str, str | None] = {}


def _has_uno(python: str) -> bool:
    try:
        return subprocess.run([python, "-c", "import uno"], capture_output=True,
                              timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _line(stream: IO[str], timeout: float) -> str | None:
    """One line from the bridge, '' at its end, None when none comes in time."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([stream], [], [], left)
        if ready:
            return stream.readline()


_offices: dict[str, WarmOffice] = {}


def office(program: str, profile: Path) -> WarmOffice:
    """The process's warm office for this LibreOffice (made on first use, closed at exit)."""
    if program not in _offices:
        _offices[program] = WarmOffice(program, profile)
        atexit.register(_offices[program].close)
    return _offices[program]
