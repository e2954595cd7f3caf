"""Nomination messages say how dossiers are handed in, the award each kind of nominee is asked
for, and who decides when the commune only proposes; a round saying none of it reads as before."""

from __future__ import annotations

from typing import Any

import pytest

from models.deadline_calendar import build_calendar
from models.plan import Plan
from notifications.context import round_context
from notifications.round_words import hand_in
from tasks.messages.compose import compose_reminders
from tasks.messages.outbox import Envelope
from tests.notice_plan import ROUND, notice_data, notice_plan
from tests.notifications.seed_messages import KINDS, _days, state

AWARDS = ("Giấy khen của Chủ tịch UBND xã cho tập thể, Giấy khen của Chủ tịch UBND xã "
          "(cá nhân) cho cá nhân")
WAYS = "Cách gửi: Nộp trực tiếp tại Bộ phận một cửa xã; nộp trên Cổng Dịch vụ công."


def _round(**changes: Any) -> Plan:
    data = notice_data()
    data["award_rounds"][0] |= changes
    return Plan.model_validate(data)


def _mail(plan: Plan, kind: str) -> Envelope:
    calendar = build_calendar(plan)
    return next(e for day in _days(calendar)
                for e in compose_reminders([state(3, plan, calendar)], day, KINDS)
                if e.kind == kind and e.channel == "email" and e.unit_code == "KT")


def test_the_open_notice_names_each_kinds_award_and_the_ways_in() -> None:
    mail = _mail(notice_plan(), "nomination_open")
    assert f"UBND xã Tân Lập bắt đầu nhận hồ sơ đề nghị {AWARDS}: Khen thưởng phong trào " \
           "năm 2025." in mail.body
    assert WAYS in mail.body
    assert "Nộp trực tiếp tại Bộ phận một cửa xã; nộp trên Cổng Dịch vụ công." in (mail.html or "")


def test_the_closing_reminder_says_them_too() -> None:
    mail = _mail(notice_plan(), "nomination_closing")
    assert f"Đề nghị tặng {AWARDS}." in mail.body and WAYS in mail.body
    assert f"Đề nghị tặng {AWARDS}." in (mail.html or "")


def test_a_round_proposing_upwards_says_who_decides() -> None:
    plan = _round(outcome="propose", propose_to="Chủ tịch UBND tỉnh Phú Thọ",
                  individual_award=None, award="Bằng khen của Chủ tịch UBND tỉnh")
    mail = _mail(plan, "nomination_open")
    assert ("bắt đầu nhận hồ sơ đề nghị Bằng khen của Chủ tịch UBND tỉnh (Hội đồng Thi đua – "
            "Khen thưởng xét chọn, đề nghị Chủ tịch UBND tỉnh Phú Thọ khen thưởng): ") in mail.body
    context = round_context(plan, ROUND)
    assert (context["outcome"], context["propose_to"]) == ("propose", "Chủ tịch UBND tỉnh Phú Thọ")
    assert context["collective_award"] == context["individual_award"] == context["awards"]


def test_a_round_without_ways_keeps_the_usual_words() -> None:
    plan = _round(hand_in=[], hand_in_note=None, individual_award=None)
    mail = _mail(plan, "nomination_closing")
    assert "Cách gửi: Gửi bản điện tử qua email vhxh@tanlap.example.vn và bản giấy về Phòng " \
           "Văn hóa - Xã hội." in mail.body
    assert "Đề nghị tặng" not in mail.body
    assert round_context(plan, ROUND)["hand_in"] == ""


@pytest.mark.parametrize(("ways", "note", "said"), [
    (["post"], None, "Gửi qua bưu chính về Phòng Văn hóa - Xã hội."),
    (["email", "document_system"], None, "Gửi thư điện tử đến vhxh@tanlap.example.vn; gửi qua "
     "Hệ thống quản lý văn bản và điều hành."),
    (["public_service_portal", "in_person"], "Cổng Dịch vụ công tỉnh Phú Thọ",
     "Nộp trên Cổng Dịch vụ công (Cổng Dịch vụ công tỉnh Phú Thọ); nộp trực tiếp tại Phòng Văn "
     "hóa - Xã hội."),
    (["in_person"], None, "Nộp trực tiếp tại Phòng Văn hóa - Xã hội."),
])
def test_each_way_in_words(ways: list[str], note: str | None, said: str) -> None:
    plan = _round(hand_in=ways, hand_in_note=note)
    assert hand_in(plan, plan.round(ROUND)) == said
