"""`thidua demo`: a seed plan from launch through its calendar, mail and Zalo counted."""

from __future__ import annotations

from datetime import date
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tasks.database import dispose_engines
from tasks.plan_files import read_plan
from tasks.settings import get_settings
from tests.conftest import REPO
from thidua.demo import event_days, run_demo

VINH_THUY = REPO / "campaigns" / "002-vinh-thuy.yaml"


def test_event_days_are_the_reminder_and_overdue_days() -> None:
    days = event_days(read_plan(VINH_THUY))
    assert days[:3] == [date(2025, 11, 21), date(2025, 11, 25), date(2025, 11, 27)]
    assert date(2025, 12, 1) not in days  # the last day itself brings no new step


def test_vinh_thuy_runs_end_to_end_and_each_message_arrives_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("THIDUA_DATA_DIR", "THIDUA_NOTIFY_CONFIG", "THIDUA_DATABASE_URL"):
        monkeypatch.setenv(name, "unset-by-the-demo")  # restored after the test
    try:
        story = list(run_demo(VINH_THUY, tmp_path / "out"))
    finally:
        get_settings.cache_clear()
        dispose_engines()
    assert story[0].startswith("thứ Ba, 01/07/2025: phát động UBND xã Vĩnh Thủy")
    assert "8 tin đến 4 đơn vị" in story[0]
    assert story[1] == "thứ Sáu, 21/11/2025: 3 email, 3 Zalo — 3 × [Sắp hết hạn nộp hồ sơ]"
    mail = sorted((tmp_path / "out" / "mail").glob("*.eml"))
    messages = [message_from_bytes(p.read_bytes(), policy=policy.default) for p in mail]
    outbox_ids = [str(m["X-Thidua-Message"]) for m in messages]
    assert len(outbox_ids) == len(set(outbox_ids)), "a message arrived twice"
    keys = [(str(m["To"]), str(m["Subject"])) for m in messages]
    closing = [to for to, subject in keys if subject.startswith("[Sắp hết hạn nộp hồ sơ]")]
    assert sorted(closing) == sorted(3 * ["kt@vinhthuy.example.vn", "vp@vinhthuy.example.vn",
                                          "ttpvhcc@vinhthuy.example.vn"])
    assert story[-1].startswith(f"Tổng cộng {len(mail)} email")
