"""gui-thu against a sender already at work: a caller's `now` chooses what is due, never
whose claim has lapsed (leases run on the database's clock), on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from flows.send_outbox import send_outbox
from infra.database import dispose_engines, get_engine
from infra.settings import get_settings
from notifications.message import ChannelKind
from tasks.messages.outbox import Envelope, enqueue
from tests.tasks.messages.slow_smtp import arrivals, late_smtp
from tests.tasks.messages.test_outbox import _campaign
from tests.tasks.messages.test_sender_crash import _start
from thidua.stand_ins import SmtpServer

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2025, 11, 25, 7, 30, tzinfo=VN)
MESSAGES = 4
ANSWER_AFTER = 2.0  # seconds the mail server takes to answer each mail
LEASE = 1.0  # shorter than one answer: only the heartbeat keeps the claims alive


@pytest.fixture
def slow_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                deployment_url: str) -> Iterator[tuple[str, SmtpServer]]:
    """A database with a campaign and four mails queued; a mail server slow to answer."""
    with late_smtp(ANSWER_AFTER) as smtp:
        (tmp_path / "notify.yaml").write_text(
            f"email: mailto://127.0.0.1:{smtp.port}?from=cchc@xa.example.vn&mode=insecure\n",
            encoding="utf-8")
        monkeypatch.setenv("THIDUA_DATABASE_URL", deployment_url)
        monkeypatch.setenv("THIDUA_DATA_DIR", str(tmp_path))
        monkeypatch.setenv("THIDUA_NOTIFY_CONFIG", str(tmp_path / "notify.yaml"))
        get_settings.cache_clear()
        dispose_engines()
        campaign = _campaign(deployment_url)
        enqueue(get_engine(deployment_url), [
            Envelope(campaign, f"U{i}", ChannelKind.EMAIL, f"u{i}@x.example.vn", "report_due",
                     f"Nhắc hạn {i}", "Nội dung", f"report:Q1:U{i}", "d3")
            for i in range(MESSAGES)], NOW)
        yield deployment_url, smtp
    get_settings.cache_clear()
    dispose_engines()


def test_a_run_given_a_far_future_now_takes_nothing_a_slow_sender_holds(
        tmp_path: Path, slow_office: tuple[str, SmtpServer]) -> None:
    url, smtp = slow_office
    sender = _start(url, tmp_path, NOW.isoformat(), LEASE)
    deadline = time.monotonic() + 60
    while smtp.count < 2:  # one answer in: the sender has held its claims past one lease
        assert sender.poll() is None and time.monotonic() < deadline, sender.stderr
        time.sleep(0.05)
    state = send_outbox(now=datetime(2099, 1, 1, tzinfo=VN), return_state=True)
    assert state.result()["claimed"] == 0
    _, err = sender.communicate(timeout=60)
    assert sender.returncode == 0, err
    assert arrivals(smtp) == Counter({f"outbox-{i}": 1 for i in range(1, MESSAGES + 1)})
