"""From what a form chose to what intake stores: a round's or a dossier part's name to its
code, an uploaded file's label to the file, a return's label (or number) to the report or
dossier. Anything that names nothing is refused in one Vietnamese line naming it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from models import tables as t
from models.choice_labels import MAX_NUMBER, RETURN_WORDS, part_of, returned_of, round_of
from models.choices import code_of
from models.lifecycle import CampaignStatus
from models.nominee import DossierPath, NominationForm
from models.refusal import Refused
from tasks.intake.places import (
    FOLDER_UNUSABLE,
    FORM_UNUSABLE,
    Unusable,
    file_unusable,
    incoming,
)
from tasks.intake.typed import EntryRefused, plan_of
from tasks.intake.uploads import uploaded_path

LABEL_MARK = " · "  # every upload's label has it; no path a clerk would type does


def resolved_file(chosen: str, *, uploads: Path, data_dir: Path,
                  unusable: str = FORM_UNUSABLE) -> Path:
    """The file an upload's label names; else the regular file a path names in an upload
    area of the data folder (a relative path taken in the data folder). Anything else is
    refused with `unusable`, the same line whether the file is elsewhere, absent or a link."""
    found = uploaded_path(uploads, chosen)
    if found is not None:
        return found
    if LABEL_MARK in chosen and len(chosen) < 500:
        raise Refused(f"Không thấy tệp đã tải lên «{chosen.strip()}» (đã bị xoá?): tải lên lại "
                      "rồi chọn lại trong biểu mẫu")
    path = incoming(chosen, data_dir=data_dir)
    if path is None:
        raise Unusable(unusable)
    return path


def settled_nomination(engine: Engine, form: NominationForm, *, uploads: Path,
                       data_dir: Path) -> NominationForm:
    """The form with codes and files: the round and each part by code, each file found."""
    plan = plan_of(engine, code_of(form.campaign))
    round_ = round_of(plan, form.round_code)
    problems, documents, seen = [], [], set[str]()
    for given in form.documents:
        try:
            part = part_of(round_, given.part)
            path = resolved_file(given.path, uploads=uploads, data_dir=data_dir,
                                 unusable=file_unusable(given.part))
        except Refused as refused:
            problems.append(str(refused))
            continue
        if part in seen:
            problems.append(f"Thành phần hồ sơ «{given.part}» được chọn hai lần; mỗi thành "
                            "phần một tệp")
        seen.add(part)
        documents.append(DossierPath(part=part, path=str(path)))
    if problems:
        raise EntryRefused(problems)
    folder = form.folder
    if folder:
        found = incoming(folder, data_dir=data_dir, folder=True)
        if found is None:
            raise Unusable(FOLDER_UNUSABLE)
        folder = str(found)
    return form.model_copy(update={"campaign": code_of(form.campaign), "round_code": round_.code,
                                   "documents": documents, "folder": folder})


def returned_choice(engine: Engine, what: str | None, number: int | str) -> tuple[str, int]:
    """(report | nomination, number) that a return's label, or a number, names."""
    if isinstance(number, str):
        labelled = returned_of(number)
        if labelled is not None:
            what, number = labelled
        elif number.strip().isdigit() and len(number.strip()) <= 12:
            number = int(number.strip())
        else:
            raise Refused(f"Số báo cáo / số hồ sơ: cần chọn trong danh sách hoặc gõ một số "
                          f"(nhận được {number!r})")
    if not 1 <= number <= MAX_NUMBER:
        shown = str(number) if len(str(number)) <= 30 else str(number)[:27] + "…"
        raise Refused(f"Số báo cáo / số hồ sơ phải từ 1 đến {MAX_NUMBER} (nhận được {shown})")
    with Session(engine) as session:
        if what is None:
            found = _open_with(session, number)
            if len(found) != 1:
                said = ("vừa là một báo cáo vừa là một hồ sơ: chọn trong danh sách" if found
                        else "không phải báo cáo hay hồ sơ nào đang chờ trả lại")
                raise Refused(f"Số {number} {said}")
            what = found[0]
        _campaign_running(session, what, number)
    return what, number


def _open_with(session: Session, number: int) -> list[str]:
    report = session.exec(select(t.UnitReport.id).where(
        t.UnitReport.id == number, t.UnitReport.status == "submitted",
        col(t.UnitReport.superseded).is_(False))).first()
    dossier = session.exec(select(t.Nomination.id).where(
        t.Nomination.id == number, t.Nomination.status == "submitted",
        col(t.Nomination.superseded).is_(False))).first()
    return [kind for kind, row in (("report", report), ("nomination", dossier))
            if row is not None]


def _campaign_running(session: Session, what: str, number: int) -> None:
    # The unit is told through its running campaign; one ended (or never launched) tells
    # nobody, so nothing is returned there.
    if what == "report":
        query = select(t.Campaign).join(
            t.UnitReport, col(t.UnitReport.campaign_id) == col(t.Campaign.id)).where(
            t.UnitReport.id == number)
    else:
        query = select(t.Campaign).join(
            t.AwardRound, col(t.AwardRound.campaign_id) == col(t.Campaign.id)).join(
            t.Nomination, col(t.Nomination.round_id) == col(t.AwardRound.id)).where(
            t.Nomination.id == number)
    campaign = session.exec(query).first()
    if campaign is None:
        return  # no such row: send_back says so
    if campaign.status != CampaignStatus.RUNNING.value or campaign.launched_at is None:
        state = "đã kết thúc" if campaign.status == CampaignStatus.CLOSED.value else \
            "chưa phát động"
        raise Refused(f"{RETURN_WORDS[what]} số {number} thuộc chiến dịch {campaign.code} "
                      f"{state}: không trả lại được")
