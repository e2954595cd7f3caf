"""A warm LibreOffice for one process: run by LibreOffice's own Python, never imported by ours.

    python3 office_bridge.py SOFFICE PROFILE_URL IDLE_SECONDS

Debian's /usr/bin/python3 with python3-uno (or the python LibreOffice ships) runs this file;
`uno` exists only in that interpreter: our code never imports this file, and it imports
nothing of the project. It starts one headless office on a profile of its own, says
{"ready": true}, then answers each line {"docx": ..., "pdf": ...} on stdin with one line on
stdout: {"ok": true} or {"error": ...}, with "lost": true when the office itself is gone (it
then exits, and the caller starts another). After IDLE_SECONDS without a request the office is
closed (its memory back), and started again by the next. End of stdin (the caller gone)
closes it too.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from typing import Any

START_SECONDS = 90.0  # a first start builds the profile: seconds, more on a busy machine


def say(**answer: Any) -> None:
    """One answer, one line."""
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()


class Office:
    """One headless LibreOffice on a named pipe, started when needed."""

    def __init__(self, uno: Any, program: str, profile: str) -> None:
        self.uno, self.program, self.profile = uno, program, profile
        self.process: subprocess.Popen[bytes] | None = None
        self.desktop: Any = None
        self.pipe = f"thidua-{os.getpid()}"

    def start(self) -> None:
        """Launch the office (it gets ready while the caller works)."""
        self.process = subprocess.Popen(
            [self.program, f"-env:UserInstallation={self.profile}", "--headless", "--invisible",
             "--nologo", "--norestore", "--nodefault", "--nolockcheck",
             f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.desktop = None

    def connect(self) -> Any:
        """The office's desktop, waiting for it to listen."""
        if self.process is None:
            self.start()
        if self.desktop is not None:
            return self.desktop
        local = self.uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                context = resolver.resolve(
                    f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # NoConnectException: not listening yet
                if self.process is None or self.process.poll() is not None \
                        or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self.desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context)
        return self.desktop

    def convert(self, docx: str, pdf: str) -> dict[str, Any]:
        """Write `pdf` from `docx`; the answer to send."""
        try:
            desktop = self.connect()
        except Exception as error:  # whatever UNO raises, the office is unusable
            return {"error": f"office did not start: {error}", "lost": True}
        document = None
        part = f"{pdf}.part"
        try:
            # Read only, no macro, no link update: the paper is rendered as it is.
            document = desktop.loadComponentFromURL(
                self.uno.systemPathToFileUrl(docx), "_blank", 0,
                self._props(Hidden=True, ReadOnly=True, MacroExecutionMode=0, UpdateDocMode=0))
            if document is None:
                return {"error": "LibreOffice could not open the file"}
            document.storeToURL(self.uno.systemPathToFileUrl(part),
                                self._props(FilterName="writer_pdf_Export"))
            os.replace(part, pdf)  # a PDF is there whole or not at all
            return {"ok": True}
        except Exception as error:  # a UNO exception names the problem
            if os.path.exists(part):
                os.unlink(part)
            return {"error": f"{type(error).__name__}: {error}", "lost": not self.alive()}
        finally:
            if document is not None:
                try:
                    document.close(True)
                except Exception:  # closing a document of a lost office
                    pass

    def alive(self) -> bool:
        """Whether the office still answers."""
        try:
            self.desktop.getComponents()
            return self.process is not None and self.process.poll() is None
        except Exception:  # DisposedException and friends
            return False

    def stop(self) -> None:
        """Close the office; kill it (and this bridge) if it does not go."""
        if self.process is None:
            return
        try:
            if self.desktop is not None:
                self.desktop.terminate()
            self.process.wait(timeout=10)
        except Exception:  # a hung or lost office: the whole group goes
            os.killpg(os.getpgrp(), signal.SIGKILL)
        self.process, self.desktop = None, None

    def _props(self, **values: Any) -> tuple[Any, ...]:
        made = []
        for name, value in values.items():
            prop = self.uno.createUnoStruct("com.sun.star.beans.PropertyValue")
            prop.Name, prop.Value = name, value
            made.append(prop)
        return tuple(made)


def main(program: str, profile: str, idle: float) -> int:
    """Serve conversions until stdin ends."""
    try:
        import uno  # type: ignore[import-not-found]  # LibreOffice's own Python only
    except ImportError as error:
        say(error=f"no uno in {sys.executable}: {error}")
        return 1
    office = Office(uno, program, profile)
    office.start()
    say(ready=True)
    while True:
        ready, _, _ = select.select([sys.stdin], [], [], idle)
        if not ready:
            office.stop()  # idle: its memory back; the next request starts it again
            continue
        line = sys.stdin.readline()
        if not line:
            break
        request = json.loads(line)
        answer = office.convert(request["docx"], request["pdf"])
        say(**answer)
        if answer.get("lost"):
            return 2
    office.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], float(sys.argv[3])))
