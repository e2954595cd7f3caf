"""A sender in a process of its own, for the tests that kill it: one pass, its tally on stdout.

    python tests/tasks/messages/sender_process.py DATABASE_URL NOW|- LEASE_SECONDS
(the channels come from THIDUA_NOTIFY_CONFIG, as in a deployment)
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from infra.database import get_engine
from tasks.messages.channels import open_channels
from tasks.messages.deliver import BATCH, send_pass


def main(url: str, now: str, lease: float) -> None:
    """Send everything due, as the send-outbox task does."""
    moment = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")) if now == "-" else (
        datetime.fromisoformat(now))
    tally = send_pass(get_engine(url), open_channels(), moment, BATCH,
                      logging.getLogger("sender"), timedelta(seconds=lease))
    print(json.dumps(tally.figures()), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
