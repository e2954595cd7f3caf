"""Local SMTP sink and Zalo stand-in in a process of their own, until killed (on demand).

    .venv/bin/python bench/stand_ins.py FOLDER

Writes FOLDER/notify.yaml pointing thidua at them (once both answer: its presence says they
are up); mail lands in FOLDER/mail/*.eml and Zalo calls in FOLDER/zalo.jsonl (one JSON line
each, with the outbox id it carried), so another process can count what arrived on each
channel by outbox id (bench/scale_check.py). Also the helpers the benchmarks share with it:
raw smtplib's floor against the same sink, and a process's peak RSS.
"""

from __future__ import annotations

import signal
import smtplib
import sys
import threading
import time
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notifications.redaction import Masker
from notifications.zalo_tokens import TokenStore
from thidua.stand_ins import SmtpServer, ZaloStandIn


def raw_smtplib(port: int, count: int) -> float:
    """Seconds for raw smtplib to send `count` small personalised mails on one connection."""
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for i in range(count):
            message = EmailMessage()
            message["From"], message["To"] = "cchc@bench.example.vn", f"u{i}@bench.example.vn"
            message["Subject"] = f"Nhắc hạn {i}"
            message.set_content(f"Kính gửi đơn vị {i}: báo cáo quý II/2026 đã quá hạn.")
            smtp.send_message(message)
    return time.perf_counter() - started


def peak_mib(pid: int) -> float:
    """A live process's peak resident memory (VmHWM), MiB; 0 once it has gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    kib = next((int(line.split()[1]) for line in status.splitlines()
                if line.startswith("VmHWM:")), 0)
    return kib / 1024


def smtp_port(folder: Path) -> int:
    """The sink's port, from the notify.yaml it wrote."""
    text = (folder / "notify.yaml").read_text(encoding="utf-8")
    return int(text.split("mailto://127.0.0.1:", 1)[1].split("?", 1)[0])


def main(folder: Path) -> None:
    """Serve until SIGTERM or SIGINT."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    tokens = folder / "zalo-tokens.json"
    with SmtpServer(folder=folder / "mail") as sink, ZaloStandIn(folder / "zalo.jsonl") as zalo:
        TokenStore(tokens, "scale", "scale-secret", zalo.url, Masker()).seed("scale-refresh")
        written = folder / "notify.yaml.new"
        written.write_text(
            f"email: mailto://127.0.0.1:{sink.port}?from=cchc@scale.example.vn"
            "&name=UBND&mode=insecure\n"
            f"zalo_oa: zalooa://scale:scale-secret@1?api={zalo.url}&oauth={zalo.url}"
            f"&tokens={tokens}\n", encoding="utf-8")
        written.rename(folder / "notify.yaml")  # whole when it appears
        stop.wait()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
