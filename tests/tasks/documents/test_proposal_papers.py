"""The commune's Tờ trình to the level above, read back from Word as the signing chairman and
the province's clerk would check it; and each kind's award in the council's papers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document

from models.nominee import Candidate
from models.plan import Plan
from tasks.documents.award_papers import (
    DECISION,
    PROPOSAL,
    Paper,
    decision_context,
)
from tasks.documents.dossier_pack import StoredDoc, attachments, plan_pack
from tasks.documents.proposal_papers import minutes_named, proposal_context
from tasks.documents.templating import render_docx
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.tasks.documents.nd30_form import bold, check_header, check_signature, paragraph, texts

DAY = date(2025, 12, 10)
PROPOSED = [
    Candidate(id=7, unit="Phòng Kinh tế", unit_code="KT", kind="collective", name="Phòng Kinh tế"),
    Candidate(id=9, unit="Phòng Văn hóa - Xã hội", unit_code="VHXH", kind="individual",
              name="Lê Thị Kim Oanh", title="Trưởng phòng Văn hóa - Xã hội", gender="Nữ"),
]


def _plan() -> Plan:
    return read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml")


def _proposal(plan: Plan, tmp_path: Path) -> Path:
    round_ = plan.round("de-nghi-cap-tren-2025")
    store = tmp_path / "dossiers"
    stored = {}
    for c in PROPOSED:
        digest = f"{c.id:064d}"
        (store / digest[:2]).mkdir(parents=True, exist_ok=True)
        (store / digest[:2] / digest).write_bytes(b"%PDF-1.4 " + c.name.encode())
        stored[c.id] = [StoredDoc("bao-cao-thanh-tich", "Báo cáo TT.PDF", digest)]
    pack = plan_pack(round_, PROPOSED, stored, store, 2025)
    minutes = Paper("04/BB-HĐTĐKT", DAY)
    context = proposal_context(plan, round_, PROPOSED, 3, 2, Paper("05/TTr-UBND", DAY), minutes,
                               attachments(pack, minutes_named(plan, minutes)), pack.name)
    return render_docx(PROPOSAL, context, tmp_path / "ttr.docx", tmp_path, plan.commune.name,
                       day=DAY)


def test_the_proposal_is_the_committees_to_the_province(tmp_path: Path) -> None:
    word = Document(str(_proposal(_plan(), tmp_path)))
    check_header(word, "ỦY BAN NHÂN DÂN\nXÃ VĨNH THỦY", "05/TTr-UBND")
    assert "Vĩnh Thủy, ngày 10 tháng 12 năm 2025" in texts(word.tables[0].rows[0].cells[1])
    body = texts(word)
    assert bold(paragraph(word, "TỜ TRÌNH"))
    assert bold(paragraph(word, "Về việc đề nghị tặng Bằng khen cho các tập thể, cá nhân có "
                                "thành tích trong công tác cải cách hành chính (tổng kết phong "
                                "trào thi đua thực hiện công tác CCHC năm 2025, khen thưởng "
                                "cấp tỉnh)"))
    assert "Kính gửi: Chủ tịch UBND tỉnh Quảng Trị (qua Sở Nội vụ tỉnh Quảng Trị)." in body
    bases = [t for t in body if t.startswith("Căn cứ ")]
    assert bases[0] == "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"
    assert any("152/2025/NĐ-CP" in b for b in bases) and not any("98/2023" in b for b in bases)
    assert bases[-2].startswith("Căn cứ Kế hoạch số …/KH-UBND")
    assert bases[-1] == ("Căn cứ Biên bản họp Hội đồng Thi đua – Khen thưởng xã Vĩnh Thủy số "
                         "04/BB-HĐTĐKT ngày 10/12/2025,")
    assert any(t.startswith("Ủy ban nhân dân xã Vĩnh Thủy đã tiếp nhận 3 hồ sơ") and
               "2 hồ sơ đủ điều kiện" in t and "đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh "
               "cho 1 tập thể và 1 cá nhân (có danh sách kèm theo)." in t for t in body)
    start = body.index("Hồ sơ kèm theo:")
    assert body[start + 1:start + 4] == [
        "02. Biên bản họp Hội đồng Thi đua – Khen thưởng xã Vĩnh Thủy số 04/BB-HĐTĐKT ngày "
        "10/12/2025;",
        "03. Hồ sơ của Phòng Kinh tế: 01 – Báo cáo thành tích của tập thể hoặc cá nhân đề nghị "
        "UBND xã xét khen thưởng;",
        "04. Hồ sơ của Bà Lê Thị Kim Oanh, Trưởng phòng Văn hóa - Xã hội: 01 – Báo cáo thành "
        "tích của tập thể hoặc cá nhân đề nghị UBND xã xét khen thưởng."]
    assert body[start + 4] == ("Ủy ban nhân dân xã Vĩnh Thủy kính trình Chủ tịch UBND tỉnh "
                               "Quảng Trị xem xét, quyết định tặng Bằng khen của Chủ tịch UBND "
                               "tỉnh cho các tập thể, cá nhân nêu trên./.")
    recipients = check_signature(word, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Thái Nam Sơn")
    assert recipients == ["- Như trên;", "- Sở Nội vụ tỉnh Quảng Trị;", "- Lưu: VT, VHXH."]
    assert "(Kèm theo Tờ trình số 05/TTr-UBND ngày 10/12/2025 của UBND xã Vĩnh Thủy)" in body
    assert body.index("I. TẬP THỂ") < body.index("II. CÁ NHÂN")
    collectives, individuals = word.tables[-2:]
    assert [c.text for c in collectives.rows[1].cells] == ["1", "Phòng Kinh tế"]
    assert [c.text for c in individuals.rows[1].cells] == [
        "1", "Bà Lê Thị Kim Oanh, Trưởng phòng Văn hóa - Xã hội"]
    assert "QUYẾT ĐỊNH" not in body  # the level above decides


def test_a_decision_giving_each_kind_its_own_award_says_so_kind_by_kind(
        tmp_path: Path) -> None:
    plan = _plan()
    round_ = plan.round("tong-ket-2025").model_copy(update={
        "individual_award": "Giấy chứng nhận của Chủ tịch UBND xã"})
    context = decision_context(plan, round_, PROPOSED, Paper("708/QĐ-UBND", DAY),
                               Paper("12/TTr-VHXH", DAY))
    word = Document(str(render_docx(DECISION, context, tmp_path / "qd.docx", tmp_path,
                                    plan.commune.name, day=DAY)))
    body = texts(word)
    assert paragraph(word, "Về việc tặng Giấy khen cho các tập thể và Giấy chứng nhận cho các "
                           "cá nhân có thành tích trong công tác cải cách hành chính (tổng kết "
                           "phong trào thi đua thực hiện công tác CCHC năm 2025)")
    assert any(t.startswith("Điều 1. Tặng Giấy khen của Chủ tịch UBND xã cho 1 tập thể và "
                            "tặng Giấy chứng nhận của Chủ tịch UBND xã cho 1 cá nhân đã có "
                            "thành tích") for t in body)
    assert "I. TẬP THỂ ĐƯỢC TẶNG GIẤY KHEN CỦA CHỦ TỊCH UBND XÃ" in body
    assert "II. CÁ NHÂN ĐƯỢC TẶNG GIẤY CHỨNG NHẬN CỦA CHỦ TỊCH UBND XÃ" in body
    assert "Tập thể, cá nhân được tặng Giấy khen, Giấy chứng nhận" in body
