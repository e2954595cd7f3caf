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
        DossierVote(2, "Nguyễn Thị Hoa", "Phòng Kinh tế", "individual", False,
                    ("xếp loại dưới mức yêu cầu",), False, 0, 0, 0, False, 4))
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
    rows = [[c.text for c in row.cells] for row in word.tables[1].rows]
    assert rows[1] == ["1", "Phòng Kinh tế", "Phòng Kinh tế", "Đủ điều kiện",
                       "3/4 (75,0%)", "Đề nghị"]
    assert rows[2][3:] == ["Không đủ: xếp loại dưới mức yêu cầu", "Không biểu quyết",
                           "Không đề nghị"]
    assert any(t.startswith("Cuộc họp kết thúc vào hồi 16 giờ 30") for t in body)
    signers = word.tables[-1].rows[0].cells
    assert texts(signers[0]) == ["THƯ KÝ", "Lê Thị Thu"]
    assert texts(signers[1]) == ["CHỦ TỌA", "Thái Nam Sơn"]
    assert not any("Nơi nhận" in t for t in body)
