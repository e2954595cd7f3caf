"""The council's minutes, read back from Word: the council as a body, every dossier, two
signatures."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from docx import Document

from models.council import DossierVote, MinutesFacts
from models.roster import Member, Role
from tasks.documents.award_papers import Paper
from tasks.documents.minutes import MINUTES, minutes_context
from tasks.documents.templating import render_docx
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.tasks.documents.nd30_form import bold, check_header, paragraph, texts

CHAIR = Member(name="Thái Nam Sơn", office="Chủ tịch UBND xã", role=Role.CHAIR)
SECRETARY = Member(name="Lê Thị Thu", office="Trưởng phòng Văn hóa - Xã hội",
                   role=Role.SECRETARY)
MEMBER = Member(name="Hoàng Văn Nam", office="Trưởng phòng Kinh tế", role=Role.MEMBER)
AWAY = Member(name="Phạm Thị Lan", office="Chủ tịch Hội Liên hiệp Phụ nữ xã", role=Role.MEMBER)


def _facts() -> MinutesFacts:
    dossiers = (
        DossierVote(1, "Phòng Kinh tế", "Phòng Kinh tế", "collective", True, (), True, 3, 0, 0,
                    True, 4),
        DossierVote(3, "Trần Văn Minh", "Phòng Kinh tế", "individual", True, (), False, 3, 0,
                    0, True, 4, extra=True, gender="Nam", title="Chuyên viên"),
        DossierVote(2, "Nguyễn Thị Hoa", "Phòng Kinh tế", "individual", False,
                    ("hồ sơ còn thiếu: Biên bản họp xét khen thưởng",), False, 0, 0, 0, False,
                    4, gender="Nữ", title="Trưởng phòng"),
        DossierVote(4, "Lê Văn Tâm", "Đoàn Thanh niên xã", "individual", False,
                    ("xếp loại dưới mức yêu cầu",), False, 0, 0, 0, False, 4, gender="Nam",
                    title="Bí thư Đoàn Thanh niên xã"))
    return MinutesFacts(date(2025, 12, 4), time(14, 0), time(16, 30), "Hội trường UBND xã",
                        None, 4, CHAIR, SECRETARY, (CHAIR, SECRETARY, MEMBER), (AWAY,),
                        dossiers, "Hội đồng thống nhất đề nghị tặng Giấy khen cho 1 tập thể.")


def test_the_minutes_name_the_council_every_dossier_and_both_signers(tmp_path: Path) -> None:
    plan = read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml")
    context = minutes_context(plan, plan.award_rounds[-1], _facts(),
                              Paper("03/BB-HĐTĐKT", date(2025, 12, 4)))
    word = Document(str(render_docx(MINUTES, context, tmp_path / "bb.docx", tmp_path)))
    check_header(word, "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", "03/BB-HĐTĐKT")
    body = texts(word)
    assert bold(paragraph(word, "BIÊN BẢN"))
    opened = "Vào hồi 14 giờ 00 ngày 04/12/2025, tại Hội trường UBND xã"
    assert any(t.startswith(opened) for t in body)
    assert "Chủ trì: Thái Nam Sơn, Chủ tịch UBND xã, Chủ tịch Hội đồng." in body
    assert any(t.startswith("Thư ký: Lê Thị Thu") for t in body)
    assert "Thành viên có mặt (3/4):" in body and "Thành viên vắng mặt (1):" in body
    assert "- Phạm Thị Lan, Chủ tịch Hội Liên hiệp Phụ nữ xã, Ủy viên;" in body
    assert ("Hội đồng xem xét 4 hồ sơ đề nghị khen thưởng: 2 hồ sơ đủ điều kiện, tiêu chuẩn "
            "được đưa ra biểu quyết; 2 hồ sơ không đủ điều kiện, tiêu chuẩn, không đưa ra biểu "
            "quyết.") in body
    rows = [[c.text for c in row.cells] for row in word.tables[1].rows]
    assert rows[0][3:] == ["Đồng ý / cả Hội đồng", "Kết quả"]
    assert rows[1:] == [["1", "Phòng Kinh tế", "Phòng Kinh tế", "3/4 (75,0%)", "Đề nghị"],
                        ["2", "Ông Trần Văn Minh, Chuyên viên", "Phòng Kinh tế", "3/4 (75,0%)",
                         "Đề nghị vượt chỉ tiêu"]]  # only the dossiers put to the vote
    # The incomplete dossier: in a part of its own, with its reason and no count.
    heading = body.index("2. Các hồ sơ không đưa ra biểu quyết (chưa đủ điều kiện, tiêu chuẩn "
                         "hoặc chưa đủ thành phần hồ sơ):")
    assert body[heading + 1:heading + 3] == [
        "- Bà Nguyễn Thị Hoa, Trưởng phòng (Phòng Kinh tế): hồ sơ còn thiếu: Biên bản họp xét "
        "khen thưởng.",
        "- Ông Lê Văn Tâm, Bí thư Đoàn Thanh niên xã: xếp loại dưới mức yêu cầu."]  # unit once
    assert not any("Nguyễn Thị Hoa" in c.text for t in word.tables for r in t.rows
                   for c in r.cells)
    assert any(t.startswith("Cuộc họp kết thúc vào hồi 16 giờ 30") for t in body)
    signers = word.tables[-1].rows[0].cells
    assert texts(signers[0]) == ["THƯ KÝ", "Lê Thị Thu"]
    assert texts(signers[1]) == ["CHỦ TỌA", "Thái Nam Sơn"]
    assert not any("Nơi nhận" in t for t in body)


def test_minutes_where_no_dossier_was_put_to_the_vote_have_no_vote_table(
        tmp_path: Path) -> None:
    plan = read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml")
    facts = _facts()
    only = MinutesFacts(**{**facts.__dict__, "dossiers": facts.dossiers[2:]})
    context = minutes_context(plan, plan.award_rounds[-1], only,
                              Paper("04/BB-HĐTĐKT", date(2025, 12, 4)))
    word = Document(str(render_docx(MINUTES, context, tmp_path / "bb.docx", tmp_path)))
    body = texts(word)
    assert any(t.startswith("1. Các hồ sơ không đưa ra biểu quyết") for t in body)
    assert not any("Kết quả biểu quyết" in t for t in body)
    assert not any("Đồng ý / cả Hội đồng" in c.text for t in word.tables for r in t.rows
                   for c in r.cells)
