"""The period report and the final summary in the decree's form, read back with python-docx."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.table import Table

from models.deadline_calendar import ObligationKind, build_calendar
from models.final_summary import Award, summarise_campaign, with_details as final_details
from models.keys import key_prefix
from models.period_summary import summarise, with_details
from models.plan import Plan
from tasks.documents.charts import write_attainment_chart
from tasks.documents.final_report import write_final_report
from tasks.documents.period_report import write_report_docx
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.plan_samples import seed_without_reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DATELINE = re.compile(r"^[^,]+, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")


def _plan(seed: str) -> Plan:
    return read_plan(REPO / "campaigns" / seed)


def _period_report(tmp_path: Path, seed: str, period: str, today: date,
                   sent: dict[str, tuple[datetime, dict[str, float]]],
                   narratives: dict[str, str | None], **plan_fields: object) -> DocxDocument:
    plan = _plan(seed).model_copy(update=plan_fields)
    owed = [o for o in build_calendar(plan) if o.kind is ObligationKind.REPORT
            and o.key.startswith(key_prefix(ObligationKind.REPORT, period))]
    summary = with_details(summarise(plan, owed, sent), plan, done={1: date(2025, 7, 20)},
                           narratives=narratives, as_of=today)
    chart = write_attainment_chart(summary.targets, "x", tmp_path / "chart.png")
    path = write_report_docx(plan, summary, today, tmp_path / "bao-cao.docx", chart, tmp_path)
    return Document(str(path))


def _hung_thang_year(tmp_path: Path) -> DocxDocument:
    return _period_report(
        tmp_path, "003-hung-thang.yaml", "2025-YEAR", date(2025, 12, 12),
        {"VP": (datetime(2025, 12, 5, 9, tzinfo=VN), {"T02": 100}),
         "TTPVHCC": (datetime(2025, 12, 10, 8, tzinfo=VN), {"T05": 92.5, "T07": 64})},
        {"TTPVHCC": "Tiếp nhận 1.245 hồ sơ; khó khăn: thiếu máy quét."})


def _final_summary(tmp_path: Path) -> DocxDocument:
    plan = seed_without_reporting("001-thuong-phuc.yaml")  # a plan that sets no reports at all
    awards = [Award("Phòng Kinh tế", "Phòng Kinh tế", r.award, r.title, "collective")
              for r in reversed(plan.award_rounds[:3])]
    awards.append(Award("Nguyễn Thị Hoa", "Phòng Kinh tế", plan.award_rounds[1].award,
                        plan.award_rounds[1].title, "individual", "Chuyên viên", "Nữ"))
    # The plan sets no periodic reports: no figures, whatever a unit typed somewhere.
    summary = summarise_campaign(plan, build_calendar(plan), set(), {},
                                 {"2030-YEAR": {"T01": {"TTPVHCC": 64}}}, awards)
    summary = final_details(summary, plan, done={}, narratives={"KT": "Đã số hóa 90% hồ sơ."},
                            as_of=date(2030, 12, 20))
    written = write_final_report(plan, summary, date(2030, 2, 3), tmp_path, tmp_path)
    return Document(written["docx"])


def _texts(where: object) -> list[str]:
    # Header names hold non-breaking spaces (never broken inside a word group): read as spaces.
    return [p.text.replace("\u00a0", " ") for p in where.paragraphs  # type: ignore[attr-defined]
            if p.text.strip()]


def _bold(where: object, text: str) -> bool:
    [found] = [p for p in where.paragraphs  # type: ignore[attr-defined]
               if p.text.replace("\u00a0", " ") == text]
    return all(r.bold for r in found.runs if r.text.strip())


def _table(word: DocxDocument, head: str) -> Table:
    return next(t for t in word.tables if head in [c.text for c in t.rows[0].cells])


def _check_form(word: DocxDocument, *, issuer: str, signer: list[str], first: str,
                targets: bool = True) -> None:
    left, right = word.tables[0].rows[0].cells
    assert len(word.tables[0].rows[0].cells) == 2
    assert 0.3 < left.width / (left.width + right.width) < 0.42
    assert _texts(left) == [issuer, "Số:       /BC-UBND"] and _bold(left, issuer)
    assert _bold(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert _bold(right, "Độc lập - Tự do - Hạnh phúc")
    [dateline] = [t for t in _texts(right) if "ngày" in t]
    assert DATELINE.match(dateline), dateline
    body = _texts(word)
    kind = body.index("BÁO CÁO")
    assert _bold(word, "BÁO CÁO") and not body[kind + 1].lower().startswith("báo cáo")
    footer = next(t for t in word.tables if "Nơi nhận:" in _texts(t.rows[0].cells[0]))
    names, lines = _texts(footer.rows[0].cells[1]), _texts(footer.rows[0].cells[0])[1:]
    assert names == signer and all(_bold(footer.rows[0].cells[1], n) for n in names)
    assert lines[0] == f"- {first};" and lines[-1].startswith("- Lưu: VT")
    assert all(x.endswith(";") for x in lines[:-1]) and lines[-1].endswith("."), lines
    landscape = [s for s in word.sections if s.orientation is WD_ORIENT.LANDSCAPE]
    assert word.sections[0].orientation is WD_ORIENT.PORTRAIT and len(landscape) == 1
    if targets:
        _check_targets(word)


def _check_targets(word: DocxDocument) -> None:
    targets = _table(word, "Yêu cầu")
    assert [c.text for c in targets.rows[0].cells] == ["Mã", "Chỉ tiêu", "Yêu cầu", "Kết quả",
                                                       "Đánh giá"]
    properties = targets.rows[0]._tr.trPr
    assert properties is not None and properties.find(qn("w:tblHeader")) is not None
    widths = [c.width for c in targets.rows[0].cells]
    assert widths[1] > 4 * max(widths[0], widths[2], widths[3])  # narrow number columns


def test_period_report_form_and_substance(tmp_path: Path) -> None:
    word = _hung_thang_year(tmp_path)
    _check_form(word, issuer="ỦY BAN NHÂN DÂN\nXÃ HÙNG THẮNG",
                signer=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Vũ Trọng Thủy"],
                first="Sở Nội vụ thành phố Hải Phòng")
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in _table(word, "Yêu cầu").rows}
    assert rows["T07"][2:] == ["≥ 80%", "64%", "Không đạt"]
    assert rows["T05"][2:] == ["> 90%", "92,5%", "Đạt"]
    # 1 of 15 tasks done, judged only from the target's day (f64577b)
    assert rows["T03"][2:] == ["≥ 100%", "6,67%", "Chưa đến kỳ đánh giá"]
    tasks = _table(word, "Nội dung nhiệm vụ")
    assert [r.cells[0].text for r in tasks.rows[1:]] == [str(n) for n in range(1, 16)]
    assert tasks.rows[1].cells[5].text == "Hoàn thành (20/07/2025)"
    units = [r.cells[1].text for r in _table(word, "Ngày nộp").rows[1:]]
    assert "Phòng Văn hóa - Xã hội" not in units and len(units) == 4
    text = "\n".join(_texts(word))
    assert "Trung tâm Phục vụ hành chính công xã: Tiếp nhận 1.245 hồ sơ" in text
    assert ("T07 (Tỷ lệ cung cấp dịch vụ công trực tuyến toàn trình trên tổng số hồ sơ TTHC có "
            "đủ điều kiện trên Cổng Dịch vụ công quốc gia: Tối thiểu 80%): yêu cầu ≥ 80%, kết "
            "quả 64%.") in text  # the target in full, never cut mid-phrase
    assert len(word.inline_shapes) == 1


@pytest.mark.parametrize("final", [False, True])
def test_an_annex_heading_stays_with_its_table(tmp_path: Path, final: bool) -> None:
    word = _final_summary(tmp_path) if final else _hung_thang_year(tmp_path)
    body = [p for p in word.paragraphs if p.text.strip()]
    annexes = [i for i, p in enumerate(body) if p.text.startswith("PHỤ LỤC ")]
    assert len(annexes) == (4 if final else 3)
    for i in annexes:  # number, name and note: none left alone at a page's foot
        assert all(p.paragraph_format.keep_with_next for p in body[i:i + 3]), body[i].text
    heads = [t.rows[0] for t in word.tables if t.rows[0].cells[0].text in ("TT", "Mã")]
    assert len(heads) >= 3  # targets, tasks, units; and each round's awards
    assert all(p.paragraph_format.keep_with_next for row in heads for c in row.cells
               for p in c.paragraphs)  # the header row goes with the first row of items
    if final:  # each round's title goes with its list
        rounds = [p for p in body if p.text.endswith(")") and ": " in p.text and p.runs[0].bold]
        assert rounds and all(p.paragraph_format.keep_with_next for p in rounds)


def test_mo_lao_does_not_owe_its_own_report(tmp_path: Path) -> None:
    word = _period_report(tmp_path, "004-mo-lao.yaml", "2025-Q1", date(2025, 3, 11),
                          {"VP": (datetime(2025, 3, 7, 9, tzinfo=VN), {})},
                          {"VP": "Tổ chức 12 buổi tuyên truyền trên loa truyền thanh."})
    first = "UBND quận Hà Đông (qua Phòng Văn hóa và Thông tin quận)"
    _check_form(word, issuer="ỦY BAN NHÂN DÂN\nPHƯỜNG MỘ LAO",
                signer=["CHỦ TỊCH", "Nguyễn Thị Thanh"], first=first, targets=False)
    text = "\n".join(_texts(word))
    [missing] = [line for line in text.splitlines() if "Chưa nộp" in line]
    assert "Bộ phận Tư pháp - Hộ tịch phường" in missing  # the units owe VP their reports
    assert "Văn phòng UBND phường" not in missing  # VP owes none to itself
    names = missing.split("Chưa nộp: ")[1].rstrip(".").split("; ")  # names may hold commas
    assert len(names) > 1 and "Bộ phận Tư pháp - Hộ tịch phường" in names, missing
    assert "Mộ Lao, ngày 11 tháng 3 năm 2025" in _texts(word.tables[0].cell(0, 1))
    assert "Văn phòng UBND phường: Tổ chức 12 buổi tuyên truyền" in text
    assert ("Thực hiện Kế hoạch số …/KH-UBND ngày … tháng … năm … của UBND phường Mộ Lao về "
            "tuyên truyền") in text  # the seed gives no number: a blank for the clerk


def test_a_report_cites_the_plan_by_number_and_date(tmp_path: Path) -> None:
    word = _period_report(tmp_path, "004-mo-lao.yaml", "2025-Q1", date(2025, 3, 11), {}, {},
                          number="23/KH-UBND", issued_on=date(2025, 2, 4))
    assert ("Thực hiện Kế hoạch số 23/KH-UBND ngày 04/02/2025 của UBND phường Mộ Lao về "
            "tuyên truyền Cải cách hành chính Nhà nước năm 2025, UBND phường Mộ Lao báo cáo") \
        in "\n".join(_texts(word))


def test_final_summary_form_awards_by_round(tmp_path: Path) -> None:
    word = _final_summary(tmp_path)
    _check_form(word, issuer="ỦY BAN NHÂN DÂN\nXÃ THƯỢNG PHÚC",
                signer=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lý Văn Dũng"],
                first="Sở Nội vụ")  # the plan's own distribution names the level above
    assert any(t.endswith("ngày 03 tháng 02 năm 2030") for t in _texts(word.tables[0].cell(0, 1)))
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in _table(word, "Yêu cầu").rows}
    assert rows["T01"][2:] == ["≥ 80%", "—", "Chưa có số liệu"]
    plan = _plan("001-thuong-phuc.yaml")
    text = "\n".join(_texts(word))
    assert "Kế hoạch không quy định chế độ báo cáo định kỳ nên các đơn vị chưa gửi số liệu" \
        in text
    titles = [r.title for r in plan.award_rounds[:3]]
    places = [text.index(f"{title} (") for title in titles]
    assert places == sorted(places)  # the plan's order of rounds, whatever came first
    assert "Bà Nguyễn Thị Hoa, Chuyên viên" in [c.text for t in word.tables
                                                for r in t.rows for c in r.cells]
    assert "Kế hoạch không có phụ lục nhiệm vụ." in text and "0/0" not in text
    assert "Phòng Kinh tế: Đã số hóa 90% hồ sơ." in text
    assert "Thực hiện Kế hoạch số …/KH-UBND ngày … tháng … năm … của UBND xã Thượng Phúc về " \
        "tổ chức phong trào" in text  # the seed leaves its number blank


def test_final_summary_figures_are_the_years_reports_and_name_who_sent_none(
        tmp_path: Path) -> None:
    plan = _plan("003-hung-thang.yaml")
    calendar = build_calendar(plan)
    year = [o for o in calendar if o.kind is ObligationKind.REPORT]
    reports = {o.key: datetime(2025, 12, 5, 9, tzinfo=VN) for o in year if o.owner != "KT"}
    values: dict[str, dict[str, dict[str, float]]] = {
        "2025-YEAR": {"T01": {"VHXH": 1.0}, "T05": {"TTPVHCC": 92.5}, "T07": {"TTPVHCC": 64}}}
    summary = final_details(summarise_campaign(plan, calendar, set(), reports, values, []),
                            plan, done={}, narratives={}, as_of=date(2026, 1, 20))
    written = write_final_report(plan, summary, date(2026, 1, 20), tmp_path, tmp_path)
    word = Document(written["docx"])
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in _table(word, "Yêu cầu").rows}
    assert rows["T01"][2:] == ["Định tính", "Đạt", "Đạt"]
    assert rows["T05"][2:] == ["> 90%", "92,5%", "Đạt"]
    assert rows["T07"][2:] == ["≥ 80%", "64%", "Không đạt"]
    text = "\n".join(_texts(word))
    assert "Số liệu các chỉ tiêu lấy từ báo cáo năm 2025 của các đơn vị." in text
    assert f"Đơn vị chưa gửi báo cáo năm 2025: {plan.unit('KT').name}." in text
    assert "Đang thực hiện" not in written["text"]  # every task was due by 31/12/2025
