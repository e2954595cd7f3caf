"""The round's papers, each numbered in its book: the minutes, then the office's submission
and the chairman's decision, or, for a round proposing upwards, the commune's Tờ trình to the
level above and the packed dossier (no decision: the level above takes it).

Each paper takes its number and is written inside one transaction with its row in the
`decision` table: a paper that fails to render gives its number back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import col, select

from infra.database import transaction
from models import tables as t
from models.council import MinutesFacts
from models.eligibility import Assessment
from models.nominee import Candidate
from models.plan_parts import Outcome
from models.vn_text import document_number
from tasks.documents.award_papers import (
    DECISION,
    PROPOSAL,
    SUBMISSION,
    Paper,
    decision_context,
    submission_context,
)
from tasks.documents.dossier_pack import (
    Paper as PackedPaper,
    StoredDoc,
    attachments,
    plan_pack,
    write_pack,
)
from tasks.documents.minutes import MINUTES, minutes_context
from tasks.documents.pdf import with_pdf
from tasks.documents.proposal_papers import PROPOSAL_SYMBOL, minutes_named, proposal_context
from tasks.documents.templating import DocumentKind, render_docx
from tasks.records.book import take_in
from tasks.records.council import RoundState

MINUTES_SYMBOL, DECISION_SYMBOL = "BB-HĐTĐKT", "QĐ-UBND"
# What the clerk downloads and attaches is named as the office names the paper.
FILE_NAMES = {"minutes": "bien-ban", "submission": "to-trinh", "decision": "quyet-dinh",
              "proposal": "to-trinh-cap-tren"}


def issue_documents(engine: Engine, state: RoundState, assessed: list[Assessment],
                    approved: set[int], facts: MinutesFacts, folder: Path, now: datetime,
                    data_dir: Path) -> dict[str, str]:
    """Write the round's papers and enter each in its book; their paths and numbers (and the
    pack's path, for a round proposing upwards)."""
    plan, round_ = state.plan, state.round
    winners = [a.candidate for a in assessed if a.candidate.id in approved]
    eligible = sum(a.eligible for a in assessed)
    extras = frozenset(d.nomination_id for d in facts.extras)
    papers: dict[str, str] = {}
    issue = _Issuer(engine, state, facts.day, folder, data_dir, now, papers)
    minutes = issue("minutes", MINUTES_SYMBOL, MINUTES,
                    lambda paper: minutes_context(plan, round_, facts, paper))
    if round_.outcome is Outcome.PROPOSE:
        _propose(issue, state, winners, len(assessed), eligible, minutes, extras,
                 data_dir / "dossiers")
        return papers
    submission = issue("submission", f"TTr-{round_.receiving_unit}", SUBMISSION,
                       lambda paper: submission_context(plan, round_, winners, len(assessed),
                                                        eligible, paper, minutes, extras))
    issue("decision", DECISION_SYMBOL, DECISION,
          lambda paper: decision_context(plan, round_, winners, paper, submission, extras))
    return papers


def announced(papers: dict[str, str]) -> tuple[str, str]:
    """The paper the results announce and attach, with its number: the decision, or the Tờ
    trình of a round proposing upwards."""
    kind = "decision" if "decision" in papers else "proposal"
    return papers[kind], papers[f"{kind}_number"]


def _propose(issue: _Issuer, state: RoundState, winners: list[Candidate], received: int,
             eligible: int, minutes: Paper, extras: frozenset[int], store: Path) -> None:
    """The Tờ trình to the level above, listing the pack's files as numbered, then the pack."""
    plan, round_ = state.plan, state.round
    stored: dict[int, list[StoredDoc]] = {}
    with transaction(issue.engine) as session:
        for doc in session.exec(select(t.DossierDocument).where(col(
                t.DossierDocument.nomination_id).in_([w.id for w in winners]))).all():
            stored.setdefault(doc.nomination_id, []).append(
                StoredDoc(doc.component, doc.filename, doc.sha256))
    pack = plan_pack(round_, winners, stored, store, issue.day.year)
    listed = attachments(pack, minutes_named(plan, minutes))
    proposal = issue("proposal", PROPOSAL_SYMBOL, PROPOSAL, lambda paper: proposal_context(
        plan, round_, winners, received, eligible, paper, minutes, listed, pack.name, extras))
    papers = issue.papers
    words = f"Tờ trình số {proposal.number} ngày {proposal.day:%d/%m/%Y} của UBND " \
            f"{plan.commune.kind} {plan.commune.name}"
    zipped = write_pack(
        pack, issue.folder,
        PackedPaper(with_pdf(Path(papers["proposal"])), _seq(proposal), words),
        PackedPaper([Path(papers["minutes"])], _seq(minutes), minutes_named(plan, minutes)),
        f"HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG: {round_.title}\nKèm theo {words}; gửi {round_.propose_to}")
    papers["pack"] = str(zipped)


def _seq(paper: Paper) -> int:
    return int(paper.number.split("/", 1)[0])


@dataclass
class _Issuer:
    engine: Engine
    state: RoundState
    day: date
    folder: Path
    data_dir: Path  # where the office's own templates are
    now: datetime
    papers: dict[str, str]

    def __call__(self, kind: str, symbol: str, template: DocumentKind,
                 context: Callable[[Paper], Any]) -> Paper:
        with transaction(self.engine) as session:
            seq = take_in(session, self.state.commune_id, self.day.year, symbol, self.now)
            paper = Paper(document_number(seq, symbol), self.day)
            # Numbers restart each year: the year keeps 01/QĐ-UBND of 2026 and of 2027 apart.
            path = self.folder / f"{FILE_NAMES[kind]}-{seq:02d}-{self.day.year}.docx"
            render_docx(template, context(paper), path, self.data_dir,
                        self.state.plan.commune.name, day=paper.day)
            session.add(t.Decision(
                commune_id=self.state.commune_id, campaign_id=self.state.campaign_id,
                round_id=self.state.round_id, kind=kind, year=self.day.year, seq=seq,
                symbol=symbol, issued_on=self.day, title=f"{kind} {self.state.round.title}",
                document_path=str(path), details={}))
        self.papers[kind] = str(path)
        self.papers[f"{kind}_number"] = paper.number
        return paper
