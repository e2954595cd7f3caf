"""The clerk's files, from the upload page to the stored rows without a path typed: a unit's
nomination list with its dossier files, and another unit's dossier files chosen part by part
in the nomination form; then a dossier returned by choosing it in tra-lai."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from models.choice_labels import part_label
from tasks.forms.layout import (
    FIRST_NOMINEE_ROW,
    NOMINATION_SHEET,
    column_letter,
    nomination_layout as layout_of,
)
from tasks.forms.writer import write_nomination_form
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.ui.conftest import Desk
from tests.ui.prefect_ui import choose, field, run_form, shot, submitted, wait_state

PLAN = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
AD_HOC = PLAN.round("dot-xuat")  # takes dossiers whatever the day: no deadline
AD_HOC_LABEL = "Khen thưởng đột xuất 2026–2030"
LISTED = "Tập thể Phòng Văn hóa - Xã hội"  # in the workbook
TYPED = "Trần Văn Bình"  # in the form; the papers write "Ông" from the gender chosen
PARTS = [(p.code, part_label(p)) for p in AD_HOC.dossier if p.required]  # as offered


def filled_list(folder: Path) -> tuple[Path, list[Path]]:
    """VHXH's list for the ad hoc round, one collective, a file named for each part."""
    folder.mkdir(parents=True, exist_ok=True)
    path = write_nomination_form(PLAN, AD_HOC, "VHXH", folder / "VHXH-dot-xuat.xlsx")
    book = load_workbook(path)
    sheet, row = book[NOMINATION_SHEET], FIRST_NOMINEE_ROW
    sheet[f"B{row}"], sheet[f"C{row}"] = "Tập thể", LISTED
    sheet[f"E{row}"] = "Hoàn thành xuất sắc nhiệm vụ"
    files = []
    for column, code, _ in layout_of(PLAN, AD_HOC, "VHXH").parts:
        if code in dict(PARTS):
            files.append(folder / f"{code}-1.pdf")
            files[-1].write_bytes(f"%PDF-1.4\n% {LISTED}: {code}\n%%EOF\n".encode())
            sheet[f"{column_letter(column)}{row}"] = files[-1].name
    book.save(path)
    return path, files


def uploaded(page: Page, desk: Desk, section: str, files: dict[str, list[Path]],
             unit: str | None = None) -> list[str]:
    """Upload on the page, in the form of `section`; the labels the page says they now have."""
    page.goto(f"{desk.files}/tai-len")
    form = page.locator("section").filter(has_text=section).locator("form")
    if unit is not None:
        form.get_by_label("Đơn vị", exact=True).select_option(label=unit)
    for field_id, paths in files.items():
        form.locator(f"#{field_id}").set_input_files([str(p) for p in paths])
    form.get_by_role("button", name="Tải lên").click()
    told = page.get_by_role("status")
    expect(told).to_contain_text(f"Đã tải lên {sum(map(len, files.values()))} tệp")
    return [text.strip() for text in told.locator("li").all_inner_texts()]


def offered_in(desk: Desk, deployment: str, label: str) -> None:
    """Until the served form offers `label` (the server's copy of the form, as the UI reads)."""
    def offers() -> bool:
        schema = desk.get(f"/deployments/name/{deployment}")["parameter_openapi_schema"]
        return label in json.dumps(schema, ensure_ascii=False)
    desk.wait_for(f"{deployment} to offer {label!r}", offers, timeout=60)


def list_imported(page: Page, desk: Desk, workbook: str) -> str:
    """nhap-khen-thuong-excel: the campaign's button, the uploaded list chosen; its run."""
    offered_in(desk, "import-nominations/nhap-khen-thuong-excel", workbook)
    run_form(page, desk, "import-nominations", "nhap-khen-thuong-excel")
    page.get_by_role("tab", name="Thượng Phúc").click()
    choose(page, field(page, "Tệp Excel đã tải lên"), workbook)
    shot(page, "07-nhap-danh-sach.png")
    run_id = submitted(page)
    return wait_state(desk, run_id, "COMPLETED")


def dossier_entered(page: Page, desk: Desk, papers: list[str]) -> str:
    """nhap-ho-so: round, unit, nominee and a file per part, all chosen; its run's answer."""
    offered_in(desk, "submit-nomination/nhap-ho-so", papers[-1])
    run_form(page, desk, "submit-nomination", "nhap-ho-so")
    page.get_by_role("tab", name="Thượng Phúc").click()
    choose(page, field(page, "Đợt khen thưởng"), AD_HOC_LABEL)
    choose(page, field(page, "Đơn vị đề nghị"), "KT — Phòng Kinh tế")
    choose(page, field(page, "Tập thể / Cá nhân"), "Cá nhân")
    field(page, "Tên tập thể, họ tên cá nhân").locator("textarea").fill(TYPED)
    choose(page, field(page, "Giới tính (cá nhân)"), "Nam")
    choose(page, field(page, "Xếp loại năm"), "Hoàn thành tốt nhiệm vụ")
    documents = field(page, "Tệp hồ sơ theo từng thành phần")
    for (_, part), paper in zip(PARTS, papers, strict=True):
        documents.get_by_role("button", name="Add item").click()
        choose(page, field(page, "Thành phần hồ sơ"), part)
        choose(page, field(page, "Tệp đã tải lên"), paper)
    shot(page, "09-nhap-ho-so.png")
    return wait_state(desk, submitted(page), "COMPLETED")


def dossier_returned(page: Page, desk: Desk, number: str) -> str:
    """tra-lai: the dossier chosen in the list by its number, unit and title; its answer."""
    label = f"Hồ sơ số {number}: {TYPED} (KT, {AD_HOC_LABEL}, Thượng Phúc)"
    offered_in(desk, "return-for-correction/tra-lai", label)
    run_form(page, desk, "return-for-correction", "tra-lai")
    choose(page, field(page, "Số báo cáo / số hồ sơ"), label)  # its first tab: the list
    field(page, "Lý do trả lại").locator("textarea").fill("Thiếu chữ ký trên tờ trình")
    shot(page, "10-tra-lai.png")
    return wait_state(desk, submitted(page), "COMPLETED")
