"""Every message the five seed plans make reads right: spacing, words, counts, Zalo size."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from models.vn_text import fmt_date
from notifications.context import moved_why
from notifications.message import ChannelKind
from notifications.zalo_plugins import _fit
from tests.notifications.seed_messages import seed_messages, seed_plans
from tests.notifications.text_check import plain, problems, zalo_problems

ZNS_LIMIT = 400


def _findings() -> list[str]:
    found = []
    for label, e in seed_messages():
        if e.channel is ChannelKind.EMAIL:
            parts = {"subject": e.subject, "text": e.body, "html": plain(e.html or "")}
            found += [f"{label} {part}: {p}" for part, text in parts.items()
                      for p in problems(text)]
        else:
            found += [f"{label} {e.channel}: {p}" for p in zalo_problems(e.body)]
    return found


def test_every_seed_message_reads_right() -> None:
    found = _findings()
    summary = Counter(f.split(": ")[0].split()[-1] + ": " + f.split(": ")[1] for f in found)
    assert not found, "\n".join([*found[:40], str(summary.most_common(20))])


def test_seed_mails_sign_with_their_subject_and_name_their_plan() -> None:
    # The seeds' subject is CCHC and their kind Kế hoạch: the words stay as they always were.
    mails = [e for _, e in seed_messages() if e.channel is ChannelKind.EMAIL]
    assert mails and all(" – hệ thống nhắc việc thi đua CCHC (thư tự động, vui lòng không trả "
                         "lời thư này)." in e.body for e in mails)
    launched = [e for e in mails if e.kind == "campaign_launched"]
    assert launched and all(e.subject.startswith("[Phát động] Kế hoạch ") for e in launched)
    assert any("Kèm theo thư này: Kế hoạch (" in e.body for e in launched)
    reports = [e for e in mails if e.kind == "report_due"]
    assert any("] Báo cáo kết quả CCHC " in e.subject for e in reports)


def test_seed_messages_cover_every_kind() -> None:
    kinds = {e.kind for _, e in seed_messages()}
    assert kinds >= {"campaign_launched", "report_due", "report_overdue", "report_returned",
                     "nomination_open", "nomination_closing", "nomination_closed",
                     "dossier_incomplete", "task_due", "task_overdue", "escalation",
                     "council_meeting", "results_announced", "final_summary",
                     "delivery_failed", "test"}


@pytest.mark.parametrize("channel", [ChannelKind.ZALO_OA, ChannelKind.WEBHOOK], ids=str)
def test_zalo_text_points_to_the_email(channel: ChannelKind) -> None:
    # A test message checks the channel itself; a failure report about email may not have one.
    missing = {e.kind for _, e in seed_messages()
               if e.channel is channel and e.kind != "test" and "email" not in e.body
               and not (e.kind == "delivery_failed" and "qua email" in e.body)}
    assert not missing


def test_a_moved_last_day_says_why_next_to_it() -> None:
    # The escalation lists many items for the office, which knows the calendar rule.
    checked = 0
    for label, e in seed_messages():
        plan, calendar = seed_plans()[e.campaign_id - 1]
        for o in calendar:
            why = moved_why(o, short=True)
            shown = fmt_date(o.effective_last_day) in e.body and o.what in e.body
            if why and shown and e.kind != "escalation":
                checked += 1
                assert why in e.body, (label, e.channel, e.body)
    assert checked > 100


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("Báo cáo quý I", 400, "Báo cáo quý I"),
    ("Báo cáo kết quả CCHC quý I/2025", 20, "Báo cáo kết quả…"),
    ("Báocáokếtquả", 6, "Báocá…"),
], ids=["fits", "word-boundary", "one-long-word"])
def test_fit_cuts_at_a_word(text: str, limit: int, expected: str) -> None:
    assert _fit(text, limit) == expected and len(_fit(text, limit)) <= limit


def test_zns_parameters_are_whole_words() -> None:
    # Every envelope carries the ZNS parameters; a cut one ends after a word with "…".
    checked = 0
    for label, e in seed_messages():
        if e.channel is ChannelKind.EMAIL:  # same parameters as its Zalo twin, whose body is short
            continue
        for value in e.meta["zns"].values():
            checked += 1
            assert len(value) <= ZNS_LIMIT and not value.endswith((" ", " …")), (label, value)
            if value.endswith("…"):
                names = " ".join(u.name for u in seed_plans()[e.campaign_id - 1][0].units)
                source = f"{e.meta.get('what', '')} {e.body} {names} "
                assert re.search(re.escape(value[:-1]) + r"[\s,;:–-]", source), (label, value)
    assert checked > 1000
