"""The round's documents: minutes, submission and award decision, numbered in the yearly book."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from infra.database import transaction
from models import tables as t
from models.eligibility import Assessment
from tasks.documents.nd30 import AdminDocument, Signature, write_docx
from tasks.records.council import RoundState, next_number

KINDS = (("minutes", "BB-HĐTĐKT", "BIÊN BẢN"), ("submission", "TTr-VHXH", "TỜ TRÌNH"),
         ("decision", "QĐ-UBND", "QUYẾT ĐỊNH"))


@dataclass(frozen=True)
class Meeting:
    """What the council entered in the form."""

    day: date
    members_total: int
    present: list[str]
    votes: dict[int, int]


def issue_documents(engine: Engine, state: RoundState, assessed: list[Assessment],
                    approved: set[int], meeting: Meeting, folder: Path,
                    now: datetime) -> dict[str, str]:
    """Write the three documents and enter each in the commune's book; paths and numbers."""
    plan, round_ = state.plan, state.round
    winners = [a.candidate for a in assessed if a.candidate.id in approved]
    rows = [[str(i), c.name, c.unit, "Tập thể" if c.kind == "collective" else "Cá nhân",
             f"{meeting.votes.get(c.id, 0)}/{len(meeting.present)}"]
            for i, c in enumerate(winners, start=1)]
    table = (["TT", "Tên", "Đơn vị", "Loại", "Phiếu đồng ý"], rows)
    paths: dict[str, str] = {}
    for kind, symbol, title in KINDS:
        seq = next_number(engine, state.commune_id, meeting.day.year, symbol)
        body = _body(kind, state, meeting, len(winners))
        head = plan.unit(round_.receiving_unit).head
        signer = (Signature(None, head.title.upper(), head.name or "")
                  if kind == "submission" else Signature(plan.signer.on_behalf,
                                                         plan.signer.title, plan.signer.name,
                                                         plan.signer.acting_for))
        document = AdminDocument(
            superior="ỦY BAN NHÂN DÂN", issuer=f"{plan.commune.kind} {plan.commune.name}".upper(),
            number=f"Số: {seq}/{symbol}", place=plan.commune.name, day=meeting.day,
            kind=title, subject=f"{round_.award}: {round_.title}", paragraphs=body,
            tables=[table], recipients=["Như trên", "Lưu: VT, " + round_.receiving_unit],
            signature=signer)
        path = write_docx(document, folder / f"{kind}-{seq}.docx")
        with transaction(engine) as session:
            session.add(t.Decision(commune_id=state.commune_id, campaign_id=state.campaign_id,
                                   round_id=state.round_id, kind=kind, year=meeting.day.year,
                                   seq=seq, symbol=symbol, issued_on=meeting.day,
                                   title=f"{title.capitalize()} {round_.title}",
                                   document_path=str(path),
                                   details={"approved": sorted(approved)}))
        paths[kind] = str(path)
        paths[f"{kind}_number"] = f"{seq}/{symbol}"
    return paths


def _body(kind: str, state: RoundState, meeting: Meeting, winners: int) -> list[str]:
    round_, plan = state.round, state.plan
    if kind == "minutes":
        return [f"Hội đồng Thi đua - Khen thưởng {plan.commune.kind} {plan.commune.name} họp "
                f"ngày {meeting.day:%d/%m/%Y}, có mặt {len(meeting.present)}/"
                f"{meeting.members_total} thành viên ({', '.join(meeting.present)}), xét "
                f"{len(state.candidates)} hồ sơ đề nghị {round_.award}.",
                f"Kết quả biểu quyết: {winners} tập thể, cá nhân được trên một nửa số thành "
                "viên có mặt đồng ý, danh sách kèm theo."]
    if kind == "submission":
        return [f"Căn cứ kết quả họp xét của Hội đồng Thi đua - Khen thưởng ngày "
                f"{meeting.day:%d/%m/%Y}, {plan.unit(round_.receiving_unit).name} kính trình "
                f"Chủ tịch UBND {plan.commune.kind} tặng {round_.award} cho {winners} tập thể, "
                "cá nhân có tên trong danh sách kèm theo."]
    return [f"Điều 1. Tặng {round_.award} cho {winners} tập thể, cá nhân có thành tích trong "
            f"{round_.title} (danh sách kèm theo).",
            "Điều 2. Quyết định có hiệu lực kể từ ngày ký.",
            f"Điều 3. Chánh Văn phòng, {plan.unit(round_.receiving_unit).name}, các tập thể, "
            "cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."]
