"""The Prefect UI as the standing office's clerk sees it, in Chromium: a unit's report form
with exactly that unit's targets, the council's round chosen from drop-downs, its answer
refused once (the reasons on top, the answers kept) and then accepted and summed up.
Screenshots go to test-output/screenshots/ (a reviewed set is kept in docs/screenshots/)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, ViewportSize, expect, sync_playwright

from models.deadline_calendar import VN_TZ
from models.working_days import WorkingDays
from tasks.plans.files import read_plan
from tasks.plans.roster import read_roster
from tests.conftest import REPO
from tests.ui.conftest import CAMPAIGN, PLANS, ROUND, Desk
from tests.ui.prefect_ui import (
    RESUME,
    field,
    offered,
    open_resume,
    pick_day,
    resume,
    run_form,
    shot,
    shown_day,
    submitted,
    tick,
    wait_state,
)
from tests.ui.uploads import (
    PARTS,
    TYPED,
    dossier_entered,
    dossier_returned,
    filled_list,
    list_imported,
    uploaded,
)

WIDE = ViewportSize(width=1280, height=900)
MEMBERS = "Thành viên có mặt (chọn trong danh sách Hội đồng)"
FEW = ["Lý Văn Dũng", "Hoàng Thị Mai", "Lê Thị Thu Hương"]  # 3 of 7: no quorum (5 needed)
MORE = ["Nguyễn Đức Long", "Đặng Văn Quyết", "Trịnh Thị Hà"]  # 6 of 7 with the first three
PAUSED, COMPLETED = "PAUSED", "COMPLETED"
DECISION = "01/QĐ-UBND"  # the first decision of the year in a fresh number book
WAIT_MS = 60_000  # an upper bound for the page to draw what is awaited, on a busy machine
ROSTER = read_roster(REPO / "campaigns" / "council" / "thuong-phuc.yaml")


@pytest.fixture
def page(chromium: str, desk: Desk, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh Chromium page in Vietnam's time zone; Playwright's own browsers are never used
    (nor downloaded). A failed test leaves what the page showed beside the serve log."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            tab = browser.new_page(viewport=WIDE, timezone_id="Asia/Ho_Chi_Minh")
            tab.set_default_timeout(WAIT_MS)
            expect.set_options(timeout=WAIT_MS)  # a busy 2-core machine renders slowly
            refused: list[str] = []
            tab.on("response", lambda r: refused.append(f"{r.status} {r.request.method} {r.url}")
                   if r.status >= 400 and "/api/" in r.url else None)
            yield tab
            report = getattr(request.node, "report_call", None)
            if report is not None and report.failed:
                tab.screenshot(path=desk.log.with_name("failed.png"), full_page=True)
                print(f"The page at the failure: {desk.log.with_name('failed.png')}")
                print("API answers refused:", *refused, sep="\n  ")
        finally:
            browser.close()


def test_a_clerk_runs_the_council_from_the_browser(page: Page, desk: Desk) -> None:
    """From the forms to the council's decision, asserting what the clerk reads each time."""
    page.goto(desk.ui)
    page.wait_for_url("**/v2/**")  # Prefect's default UI for a browser with no preference
    a_unit_report_form(page, desk)
    run_id = council_round_chosen(page, desk)
    day = meeting_day()
    refused_then_kept(page, desk, run_id, day)
    accepted_and_summed_up(page, desk, run_id)


def test_a_clerk_imports_uploaded_files_by_choosing(page: Page, desk: Desk,
                                                    tmp_path: Path) -> None:
    """The upload page, then the forms, no path typed: a unit's list with its files imported,
    another unit's files chosen part by part, and that dossier returned by choosing it."""
    workbook, attached = filled_list(tmp_path / "VHXH")
    [listed, *_] = uploaded(page, desk, "1. Biểu mẫu Excel",
                            {"bieu-mau": [workbook], "tep-kem": attached})
    assert listed.startswith("VHXH-dot-xuat.xlsx · VHXH — "), listed  # the unit it names
    shot(page, "06-tai-len.png")
    answer = list_imported(page, desk, listed)
    assert answer.startswith("Đã nhập tệp VHXH-dot-xuat.xlsx: hồ sơ số "), answer
    papers = []
    for code, name in PARTS:  # named as the unit named them, not after the parts' codes
        papers.append(tmp_path / f"{name[:20]} KT.pdf")
        papers[-1].write_bytes(f"%PDF-1.4\n% {TYPED}: {code}\n%%EOF\n".encode())
    chosen = uploaded(page, desk, "2. Tệp hồ sơ", {"tep-don-vi": papers},
                      unit="KT — Phòng Kinh tế")
    shot(page, "08-tai-len-ho-so.png")
    answer = dossier_entered(page, desk, chosen)
    assert answer.startswith("Đã ghi hồ sơ số ") and f": {TYPED} (KT, đợt dot-xuat" in answer
    number = answer.removeprefix("Đã ghi hồ sơ số ").split(":")[0]
    returned = dossier_returned(page, desk, number)
    assert returned.startswith(f"Đã trả lại hồ sơ số {number} ({TYPED}) của đơn vị KT"), returned


def a_unit_report_form(page: Page, desk: Desk) -> None:
    """nhap-bao-cao: a button per campaign and unit group; Phòng Kinh tế's reports T01."""
    run_form(page, desk, "record-unit-report", "nhap-bao-cao")
    groups = field(page, "Biểu mẫu").get_by_role("tab")
    expect(groups.first).to_be_visible()
    # Thượng Phúc's units all owe the one closing report alike: one button, no codes.
    assert groups.all_inner_texts() == ["Thượng Phúc", "Vĩnh Thủy: VP, VHXH, TTPVHCC",
                                        "Vĩnh Thủy: KT"]
    page.get_by_role("tab", name="Vĩnh Thủy: KT").click()
    expect(field(page, "Đơn vị")).to_contain_text("KT — Phòng Kinh tế")
    assert offered(page, field(page, "Kỳ báo cáo")) == ["tong-ket-2025"]
    page.get_by_role("option", name="tong-ket-2025", exact=True).click()
    target = page.get_by_label("T01 · Xây dựng các giải pháp", exact=False)
    expect(target).to_be_visible()  # the one target this unit reports, in Vietnamese
    target.fill("100")
    shot(page, "05-bao-cao-don-vi.png")


def council_round_chosen(page: Page, desk: Desk) -> str:
    """hoi-dong-xet: Vietnamese titles, campaign and round from drop-downs, Submit, the run."""
    run_form(page, desk, "council-review", "hoi-dong-xet")
    form = page.locator("form").first
    expect(field(page, "Chiến dịch")).to_be_visible()
    for hidden in ("round_code", "wait_seconds", "poll_seconds", "now"):
        expect(form.locator("label").get_by_text(hidden, exact=True)).to_have_count(0)
    campaigns = offered(page, field(page, "Chiến dịch"))
    assert campaigns == [CAMPAIGN, "vinh-thuy-cchc-2025-h2"]
    page.get_by_role("option", name=CAMPAIGN, exact=True).click()
    rounds = field(page, "Đợt khen thưởng")
    expect(rounds.get_by_role("tab")).to_have_text(["Thượng Phúc", "Vĩnh Thủy"])  # a tab each
    expect(rounds).to_contain_text(f"{ROUND}: Khen thưởng hằng năm 2026 (3 hồ sơ)")
    listed = offered(page, rounds)
    assert listed[0] == ROUND and "tong-ket-2025" not in listed, listed  # its own rounds
    shot(page, "01-hoi-dong-form.png")
    page.get_by_role("option", name=ROUND, exact=True).click()
    run_id = submitted(page)
    assert desk.get(f"/flow_runs/{run_id}")["parameters"] == {
        "campaign": CAMPAIGN, "round_code": ROUND}
    return run_id


def refused_then_kept(page: Page, desk: Desk, run_id: str, day: date) -> None:
    """The prefilled form, answered without quorum; refused, it comes back as entered."""
    wait_state(desk, run_id, PAUSED, "hoi-dong-1")
    dialog = open_resume(page, desk.ui, run_id)
    expect(dialog).to_contain_text("3 hồ sơ")  # the proposal, above the form
    assert "**" not in dialog.inner_text()  # the note above the form reads as text
    expect(field(dialog, "Địa điểm họp").locator("textarea")).to_have_value(
        "Trụ sở UBND xã Thượng Phúc")
    for name, number in desk.nominations.items():
        expect(field(dialog, f"Hồ sơ {number}: {name}")).to_contain_text("✓ đề xuất khen")
    assert offered(page, field(dialog, MEMBERS)) == [m.name for m in ROSTER.members]
    page.keyboard.press("Escape")
    shot(dialog, "02-resume.png")
    pick_day(page, field(dialog, "Ngày họp"), day)
    dialog.get_by_label("Giờ bắt đầu (ví dụ 14:00)").fill("14:00")
    dialog.get_by_label("Giờ kết thúc (ví dụ 16:30)").fill("16:30")
    tick(page, field(dialog, MEMBERS), FEW)
    for name, number in desk.nominations.items():
        field(dialog, f"Hồ sơ {number}: {name}").get_by_label("Đồng ý", exact=True).fill("3")
    resume(page, dialog)

    wait_state(desk, run_id, PAUSED, "hoi-dong-2")
    dialog = open_resume(page, desk.ui, run_id)
    text = dialog.inner_text()
    reason = text.find("chưa đủ số thành viên dự họp: có mặt 3/7, cần ít nhất 2/3 (5 người)")
    assert 0 <= reason < text.find(shown_day(day)), text  # above what was entered
    assert "**" not in text, text  # Markdown shown as such, not as its asterisks
    expect(field(dialog, "Ngày họp")).to_contain_text(shown_day(day))
    expect(dialog.get_by_label("Giờ bắt đầu (ví dụ 14:00)")).to_have_value("14:00")
    expect(dialog.get_by_label("Giờ kết thúc (ví dụ 16:30)")).to_have_value("16:30")
    for name in FEW:
        expect(field(dialog, MEMBERS).get_by_text(name, exact=True)).to_be_visible()
    for name, number in desk.nominations.items():
        expect(field(dialog, f"Hồ sơ {number}: {name}").get_by_label(
            "Đồng ý", exact=True)).to_have_value("3")
    shot(dialog, "03-tu-choi.png")


def accepted_and_summed_up(page: Page, desk: Desk, run_id: str) -> None:
    """Six present, two collectives voted for and one individual not: the run's summary with
    the approved, the decision's number and links to the papers that open."""
    dialog = page.get_by_role("dialog", name=RESUME)
    tick(page, field(dialog, MEMBERS), MORE)
    votes = dict(zip(desk.nominations, (6, 6, 2), strict=True))
    for name, number in desk.nominations.items():
        card = field(dialog, f"Hồ sơ {number}: {name}")
        card.get_by_label("Đồng ý", exact=True).fill(str(votes[name]))
        card.get_by_label("Không đồng ý", exact=True).fill(str(6 - votes[name]))
    resume(page, dialog)
    wait_state(desk, run_id, COMPLETED)

    page.goto(f"{desk.ui}/v2/runs/flow-run/{run_id}?tab=Artifacts")
    page.get_by_text(DECISION).first.click()  # the summary's card, by what it says
    page.wait_for_url("**/artifacts/artifact/**")
    summary = page.locator("main")
    expect(summary).to_contain_text(f"Quyết định số {DECISION}")
    expect(summary).to_contain_text("6/7")  # members present
    for name, count in votes.items():
        rows = summary.get_by_role("row").filter(has_text=name).filter(has_text="6/6")
        expect(rows).to_have_count(1 if count == 6 else 0)  # the approved, with their votes
    year = datetime.now(VN_TZ).year  # the meeting's day as the form offered it: today
    for paper in (f"{name}-01-{year}.docx" for name in ("bien-ban", "to-trinh", "quyet-dinh")):
        href = str(summary.get_by_role("link", name=paper).get_attribute("href"))
        assert href.startswith(f"{desk.files}/documents/"), href  # thidua serve, read-only
        opened = page.request.get(href)
        assert opened.ok and opened.body()[:2] == b"PK", (opened.status, href)  # Word files
    shot(page, "04-tom-tat.png")
    told = desk.wait_for("the units told of the result", lambda: [
        m for m in desk.smtp.box.messages if str(m["Subject"]).startswith("[Kết quả]")])
    bodies = [m.get_body(("plain",)) for m in told]
    assert any(b is not None and DECISION in b.get_content() for b in bodies)


def meeting_day() -> date:
    """A working day of this month (the date picker opens on it), today or just before."""
    plan = read_plan(REPO / "campaigns" / PLANS[0])
    days = WorkingDays(extra_days_off=plan.reminders.extra_days_off,
                       extra_working_days=plan.reminders.extra_working_days)
    today = datetime.now(VN_TZ).date()
    before = days.on_or_before(today)
    return before if before.month == today.month else days.on_or_after(today)
