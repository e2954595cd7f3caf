"""What the served demo's clerk enters: each form's values as a script sends them (codes and
paths on the server, the forms' typed variant), and the Excel forms a unit fills in and sends
back (opened as the reader opens them, so this package needs no Excel library of its own)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from models.choices import UnitChoice
from models.deadline_calendar import build_calendar
from models.keys import report_key
from models.nominee import NomineeKind
from models.plan import Plan
from thidua.demo_inprocess import dossier_files
from thidua.demo_script import NominationAction, ReportAction

KINDS = {"collective": NomineeKind.COLLECTIVE.value, "individual": NomineeKind.INDIVIDUAL.value}


def unit_label(plan: Plan, code: str) -> str:
    """The unit as the forms' drop-down offers it ("KT — Phòng Kinh tế")."""
    return UnitChoice(code, plan.unit(code).name, ()).label


def typed_number(value: float) -> str:
    """A number as a clerk types it in the form: decimal comma, no trailing zeros."""
    return f"{value:g}".replace(".", ",")


def report_form(plan: Plan, r: ReportAction) -> dict[str, Any]:
    """record-unit-report's form: the unit's period and a result per target."""
    return {"campaign": plan.code, "unit": unit_label(plan, r.unit), "period": r.period,
            "results": {code: typed_number(v) for code, v in r.values.items() if v is not None},
            "actor": plan.unit(r.unit).head.title}


def nomination_form(plan: Plan, n: NominationAction, inbox: Path) -> dict[str, Any]:
    """submit-nomination's form, the dossier's files written under the data folder."""
    files = dossier_files(plan, n, inbox)
    form = {"campaign": plan.code, "round_code": n.round_code, "unit": unit_label(plan, n.unit),
            "kind": KINDS[n.kind], "name": n.name, "gender": n.gender, "title": n.title,
            "rating": n.rating,
            "index_components_not_decreased": True,
            "initiative_recognised_by": n.initiative_recognised_by,
            "documents": [{"part": part, "path": str(path)} for part, path in files.items()],
            "actor": plan.unit(n.unit).head.title}
    return {name: value for name, value in form.items() if value is not None}  # left empty


def file_form(plan: Plan, path: Path, unit: str, key: str) -> dict[str, Any]:
    """An Excel import's form: the file, and what it must be for."""
    return {"path": str(path), "campaign": plan.code, "unit": unit_label(plan, unit),
            "key": key, "actor": plan.unit(unit).head.title}


def filled_report(plan: Plan, r: ReportAction, folder: Path) -> Path:
    """The unit's report form for the period, as sent with its reminder, filled in."""
    from tasks.forms.layout import (
        NARRATIVE_CELL,
        NARRATIVE_SHEET,
        REPORT_SHEET,
        VALUE_COLUMN,
        report_layout,
    )
    from tasks.forms.reader import open_form
    from tasks.forms.writer import write_report_form

    [owed] = [o for o in build_calendar(plan) if o.key == report_key(r.period, r.unit)]
    path = write_report_form(plan, owed, folder / plan.code / r.period / f"{r.unit}.xlsx")
    _, book = open_form(path)
    for row, target in report_layout(plan, owed).targets:
        value = r.values.get(target.code)
        if value is not None:
            book[REPORT_SHEET][f"{VALUE_COLUMN}{row}"] = value
    book[NARRATIVE_SHEET][NARRATIVE_CELL] = r.narrative
    book.save(path)
    return path


def filled_nominations(plan: Plan, n: NominationAction, folder: Path) -> Path:
    """The unit's nomination list for the round with one row, as its instructions say: a
    file's name in each part's column, the files beside the workbook, a missing part blank."""
    from tasks.forms.layout import (
        FIRST_NOMINEE_ROW,
        NOMINATION_SHEET,
        column_letter,
        example_file,
        nomination_layout,
    )
    from tasks.forms.reader import open_form
    from tasks.forms.writer import write_nomination_form

    round_ = plan.round(n.round_code)
    path = write_nomination_form(plan, round_, n.unit,
                                 folder / plan.code / n.round_code / f"{n.unit}.xlsx")
    _, book = open_form(path)
    sheet, row = book[NOMINATION_SHEET], FIRST_NOMINEE_ROW
    number = sheet[f"A{row}"].value or 1  # the TT column, pre-numbered
    cells = {"B": KINDS[n.kind], "C": n.name, "D": n.title, "E": n.rating,
             "H": n.initiative_recognised_by, "I": "Có", "J": n.gender}
    for letter, value in cells.items():
        if value is not None:
            sheet[f"{letter}{row}"] = value
    for column, code, _ in nomination_layout(plan, round_, n.unit).parts:
        if code in n.parts:
            name = example_file(code, int(number))
            sheet[f"{column_letter(column)}{row}"] = name
            (path.parent / name).write_bytes(f"%PDF-1.4\n% {n.name}: {code}\n%%EOF\n".encode())
    book.save(path)
    return path
