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
    "members_total", "content", "dossiers", "conclusion", "closed"})


def minutes_context(plan: Plan, round_: AwardRound, facts: MinutesFacts,
                    paper: Paper) -> dict[str, Any]:
    """The minutes of the meeting that reviewed `round_`, as `facts` record it."""
    commune = f"{plan.commune.kind} {plan.commune.name}"
    day, start, end = facts.day, facts.start, facts.end
    occasion = round_.title[:1].lower() + round_.title[1:]
    subject = (f"Họp xét {occasion}" if occasion.startswith("khen thưởng")
               else f"Họp xét khen thưởng {occasion}")
    eligible = sum(d.eligible for d in facts.dossiers)
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
        "content": f"Hội đồng xem xét {len(facts.dossiers)} hồ sơ đề nghị khen thưởng, trong "
                   f"đó {eligible} hồ sơ đủ điều kiện, tiêu chuẩn; kết quả xét và biểu quyết "
                   "từng hồ sơ như sau (tỉ lệ tính trên tổng số thành viên Hội đồng):",
        "dossiers": [_dossier(d) for d in facts.dossiers],
        "conclusion": facts.conclusion,
        "closed": f"Cuộc họp kết thúc vào hồi {end.hour:02d} giờ {end.minute:02d} cùng ngày. "
                  "Biên bản đã được thông qua trước Hội đồng./.",
    }


def _member(member: Member) -> dict[str, str]:
    return {"name": member.name, "office": member.office, "role": member.role.label}


def _dossier(d: DossierVote) -> dict[str, str]:
    eligibility = ("Đủ điều kiện" if d.eligible
                   else "Không đủ: " + "; ".join(d.reasons))
    return {"name": d.name, "unit": d.unit, "eligibility": eligibility,
            "votes": _share(d) if d.eligible or d.votes_for else "Không biểu quyết",
            "outcome": "Đề nghị" if d.approved else "Không đề nghị"}


def _share(d: DossierVote) -> str:
    """'3/4 (75,0%)': votes for over the whole council."""
    percent = f"{d.votes_for / d.council_size * 100:.1f}".replace(".", ",")
    return f"{d.votes_for}/{d.council_size} ({percent}%)"
