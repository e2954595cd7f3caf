"""What the council's minutes say: the context of their Word template."""

from __future__ import annotations

from typing import Any

from models.council import DossierVote, MinutesFacts
from models.plan import AwardRound, Plan
from models.roster import Member
from models.signatures import SignatureBlock
from models.vn_text import document_date
from tasks.documents.award_papers import Paper
from tasks.documents.templating import register

MINUTES = register("bien-ban-hoi-dong", "Biên bản họp Hội đồng Thi đua – Khen thưởng", {
    "subject", "opened", "day_off", "chair", "secretary", "present", "absent",
    "members_total", "content", "dossiers", "conclusion", "closed", "voted_heading",
    "not_voted_heading", "not_voted"})


def minutes_context(plan: Plan, round_: AwardRound, facts: MinutesFacts,
                    paper: Paper) -> dict[str, Any]:
    """The minutes of the meeting that reviewed `round_`, as `facts` record it."""
    commune = f"{plan.commune.kind} {plan.commune.name}"
    day, start, end = facts.day, facts.start, facts.end
    occasion = round_.title[:1].lower() + round_.title[1:]
    subject = (f"Họp xét {occasion}" if occasion.startswith("khen thưởng")
               else f"Họp xét khen thưởng {occasion}")
    voted, not_voted = [d for d in facts.dossiers if d.voted], facts.not_voted
    chair = SignatureBlock(("CHỦ TỌA",), facts.chair.name)
    return {
        "superior": f"ỦY BAN NHÂN DÂN\n{commune.upper()}",
        "issuer": "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", "number": paper.number,
        "dateline": document_date(plan.commune.name, paper.day),
        "signature": {"authority": list(chair.authority), "name": chair.name},
        "subject": subject,
        "opened": f"Vào hồi {start.hour:02d} giờ {start.minute:02d} ngày {day:%d/%m/%Y}, tại "
                  f"{facts.place}, Hội đồng Thi đua – Khen thưởng {commune} họp xét đề nghị "
                  f"tặng {round_.award} ({occasion}).",
        "day_off": (f"Ngày họp là ngày nghỉ ({facts.day_off}); Văn phòng đã xác nhận họp vào "
                    "ngày này.") if facts.day_off else "",
        "chair": _member(facts.chair), "secretary": _member(facts.secretary),
        "present": [_member(m) for m in facts.present],
        "absent": [_member(m) for m in facts.absent],
        "members_total": facts.members_total,
        "content": _content(len(facts.dossiers), len(voted), len(not_voted)),
        "voted_heading": f"{'1. ' if not_voted else ''}Kết quả biểu quyết các hồ sơ đủ điều "
                         "kiện, tiêu chuẩn (tỉ lệ tính trên tổng số thành viên Hội đồng):"
                         if voted else "",
        "dossiers": [_dossier(d) for d in voted],
        "not_voted_heading": f"{2 if voted else 1}. Các hồ sơ không đưa ra biểu quyết (chưa đủ "
                             "điều kiện, tiêu chuẩn hoặc chưa đủ thành phần hồ sơ):"
                             if not_voted else "",
        "not_voted": [{"name": d.person, "unit": d.unit, "who": _who(d),
                       "reason": "; ".join(d.reasons)} for d in not_voted],
        "conclusion": facts.conclusion,
        "closed": f"Cuộc họp kết thúc vào hồi {end.hour:02d} giờ {end.minute:02d} cùng ngày. "
                  "Biên bản đã được thông qua trước Hội đồng./.",
    }


def _member(member: Member) -> dict[str, str]:
    return {"name": member.name, "office": member.office, "role": member.role.label}


def _content(total: int, voted: int, not_voted: int) -> str:
    said = [f"{voted} hồ sơ đủ điều kiện, tiêu chuẩn được đưa ra biểu quyết" if voted else "",
            f"{not_voted} hồ sơ không đủ điều kiện, tiêu chuẩn, không đưa ra biểu quyết"
            if not_voted else ""]
    return f"Hội đồng xem xét {total} hồ sơ đề nghị khen thưởng: {'; '.join(p for p in said if p)}."


def _who(d: DossierVote) -> str:
    """The person or collective and its unit, the unit left out where the name already says it
    ('Ông A, Bí thư Đoàn Thanh niên xã', not '… (Đoàn Thanh niên xã)')."""
    return d.person if d.unit.casefold() in d.person.casefold() else f"{d.person} ({d.unit})"


def _dossier(d: DossierVote) -> dict[str, str]:
    """A dossier put to the vote: who, the share of the council for it, the outcome."""
    outcome = ("Đề nghị vượt chỉ tiêu" if d.extra else "Đề nghị") if d.approved \
        else "Không đề nghị"
    return {"name": d.person, "unit": d.unit, "eligibility": "Đủ điều kiện",
            "votes": _share(d), "outcome": outcome}


def _share(d: DossierVote) -> str:
    """'3/4 (75,0%)': votes for over the whole council."""
    percent = f"{d.votes_for / d.council_size * 100:.1f}".replace(".", ",")
    return f"{d.votes_for}/{d.council_size} ({percent}%)"
