"""The answer of council-review once the council's answer is accepted: who is approved, with
which award, the decision's number, links to the minutes, submission and decision, and who is
being told. Its state message leads with the decision, before any warning about sending."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from models.council import DossierVote, MinutesFacts
from models.nominee import counted
from models.vn_text import fmt_date
from tasks.desk.sending import Sending
from tasks.desk.summary import RunSummary
from tasks.documents.inert_markdown import escape_markdown
from tasks.records.council import RoundState

PAPERS = (("minutes", "Biên bản họp"), ("submission", "Tờ trình"), ("decision", "Quyết định"))
FORMAT = {".pdf": "PDF", ".docx": "Word"}


def council_decided(state: RoundState, facts: MinutesFacts, papers: Mapping[str, str],
                    decision_files: Sequence[str], sending: Sending) -> RunSummary:
    """The round decided: the approved as a table, the papers as links, the messages."""
    round_, approved = state.round, facts.approved
    number, present = papers["decision_number"], len(facts.present)
    others = [d for d in facts.dossiers if not d.approved]
    return RunSummary(
        title=f"Hội đồng đã xét {round_.title}: Quyết định số {number}, {len(approved)}/"
              f"{len(facts.dossiers)} hồ sơ được khen",
        lead=f"Quyết định số {number}: {_awarded(approved)} ({len(approved)}/"
             f"{len(facts.dossiers)} hồ sơ, đợt {round_.code})",
        facts=[("Quyết định số", number), ("Chiến dịch", state.plan.code),
               ("Đợt khen thưởng", round_.code), ("Hình thức khen thưởng", round_.award),
               ("Ngày họp", fmt_date(facts.day)),
               ("Thành viên có mặt", f"{present}/{facts.members_total}"),
               ("Được khen", str(len(approved))),
               ("Không được đề nghị", ", ".join(f"số {d.nomination_id}" for d in others)
                or "không"),
               ("Không đưa ra biểu quyết", ", ".join(
                   f"số {d.nomination_id} ({'; '.join(d.reasons)})" for d in facts.not_voted)
                or "không")],
        notes=[facts.conclusion],
        extra=_approved(facts, round_.award, present),
        documents=[*((f"{label} số {papers[f'{kind}_number']}", papers[kind])
                     for kind, label in PAPERS if kind != "decision" or not decision_files),
                   *((f"Quyết định số {number} ({FORMAT.get(Path(f).suffix, 'tệp')})", f)
                     for f in decision_files)],
        sending=sending)


def _awarded(approved: Sequence[DossierVote]) -> str:
    """'2 tập thể và 1 cá nhân được khen', or that none is."""
    collectives = sum(d.kind == "collective" for d in approved)
    said = counted(collectives, len(approved) - collectives)
    return f"{said} được khen" if said else "không hồ sơ nào được khen"


def _approved(facts: MinutesFacts, award: str, present: int) -> list[str]:
    """Who is approved: number, name, unit, votes for; the award (one per round) heads it, so
    the table fits the page."""
    if not facts.approved:
        return []
    lines = [f"### Được tặng {escape_markdown(award)}", "",
             "| Số hồ sơ | Tập thể / cá nhân | Đơn vị | Đồng ý |", "|---|---|---|---|"]
    lines += [f"| {d.nomination_id} | {escape_markdown(d.person)}"
              f"{' (vượt chỉ tiêu)' if d.extra else ''} | {escape_markdown(d.unit)} | "
              f"{d.votes_for}/{present} |" for d in facts.approved]
    return [*lines, ""]
