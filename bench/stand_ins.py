"""Local SMTP sink and Zalo stand-in for the two-worker run, until killed (on demand).

    .venv/bin/python bench/stand_ins.py FOLDER

Writes FOLDER/notify.yaml pointing thidua at them; mail lands in FOLDER/mail/*.eml and
Zalo calls in FOLDER/zalo.jsonl (one JSON line each, with the outbox id it carried), so
another process can count what arrived on each channel by outbox id (bench/scale_check.py).
"""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notifications.redaction import Masker
from notifications.zalo_tokens import TokenStore
from thidua.stand_ins import SmtpServer, ZaloStandIn


def main(folder: Path) -> None:
    """Serve until SIGTERM or SIGINT."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    tokens = folder / "zalo-tokens.json"
    with SmtpServer(folder=folder / "mail") as sink, ZaloStandIn(folder / "zalo.jsonl") as zalo:
        TokenStore(tokens, "scale", "scale-secret", zalo.url, Masker()).seed("scale-refresh")
        (folder / "notify.yaml").write_text(
            f"email: mailto://127.0.0.1:{sink.port}?from=cchc@scale.example.vn"
            "&name=UBND&mode=insecure\n"
            f"zalo_oa: zalooa://scale:scale-secret@1?api={zalo.url}&oauth={zalo.url}"
            f"&tokens={tokens}\n", encoding="utf-8")
        stop.wait()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
