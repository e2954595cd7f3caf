"""The council's mail says what its papers say: the results name the awards beyond the quota
under the plan's clause and count in words; the nomination mail does not promise a hard
limit where the plan lets outstanding cases be proposed beyond it."""

from __future__ import annotations

from datetime import date

from models.nominee import Awarded
from notifications.context import base_context, round_context
from notifications.message import ChannelKind
from notifications.render import MessageKind, render
from tasks.messages.milestones import compose_results
from tasks.plans.files import read_plan
from tests.conftest import REPO

HONG_VAN = read_plan(REPO / "campaigns" / "000-hong-van.yaml")
THUONG_PHUC = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
KINDS = frozenset({ChannelKind.EMAIL, ChannelKind.ZALO_OA})
FIRST = HONG_VAN.units[0]  # the unit of the award beyond the quota
AWARDS = [*(Awarded(f"Đơn vị {i}", f"Đơn vị {i}", "collective") for i in range(1, 6)),
          Awarded(FIRST.name, FIRST.name, "collective", True),
          Awarded("Bà Nguyễn Thị Hoa", "Phòng Kinh tế", "individual")]


def test_the_results_name_the_extras_under_the_plans_clause() -> None:
    sent = compose_results(1, HONG_VAN, "tong-ket-2025", AWARDS, "400/QĐ-UBND", KINDS)
    email = next(e for e in sent if e.channel is ChannelKind.EMAIL)
    zalo = next(e for e in sent if e.channel is ChannelKind.ZALO_OA and e.unit_code == FIRST.code)
    said = ("6 tập thể và 1 cá nhân, trong đó 1 tập thể được đề nghị khen thưởng vượt chỉ tiêu "
            "(05 tập thể, 05 cá nhân) theo quy định tại Kế hoạch đối với trường hợp tiêu biểu, "
            "xuất sắc")
    assert f"Giấy khen của Chủ tịch UBND xã cho {said}:" in email.body
    listed = [line for line in email.body.splitlines() if line.startswith("- ")]
    # One a line; a collective is its own unit, said once.
    assert listed == [*(f"- Đơn vị {i}" for i in range(1, 6)),
                      f"- {FIRST.name} – đề nghị vượt chỉ tiêu",
                      "- Bà Nguyễn Thị Hoa (Phòng Kinh tế)"]
    assert email.html is not None and "– đề nghị vượt chỉ tiêu</li>" in email.html
    assert f"- {FIRST.name} (vượt chỉ tiêu)" in zalo.body.splitlines()
    assert ("6 tập thể và 1 cá nhân được tặng Giấy khen của Chủ tịch UBND xã (có trường hợp đề "
            "nghị vượt chỉ tiêu theo Kế hoạch) (Quyết định số 400/QĐ-UBND)") in zalo.body


def test_the_results_count_without_zero() -> None:
    sent = compose_results(1, HONG_VAN, "tong-ket-2025", AWARDS[:2], "400/QĐ-UBND", KINDS)
    email = next(e for e in sent if e.channel is ChannelKind.EMAIL)
    assert "cho 2 tập thể:" in email.body
    assert "0 cá nhân" not in email.body and "vượt chỉ tiêu" not in email.body


def _opening(plan_code: str) -> str:
    plan, code = (HONG_VAN, "tong-ket-2025") if plan_code == "hv" else (THUONG_PHUC,
                                                                        "hang-nam-2026")
    ob = {"what": "Hồ sơ", "recipient": "Phòng Văn hóa – Xã hội", "due_text": "05/12",
          "last_day": date(2025, 12, 5), "why": None, "why_short": None, "how": "Gửi về."}
    context = base_context(plan, plan.units[0]) | {"ob": ob,
                                                   "round": round_context(plan, code)}
    return render(MessageKind.NOMINATION_OPEN, context).text


def test_the_nomination_mail_promises_no_hard_limit_where_extras_are_allowed() -> None:
    assert ("Số lượng đề nghị toàn xã: 5 tập thể, 5 cá nhân (trường hợp tiêu biểu, xuất sắc "
            "được đề xuất thêm theo Kế hoạch).") in _opening("hv")
    assert "tối đa" not in _opening("hv")
    assert "Số lượng đề nghị toàn xã: tối đa 5 tập thể, 10 cá nhân." in _opening("tp")
