"""How messages word an award round: how dossiers are handed in, which award each kind of
nominee is proposed for, and who decides when the commune only proposes. Plain text, no I/O."""

from __future__ import annotations

from models.plan import AwardRound, Plan
from models.plan_parts import HandIn, Outcome

# Each way a plan may say dossiers reach the receiving unit; {to}: that unit, {email}: its mail.
_WAYS = {
    HandIn.IN_PERSON: "nộp trực tiếp tại {to}",
    HandIn.POST: "gửi qua bưu chính về {to}",
    HandIn.PORTAL: "nộp trên Cổng Dịch vụ công",
    HandIn.DOCUMENT_SYSTEM: "gửi qua Hệ thống quản lý văn bản và điều hành",
    HandIn.EMAIL: "gửi thư điện tử{email}",
}


def receiver(plan: Plan, r: AwardRound) -> str:
    """Who receives the round's dossiers, as the plan names them."""
    return r.receiving_label or plan.unit(r.receiving_unit).name


def hand_in(plan: Plan, r: AwardRound) -> str | None:
    """'Nộp trực tiếp tại Bộ phận một cửa xã; nộp trên Cổng Dịch vụ công.': the ways the plan
    gives, in its order; None when it gives none. The plan's note says where the first way
    goes ('tại {note}' in person, else in brackets after it)."""
    if not r.hand_in:
        return None
    email = plan.unit(r.receiving_unit).head.email
    ways = [_WAYS[way].format(to=receiver(plan, r), email=f" đến {email}" if email else "")
            for way in r.hand_in]
    note = r.hand_in_note
    if note:
        first = r.hand_in[0]
        ways[0] = f"nộp trực tiếp tại {note}" if first is HandIn.IN_PERSON \
            else f"{ways[0]} ({note})"
    text = "; ".join(ways)
    return f"{text[:1].upper()}{text[1:]}."


def awards(r: AwardRound) -> str:
    """The award asked for: 'Giấy khen', or 'Giấy khen cho tập thể, Bằng khen cho cá nhân'
    when the plan gives individuals another."""
    individual = r.award_for("individual")
    if individual == r.award:
        return r.award
    return f"{r.award} cho tập thể, {individual} cho cá nhân"


def proposal(r: AwardRound) -> str:
    """' (Hội đồng xã xét chọn, đề nghị Chủ tịch UBND tỉnh khen thưởng)' for a round the commune
    only proposes; empty for one it decides."""
    if r.outcome is not Outcome.PROPOSE or not r.propose_to:
        return ""
    return f" (Hội đồng Thi đua – Khen thưởng xét chọn, đề nghị {r.propose_to} khen thưởng)"
