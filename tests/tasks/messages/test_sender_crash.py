"""Senders killed mid-send and senders racing a slow server, as real processes.

Each message carries its outbox id (an email header, a header on the Zalo call), so the
stand-ins count exactly what arrived how many times. Leases run on the database's clock: a
restart waits for the dead sender's lease to lapse, whatever `now` it is given.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from infra.database import get_engine
from models.tables import OutboxMessage
from notifications.message import ChannelKind
from notifications.redaction import Masker
from notifications.zalo_tokens import TokenStore
from tasks.messages.outbox import Envelope, enqueue
from tests.tasks.messages.test_outbox import _campaign
from thidua.stand_ins import SmtpServer, ZaloStandIn

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2025, 11, 25, 7, 30, tzinfo=VN)
SENDER = Path(__file__).with_name("sender_process.py")
MESSAGES = 1_050
KILLS = 20
LEASE = 1.0  # seconds of the database's clock; the heartbeat renews it every quarter
FAR_FUTURE = datetime(2099, 1, 1, tzinfo=VN).isoformat()


@pytest.fixture
def stand_ins(tmp_path: Path) -> Iterator[tuple[SmtpServer, ZaloStandIn]]:
    """A local SMTP server and Zalo, and a notify.yaml naming them."""
    with SmtpServer() as smtp, ZaloStandIn(tmp_path / "zalo.jsonl") as zalo:
        tokens = tmp_path / "tokens.json"
        TokenStore(tokens, "app", "secret-key", zalo.url, Masker()).seed(
            "refresh-1", "access-1", expires_at=time.time() + 36_000)
        (tmp_path / "notify.yaml").write_text(
            f"email: mailto://127.0.0.1:{smtp.port}?from=cchc@xa.example.vn&mode=insecure\n"
            f"zalo_oa: zalooa://app:secret-key@1?api={zalo.url}&oauth={zalo.url}"
            f"&tokens={tokens}\n", encoding="utf-8")
        yield smtp, zalo


def _queue(url: str, count: int, zalo_every: int) -> set[str]:
    campaign = _campaign(url)
    envelopes = [Envelope(campaign, f"U{i}", ChannelKind.ZALO_OA if i % zalo_every == 0
                          else ChannelKind.EMAIL,
                          f"zalo-{i}" if i % zalo_every == 0 else f"u{i}@x.example.vn",
                          "report_due", f"Nhắc hạn {i}", f"Nội dung {i}",
                          obligation_key=f"report:Q1:U{i}", step="d3") for i in range(count)]
    assert enqueue(get_engine(url), envelopes, NOW) == count
    return {f"outbox-{i}" for i in range(1, count + 1)}


def _start(url: str, folder: Path, now: str, lease: float) -> subprocess.Popen[str]:
    env = os.environ | {"THIDUA_NOTIFY_CONFIG": str(folder / "notify.yaml"),
                        "THIDUA_DATA_DIR": str(folder)}
    return subprocess.Popen([sys.executable, str(SENDER), url, now, str(lease)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _arrived(smtp: SmtpServer, zalo: ZaloStandIn) -> list[str]:
    return [str(m["X-Thidua-Message"]) for m in smtp.box.messages] + list(zalo.tracking)


def _attempts(url: str) -> dict[str, int]:
    """Each row's recorded tries, by the id the stand-ins see."""
    table = OutboxMessage.__table__  # type: ignore[attr-defined]
    with get_engine(url).connect() as connection:
        rows = connection.execute(select(table.c.id, table.c.attempts)).all()
    return {f"outbox-{row_id}": attempts for row_id, attempts in rows}


def _wait(count: Callable[[], int], target: int, process: subprocess.Popen[str],
          what: str) -> None:
    deadline = time.monotonic() + 120
    while count() < target:
        assert process.poll() is None, f"sender ended before {what}: {process.stderr}"
        assert time.monotonic() < deadline, f"no {what} within 120 s"
        time.sleep(0.001)


def test_a_sender_killed_at_20_points_loses_nothing_and_repeats_at_most_one_each(
        tmp_path: Path, stand_ins: tuple[SmtpServer, ZaloStandIn]) -> None:
    smtp, zalo = stand_ins
    url = f"sqlite:///{tmp_path / 'thidua.db'}"
    expected = _queue(url, MESSAGES, zalo_every=3)
    step = MESSAGES // (KILLS + 1)
    for kill in range(KILLS):
        process = _start(url, tmp_path, NOW.isoformat(), LEASE)
        target = (kill + 1) * step
        _wait(lambda: smtp.count + zalo.count, target, process, f"{target} messages")
        process.send_signal(signal.SIGKILL)
        process.wait()
        arrived, tries = Counter(_arrived(smtp, zalo)), _attempts(url)
        # A claim is not a try: what never reached a server has no try, whatever was held.
        assert {key for key in expected - set(arrived) if tries[key]} == set(), kill
        assert all(tries[key] <= n for key, n in arrived.items()), kill
        time.sleep(LEASE * 1.5)  # the dead sender's claims lapse by the database's clock
    last = _start(url, tmp_path, NOW.isoformat(), LEASE)
    out, err = last.communicate(timeout=300)
    assert last.returncode == 0, err
    arrived = Counter(_arrived(smtp, zalo))
    assert set(arrived) == expected  # nothing lost, nothing unknown
    repeats = {key: n - 1 for key, n in arrived.items() if n > 1}
    assert sum(repeats.values()) <= KILLS and max(repeats.values(), default=0) <= 1, repeats
    assert json.loads(out)["failed"] == 0
    # Every message was recorded sent once: a kill used up no try of any message.
    assert set(_attempts(url).values()) == {1}
    # Both channels were interrupted and resumed: each carried messages after the kills.
    assert len(zalo.tracking) >= MESSAGES // 3 and smtp.count >= MESSAGES * 2 // 3


def test_a_second_sender_never_takes_what_a_slow_sender_still_holds(
        tmp_path: Path, stand_ins: tuple[SmtpServer, ZaloStandIn]) -> None:
    smtp, zalo = stand_ins
    zalo.delay = 5.0  # Zalo answers each message after 5 s
    url = f"sqlite:///{tmp_path / 'thidua.db'}"
    expected = _queue(url, 3, zalo_every=1)
    lease = 4.0  # shorter than one answer: only the heartbeat keeps the claim alive
    first = _start(url, tmp_path, "-", lease)
    _wait(lambda: zalo.count, 1, first, "the first answer")  # 5 s: past the first lease
    second = _start(url, tmp_path, FAR_FUTURE, lease)  # a caller's now cannot lapse a claim
    second_out, second_err = second.communicate(timeout=60)
    first_out, first_err = first.communicate(timeout=60)
    assert first.returncode == 0 and second.returncode == 0, first_err + second_err
    assert json.loads(second_out)["claimed"] == 0
    assert json.loads(first_out)["sent"] == 3
    assert Counter(_arrived(smtp, zalo)) == Counter(expected)  # each exactly once
