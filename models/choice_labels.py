"""What a drop-down shows instead of a code or a path, and the way back from it: rounds by
kind and year, dossier parts by name, reports and dossiers to return by number, unit and
title, uploaded files by name, unit and time. Pure: the forms and the flows both use it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, WithJsonSchema

from models.plan import AwardRound, DossierPart, Plan, RoundKind
from models.refusal import Refused

MAX_NUMBER = 2**31 - 1  # a report's or dossier's number; beyond it no row exists (nor fits)
# A return's number as a form gives it: chosen (its label) or typed, never beyond MAX_NUMBER in
# the schema the server checks; the flow checks it again, in words, for a run started in code.
ReturnNumber = Annotated[int | str, WithJsonSchema({"anyOf": [
    {"type": "integer", "minimum": 1, "maximum": MAX_NUMBER},
    {"type": "string", "maxLength": 400}]})]
PART_CHARS = 90  # a dossier part's name can run to three lines; the drop-down shows one
KIND_WORDS = {RoundKind.AD_HOC: "Khen thưởng đột xuất", RoundKind.ANNUAL: "Khen thưởng hằng năm",
              RoundKind.MIDTERM: "Khen thưởng sơ kết", RoundKind.FINAL: "Khen thưởng tổng kết"}
RETURN_WORDS = {"report": "Báo cáo", "nomination": "Hồ sơ"}
_RETURN = re.compile(r"^\s*(Báo cáo|Hồ sơ) số (\d{1,10})\b")
_PLAN_FILE = re.compile(r"\(tệp ([^()]+)\)\s*$")
TITLE_CHARS = 90


def plan_label(commune: str, title: str, source: str) -> str:
    """A plan to launch: 'Thượng Phúc: Kế hoạch triển khai … (tệp campaigns/001-….yaml)'; the
    flow reads the file, so its name closes the label."""
    words = " ".join(title.split())
    if len(words) > TITLE_CHARS:
        words = words[:TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return f"{commune}: {words} (tệp {source})"


def plan_file_of(chosen: str) -> str:
    """The file a plan's label names; a path given as such stays as it is."""
    found = _PLAN_FILE.search(chosen)
    return found.group(1).strip() if found else chosen


# launch-campaign's plan as the form gives it: its label, or (from a script) its file.
PlanFile = Annotated[str, AfterValidator(plan_file_of)]


def round_label(round_: AwardRound) -> str:
    """'Khen thưởng hằng năm 2027', 'Khen thưởng tổng kết 2026–2030'."""
    words = KIND_WORDS[round_.kind]
    if round_.covers is None:
        return words
    start, end = round_.covers.start.year, round_.covers.end.year
    if round_.kind is RoundKind.ANNUAL:
        return f"{words} {end}"
    return f"{words} năm {end}" if start == end else f"{words} {start}–{end}"


def round_labels(rounds: Iterable[AwardRound]) -> dict[str, str]:
    """Each round's label by code; two rounds that would read alike keep their codes too."""
    found = list(rounds)
    labels = [round_label(r) for r in found]
    return {r.code: label if labels.count(label) == 1 else f"{label} ({r.code})"
            for r, label in zip(found, labels, strict=True)}


def round_of(plan: Plan, chosen: str) -> AwardRound:
    """The round a drop-down's label (or a code) names; refused naming the labels."""
    labels = round_labels(plan.award_rounds)
    for round_ in plan.award_rounds:
        if chosen.strip() in (round_.code, labels[round_.code]):
            return round_
    raise Refused(f"Kế hoạch {plan.code} không có đợt khen thưởng '{chosen}'. Các đợt: "
                  f"{', '.join(labels.values()) or '(chưa có)'}")


def part_label(part: DossierPart) -> str:
    """A dossier part by its name, cut after a whole word when long."""
    name = " ".join(part.name.split())
    if len(name) <= PART_CHARS:
        return name
    return name[:PART_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def part_of(round_: AwardRound, chosen: str) -> str:
    """The code of the dossier part a drop-down's name (or a code) names; refused naming
    the round's parts."""
    for part in round_.dossier:
        if chosen.strip() in (part.code, part_label(part), " ".join(part.name.split())):
            return part.code
    raise Refused(f"Đợt {round_label(round_)} không có thành phần hồ sơ '{chosen}'. Các thành "
                  f"phần: {'; '.join(part_label(p) for p in round_.dossier) or '(chưa có)'}")


def return_label(what: str, number: int, *, title: str, unit: str, subject: str,
                 commune: str) -> str:
    """'Hồ sơ số 12: Bà Lê Thị Hoa (KT, Khen thưởng hằng năm 2026, Thượng Phúc)'."""
    return f"{RETURN_WORDS[what]} số {number}: {title} ({unit}, {subject}, {commune})"


def returned_of(chosen: str) -> tuple[str, int] | None:
    """What a return's label names (report or nomination, number); None if not a label."""
    found = _RETURN.match(chosen)
    if found is None:
        return None
    kind = next(k for k, words in RETURN_WORDS.items() if words == found.group(1))
    return kind, int(found.group(2))


@dataclass(frozen=True)
class UploadedFile:
    """A file a clerk uploaded, as the forms offer it."""

    batch: str  # the upload's folder under <data_dir>/uploads
    name: str  # the file's name there (sanitised)
    original: str  # the name it had on the clerk's computer
    uploaded_at: datetime
    campaign: str | None = None
    unit: str | None = None  # "KT — Phòng Kinh tế"
    form: str | None = None  # report | nomination, for a workbook the system issued
    key: str | None = None  # the workbook's period or round

    @property
    def label(self) -> str:
        """'KT.xlsx · KT — Phòng Kinh tế · 14:05:07 07/12/2026'."""
        unit = self.unit or "chưa rõ đơn vị"
        return f"{self.original} · {unit} · {self.uploaded_at:%H:%M:%S %d/%m/%Y}"


def upload_labels(files: Iterable[UploadedFile]) -> dict[str, UploadedFile]:
    """Each file by its label; two that would read alike are told apart by where they lie."""
    found = list(files)
    plain = [f.label for f in found]
    return {label if plain.count(label) == 1 else f"{label} · {f.batch}/{f.name}": f
            for f, label in zip(found, plain, strict=True)}
