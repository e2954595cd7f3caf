"""What the award decision and the submission say: contexts for their Word templates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from models.council_limits import beyond_quota
from models.legal_bases import plan_basis
from models.nominee import Candidate, addressed, counted
from models.plan import AwardRound, Plan
from models.signatures import SignatureBlock, for_a_head, for_the_chairman
from models.vn_text import document_date, fmt_date
from tasks.documents.templating import register

# Each kind's award (`award` stays the collectives', as offices' own templates read it).
PER_KIND = {"collective_award", "individual_award", "given", "certificate", "listed",
            "request", "collectives_heading", "individuals_heading"}
DECISION = register("quyet-dinh-khen-thuong", "Quyết định khen thưởng", {
    "subject", "authority_line", "plan_basis", "proposer", "award", "achievement", "reward",
    "executors", "collectives", "individuals", "decided_on", "decided_by", "legal_bases",
    "counted", "beyond", "whom"} | PER_KIND)
SUBMISSION = register("to-trinh-khen-thuong", "Tờ trình đề nghị khen thưởng", {
    "subject", "addressee", "bases", "office", "received", "eligible", "award",
    "collectives", "individuals", "legal_bases", "counted", "beyond", "whom"} | PER_KIND)
PROPOSAL = register("to-trinh-cap-tren", "Tờ trình đề nghị cấp trên khen thưởng", {
    "subject", "addressee", "via", "bases", "proposer", "council", "received", "eligible",
    "proposed", "pack", "attachments", "dated", "issued_by", "award", "collectives",
    "individuals", "legal_bases", "counted", "beyond", "whom"} | PER_KIND)
EXTRA_MARK = " (đề nghị vượt chỉ tiêu)"  # beside a name in the list; the body says the clause


@dataclass(frozen=True)
class Paper:
    """A numbered paper: its number in the book and the day it is made."""

    number: str
    day: date


def decision_context(plan: Plan, round_: AwardRound, winners: list[Candidate], paper: Paper,
                     proposal: Paper, extras: frozenset[int] = frozenset()) -> dict[str, Any]:
    """The chairman's decision giving the round's award, its list apart (I collectives, II
    individuals as "Ông/Bà name, post"; `extras` marked as beyond the quota); signed by the
    chairman in his own right."""
    commune = commune_of(plan)
    office = plan.unit(round_.receiving_unit)
    return paper_common(plan, paper, for_the_chairman(plan), ["Như Điều 3;", filed(round_)]) | {
        "superior": "", "issuer": f"ỦY BAN NHÂN DÂN\n{commune.upper()}",
        "subject": f"Về việc tặng {subject_awards(round_, winners)} có thành tích "
                   f"{achievement(plan, round_)}",
        "authority_line": f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.upper()}",
        "plan_basis": plan_basis(plan),
        "proposer": f"{office.name} tại Tờ trình số {proposal.number} ngày "
                    f"{fmt_date(proposal.day)}",
        "award": round_.award, "achievement": achievement(plan, round_), "reward": "",
        "executors": f"Chánh Văn phòng HĐND và UBND {plan.commune.kind}, {office.head.title}",
        "decided_on": fmt_date(paper.day),
        "decided_by": f"Chủ tịch UBND {commune}",
    } | award_lists(plan, round_, winners, extras)


def submission_context(plan: Plan, round_: AwardRound, winners: list[Candidate],
                       received: int, eligible: int, paper: Paper,
                       minutes: Paper, extras: frozenset[int] = frozenset()) -> dict[str, Any]:
    """The standing office's Tờ trình to the chairman, signed by its head."""
    commune = commune_of(plan)
    office = plan.unit(round_.receiving_unit)
    addressee = f"Chủ tịch UBND {commune}"
    return paper_common(plan, paper, for_a_head(office.head.title, office.head.name),
                   ["Như trên;", filed(round_)]) | {
        "superior": f"UBND {commune.upper()}", "issuer": office.name.upper(),
        "subject": f"Về việc đề nghị tặng {subject_awards(round_, winners)} có thành tích "
                   f"{achievement(plan, round_)}",
        "addressee": addressee,
        "bases": [f"Căn cứ {plan_basis(plan)};",
                  f"Căn cứ Biên bản họp Hội đồng Thi đua – Khen thưởng {commune} số "
                  f"{minutes.number} ngày {fmt_date(minutes.day)},"],
        "office": office.name, "received": received, "eligible": eligible,
        "award": round_.award,
    } | award_lists(plan, round_, winners, extras)


def paper_common(plan: Plan, paper: Paper, signature: SignatureBlock,
            recipients: list[str]) -> dict[str, Any]:
    return {"number": paper.number, "dateline": document_date(plan.commune.name, paper.day),
            "signature": {"authority": list(signature.authority), "name": signature.name},
            "recipients": recipients}


def award_lists(plan: Plan, round_: AwardRound, winners: list[Candidate],
                extras: frozenset[int], verb: str = "được tặng") -> dict[str, Any]:
    """The list's parts, people as "Ông/Bà name" (the name alone where the gender is not
    known), the extras marked; the counts in words and the clause the extras stand under;
    each kind's award (`verb` heads a part when the kinds' awards differ)."""
    def note(c: Candidate) -> str:
        return EXTRA_MARK if c.id in extras else ""

    collectives = [{"name": c.name, "note": note(c)} for c in winners if c.kind == "collective"]
    individuals = [{"name": addressed(c.name, c.gender), "title": _post(c), "note": note(c)}
                   for c in winners if c.kind == "individual"]
    more = [c for c in winners if c.id in extras]
    beyond = beyond_quota(plan, round_, sum(c.kind == "collective" for c in more),
                          sum(c.kind == "individual" for c in more))
    return {"collectives": collectives, "individuals": individuals,
            "counted": counted(len(collectives), len(individuals)), "whom": whom(winners),
            "beyond": f", {beyond}" if beyond else ""} | per_kind(
        round_, len(collectives), len(individuals), verb)


def per_kind(round_: AwardRound, collectives: int, individuals: int,
             verb: str = "được tặng") -> dict[str, str]:
    """What each kind is given, said once when both kinds get the same award (the papers'
    words as they always were) and kind by kind when they differ."""
    mine, theirs = round_.award_for("collective"), round_.award_for("individual")
    both = {"collective_award": mine, "individual_award": theirs}
    if mine == theirs or not (collectives and individuals):
        award = theirs if individuals and not collectives else mine
        return both | {
            "given": f"{award} cho {counted(collectives, individuals)}", "certificate": award,
            "listed": award, "request": f"tặng {award} cho các {_kinds(collectives, individuals)}",
            "collectives_heading": "I. TẬP THỂ", "individuals_heading": "II. CÁ NHÂN"}
    return both | {
        "given": f"{mine} cho {counted(collectives, 0)} và tặng {theirs} cho "
                 f"{counted(0, individuals)}",
        "certificate": f"{mine} (tập thể), {theirs} (cá nhân)",
        "listed": f"{_short(mine)}, {_short(theirs)}",
        "request": f"tặng {mine} cho các tập thể và {theirs} cho các cá nhân",
        "collectives_heading": f"I. TẬP THỂ {verb.upper()} {mine.upper()}",
        "individuals_heading": f"II. CÁ NHÂN {verb.upper()} {theirs.upper()}"}


def subject_awards(round_: AwardRound, winners: list[Candidate]) -> str:
    """'Giấy khen cho các tập thể, cá nhân', or 'Giấy khen cho các tập thể và Bằng khen cho
    các cá nhân' when the two kinds are given different awards."""
    kinds = {c.kind for c in winners}
    mine, theirs = (_short(round_.award_for(k)) for k in ("collective", "individual"))
    if mine != theirs and kinds == {"collective", "individual"}:
        return f"{mine} cho các tập thể và {theirs} cho các cá nhân"
    return f"{theirs if kinds == {'individual'} else mine} cho các {whom(winners)}"


def whom(winners: list[Candidate]) -> str:
    """'tập thể', 'cá nhân' or 'tập thể, cá nhân': the kinds the paper names, none left empty."""
    return _kinds(sum(c.kind == "collective" for c in winners),
                  sum(c.kind == "individual" for c in winners))


def _kinds(collectives: int, individuals: int) -> str:
    return "tập thể" if collectives and not individuals else \
        "cá nhân" if individuals and not collectives else "tập thể, cá nhân"


def _post(person: Candidate) -> str:
    """'Chuyên viên, Phòng Kinh tế'; the unit is left out when the title already names it
    ('Chủ tịch Ủy ban MTTQ Việt Nam xã' for the Ủy ban MTTQ Việt Nam xã Hồng Vân)."""
    title = person.title or ""
    if " ".join(person.unit.lower().split()[:4]) in title.lower():
        return title
    return ", ".join(part for part in (title, person.unit) if part)


def commune_of(plan: Plan) -> str:
    return f"{plan.commune.kind} {plan.commune.name}"


def _short(award: str) -> str:
    """'Giấy khen của Chủ tịch UBND xã' -> 'Giấy khen' (the subject line names the kind)."""
    return award.split(" của ", 1)[0]


def achievement(plan: Plan, round_: AwardRound) -> str:
    """'trong công tác cải cách hành chính (tổng kết …)': the campaign's subject, the round."""
    occasion = round_.title[:1].lower() + round_.title[1:]
    if plan.subject is None:
        return f"trong {occasion}"
    return f"trong công tác {plan.subject.name} ({occasion})"


def filed(round_: AwardRound) -> str:
    """The last line of Nơi nhận: the file copy and the receiving office's."""
    return f"Lưu: VT, {round_.receiving_unit}."
