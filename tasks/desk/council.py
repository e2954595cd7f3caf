"""The answer of council-review once the council's answer is accepted: who is approved, with
which award, the decision's number (or the Tờ trình's, for a round proposing upwards), links to
the papers, and who is being told. Its state message leads with the decision, before any
warning about sending."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from models.council import DossierVote, MinutesFacts
from models.nominee import counted
from models.plan import AwardRound
from models.plan_parts import Outcome
from models.vn_text import fmt_date
from tasks.desk.sending import Sending
from tasks.desk.summary import RunSummary
from tasks.documents.inert_markdown import escape_markdown
from tasks.records.council import RoundState

PAPERS = (("minutes", "Biên bản họp"), ("submission", "Tờ trình"), ("decision", "Quyết định"),
          ("proposal", "Tờ trình đề nghị cấp trên"))
FORMAT = {".pdf": "PDF", ".docx": "Word"}


def council_decided(state: RoundState, facts: MinutesFacts, papers: Mapping[str, str],
                    decision_files: Sequence[str], sending: Sending) -> RunSummary:
    """The round decided: the approved as a table, the papers as links, the messages. For a
    round proposing upwards the lead paper is the Tờ trình, with the packed dossier."""
    round_, approved = state.round, facts.approved
    upwards = round_.outcome is Outcome.PROPOSE
    paper, given = ("Tờ trình", "đề nghị") if upwards else ("Quyết định", "khen")
    lead_kind = "proposal" if upwards else "decision"
    number, present = papers[f"{lead_kind}_number"], len(facts.present)
    others = [d for d in facts.dossiers if not d.approved]
    return RunSummary(
        title=f"Hội đồng đã xét {round_.title}: {paper} số {number}, {len(approved)}/"
              f"{len(facts.dossiers)} hồ sơ được {given}",
        lead=f"{paper} số {number}: {_awarded(approved, given)} ({len(approved)}/"
             f"{len(facts.dossiers)} hồ sơ, đợt {round_.code})",
        facts=[(f"{paper} số", number), ("Chiến dịch", state.plan.code),
               ("Đợt khen thưởng", round_.code), ("Hình thức khen thưởng", _award(round_)),
               *([("Đề nghị", round_.propose_to or "cấp trên")] if upwards else []),
               ("Ngày họp", fmt_date(facts.day)),
               ("Thành viên có mặt", f"{present}/{facts.members_total}"),
               (f"Được {given}", str(len(approved))),
               ("Không được đề nghị", ", ".join(f"số {d.nomination_id}" for d in others)
                or "không"),
               ("Không đưa ra biểu quyết", ", ".join(
                   f"số {d.nomination_id} ({'; '.join(d.reasons)})" for d in facts.not_voted)
                or "không")],
        notes=[facts.conclusion],
        extra=_approved(facts, _award(round_), present, given),
        documents=[*((f"{label} số {papers[f'{kind}_number']}", papers[kind])
                     for kind, label in PAPERS
                     if kind in papers and (kind != lead_kind or not decision_files)),
                   *((f"{paper} số {number} ({FORMAT.get(Path(f).suffix, 'tệp')})", f)
                     for f in decision_files),
                   *([("Hồ sơ đề nghị (tệp nén, đánh số)", papers["pack"])]
                     if "pack" in papers else [])],
        sending=sending)


def _award(round_: AwardRound) -> str:
    """The round's award, each kind's when they differ."""
    mine, theirs = round_.award_for("collective"), round_.award_for("individual")
    return mine if mine == theirs else f"{mine} (tập thể); {theirs} (cá nhân)"


def _awarded(approved: Sequence[DossierVote], given: str = "khen") -> str:
    """'2 tập thể và 1 cá nhân được khen' (or 'được đề nghị'), or that none is."""
    collectives = sum(d.kind == "collective" for d in approved)
    said = counted(collectives, len(approved) - collectives)
    return f"{said} được {given}" if said else f"không hồ sơ nào được {given}"


def _approved(facts: MinutesFacts, award: str, present: int,
              given: str = "khen") -> list[str]:
    """Who is approved: number, name, unit, votes for; the award (one per round) heads it, so
    the table fits the page."""
    if not facts.approved:
        return []
    heading = "Được tặng" if given == "khen" else "Được đề nghị tặng"
    lines = [f"### {heading} {escape_markdown(award)}", "",
             "| Số hồ sơ | Tập thể / cá nhân | Đơn vị | Đồng ý |", "|---|---|---|---|"]
    lines += [f"| {d.nomination_id} | {escape_markdown(d.person)}"
              f"{' (vượt chỉ tiêu)' if d.extra else ''} | {escape_markdown(d.unit)} | "
              f"{d.votes_for}/{present} |" for d in facts.approved]
    return [*lines, ""]
