"""What the commune's Tờ trình to the level above says: the People's Committee, as a body,
asks the higher authority for an award it cannot give itself (its Word template is
to-trinh-cap-tren.docx, its kind PROPOSAL in award_papers.py)."""

from __future__ import annotations

from typing import Any

from models.legal_bases import plan_basis
from models.nominee import Candidate
from models.plan import AwardRound, Plan
from models.signatures import for_the_committee
from models.vn_text import fmt_date
from tasks.documents.award_papers import (
    Paper,
    achievement,
    award_lists,
    commune_of,
    filed,
    paper_common,
    subject_awards,
)

PROPOSAL_SYMBOL = "TTr-UBND"  # the People's Committee's own book of Tờ trình


def minutes_named(plan: Plan, minutes: Paper) -> str:
    """'Biên bản họp Hội đồng Thi đua – Khen thưởng xã X số 03/BB-HĐTĐKT ngày 10/12/2025'."""
    return (f"Biên bản họp Hội đồng Thi đua – Khen thưởng {commune_of(plan)} số "
            f"{minutes.number} ngày {fmt_date(minutes.day)}")


def proposal_context(plan: Plan, round_: AwardRound, winners: list[Candidate], received: int,
                     eligible: int, paper: Paper, minutes: Paper, attachments: list[str],
                     pack: str, extras: frozenset[int] = frozenset()) -> dict[str, Any]:
    """TM. Ủy ban nhân dân to `round_.propose_to` (through `propose_via`): the bases in force,
    what was received and proposed, the files as the pack numbers them, the list apart."""
    commune = commune_of(plan)
    lists = award_lists(plan, round_, winners, extras, verb="đề nghị tặng")
    via = round_.propose_via or ""
    return paper_common(plan, paper, for_the_committee(plan),
                        ["Như trên;", *([f"{via};"] if via else []), filed(round_)]) | {
        "superior": "", "issuer": f"ỦY BAN NHÂN DÂN\n{commune.upper()}",
        "subject": f"Về việc đề nghị tặng {subject_awards(round_, winners)} có thành tích "
                   f"{achievement(plan, round_)}",
        "addressee": round_.propose_to or "", "via": via,
        "bases": [f"Căn cứ {plan_basis(plan)};", f"Căn cứ {minutes_named(plan, minutes)},"],
        "proposer": f"Ủy ban nhân dân {commune}", "council": commune,
        "received": received, "eligible": eligible, "proposed": f"tặng {lists['given']}",
        "pack": pack, "attachments": attachments, "dated": fmt_date(paper.day),
        "issued_by": f"UBND {commune}", "award": round_.award,
    } | lists
