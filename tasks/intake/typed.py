"""Reports and nominations typed into the Prefect UI: the same rules as the Excel forms."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from infra.database import transaction
from infra.settings import get_settings
from models.cell_rules import CellError, clean_text, target_value
from models.eligibility import missing_parts
from models.nominee import NomineeEntry, gender_problem
from models.plan import Plan, UnknownRound
from models.refusal import capped
from tasks.forms.layout import targets_for
from tasks.intake.dossiers import DossierRefused
from tasks.intake.nominations import submit_nominations
from tasks.intake.reports import IntakeRefused, Receipt, campaign_row, record_report
from tasks.plans.store import read_plan


class EntryRefused(IntakeRefused):
    """A form typed in the UI has problems; nothing was stored."""

    def __init__(self, problems: list[str]) -> None:
        problems = capped(problems)
        super().__init__("\n".join(problems))
        self.problems = problems


def plan_of(engine: Engine, campaign: str) -> Plan:
    """The stored plan of a campaign."""
    with transaction(engine) as session:
        return read_plan(session, campaign_row(session, campaign))


def enter_report(engine: Engine, *, campaign: str, unit: str, period: str,
                 values: Mapping[str, str], narrative: str | None, now: datetime,
                 actor: str) -> Receipt:
    """Every target the unit reports, each checked like its Excel cell; stored whole."""
    plan = plan_of(engine, campaign)
    owned = {t.code: t for t in targets_for(plan, unit)}
    has = f"có: {', '.join(owned)}" if owned else "đơn vị không báo cáo chỉ tiêu nào"
    problems = [f"{code}: không phải chỉ tiêu của đơn vị {unit} ({has})"
                for code in values if code not in owned]
    checked: dict[str, float | None] = {}
    for code, target in owned.items():
        raw = values.get(code)
        if raw is None or not clean_text(raw):
            problems.append(f"{code}: bắt buộc, chưa nhập")
            continue
        try:
            checked[code] = target_value(target, raw)
        except CellError as error:
            problems.append(f"{code}: {error} (nhận được {raw!r})")
    if problems:
        raise EntryRefused(problems)
    return record_report(engine, campaign=campaign, unit=unit, period=period, values=checked,
                         submitted_at=now, actor=actor, source="ui",
                         narrative=clean_text(narrative) or None)


def enter_nomination(engine: Engine, *, campaign: str, round_code: str, unit: str,
                     entry: NomineeEntry, folder: Path | None, now: datetime, actor: str,
                     store: Path) -> tuple[Receipt, list[str]]:
    """One nomination with its files (listed, or found in an upload folder), stored whole;
    and the required dossier parts still missing. Files must lie in the data folder."""
    plan = plan_of(engine, campaign)
    try:
        round_ = plan.round(round_code)
    except UnknownRound as unknown:
        raise EntryRefused([str(unknown)]) from None
    if problem := gender_problem(entry.kind, entry.gender):
        raise EntryRefused([f"Giới tính: {problem}"])
    # Whoever reaches the UI types these paths: only files the office put in its data folder
    # (e.g. data/nhan/) may become a dossier, never any file the server can read.
    uploads = get_settings().data_dir
    if folder is not None:
        if ".." in folder.parts or not folder.absolute().is_relative_to(uploads.absolute()):
            raise EntryRefused([f"Thư mục tải lên phải nằm trong thư mục dữ liệu (nhận được "
                                f"{str(folder)!r})"])
        parts = [p.code for p in round_.dossier]
        entry = entry.model_copy(update={"documents": files_in(folder, parts) | entry.documents})
    entry = entry.model_copy(update={"uploads": uploads})
    try:
        [receipt] = submit_nominations(engine, campaign=campaign, round_code=round_code,
                                       unit=unit, entries=[entry], submitted_at=now,
                                       actor=actor, store=store)
    except DossierRefused as refused:
        raise EntryRefused(refused.problems) from None
    return receipt, missing_parts(round_, entry.kind, entry.documents)


def files_in(folder: Path, parts: list[str]) -> dict[str, Path]:
    """An upload folder's files named after dossier parts (to-trinh.pdf -> to-trinh)."""
    found = {p.stem: p for p in sorted(folder.iterdir()) if p.is_file()} if folder.is_dir() \
        else {}
    return {part: found[part] for part in parts if part in found}
