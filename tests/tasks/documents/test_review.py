"""The council review as the clerk reads it: the note above the form (reasons first, short
lines) and the full table beside it."""

from __future__ import annotations

from models.eligibility import Assessment, assess
from models.nominee import Candidate
from tasks.documents.review import review_note, review_table
from tasks.plans.files import read_plan
from tests.conftest import REPO

PLAN = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
ROUND = PLAN.round("hang-nam-2026")
DOCS = frozenset({"to-trinh", "bien-ban", "bao-cao-thanh-tich"})
LONG = ("Bộ phận Tiếp nhận và Trả kết quả giải quyết thủ tục hành chính thuộc Trung tâm Phục "
        "vụ hành chính công xã")


def _candidate(i: int, unit: str, name: str, rating: str = "Hoàn thành xuất sắc nhiệm vụ",
               recognised: str | None = "Hội đồng Sáng kiến xã") -> Candidate:
    return Candidate(id=i, unit=PLAN.unit(unit).name, unit_code=unit,
                     kind="collective", name=name, rating=rating,
                     index_components_not_decreased=True, initiative_recognised_by=recognised,
                     documents=DOCS)


ASSESSED: list[Assessment] = assess([
    _candidate(1, "VP", "Văn phòng | *HĐND*"), _candidate(2, "KT", LONG),
    _candidate(3, "TTPVHCC", "Tổ một cửa", recognised=None)], ROUND)


def test_the_note_is_short_lines_and_says_where_the_full_table_is() -> None:
    blocks = review_note(ASSESSED, (), table="thẻ **Artifacts**, mục `xet`").split("\n\n")
    assert blocks[0].splitlines() == [
        "**3 hồ sơ, 2 đủ điều kiện, đề xuất khen 2** (mỗi hồ sơ đủ điều kiện một thẻ biểu "
        "quyết bên dưới):",
        "- **2** Bộ phận Tiếp nhận và Trả kết quả giải quyết… — ✓ đề xuất khen",  # cut at a word
        "- **1** Văn phòng \\| \\*HĐND\\* — ✓ đề xuất khen",  # typed text stays text
        "- **3** Tổ một cửa — ✗ không đủ điều kiện, không biểu quyết"]  # ranking's order
    assert blocks[1] == "Bảng đầy đủ (đơn vị, xếp loại, lý do): thẻ **Artifacts**, mục `xet`."
    assert "|---" not in "".join(blocks)  # no table: the dialog is 512 px wide


def test_a_refused_answer_puts_its_reasons_first_one_per_line() -> None:
    problems = ("ngày họp 05/12/2026 là ngày nghỉ (thứ Bảy)",
                "chưa đủ số thành viên dự họp: có mặt 3/7, cần ít nhất 2/3 (5 người)")
    refused, counts, *_ = review_note(ASSESSED, problems, table="").split("\n\n")
    assert refused.splitlines() == [
        "**Chưa nhận kết quả họp, xin sửa rồi gửi lại** (các ô giữ nguyên điều đã nhập):",
        *(f"- {p}" for p in problems)]
    assert counts.startswith("**3 hồ sơ")


def test_the_full_table_names_units_and_gives_every_reason() -> None:
    table = review_table(ROUND, ASSESSED)
    assert f"| 3 | Tổ một cửa | Tập thể | {PLAN.unit('TTPVHCC').name} |" in table
    assert "không: chưa có mô hình, giải pháp, sáng kiến được Hội đồng Sáng kiến công nhận" \
        in table
    assert "| 1 | Văn phòng \\| \\*HĐND\\* |" in table  # a typed name cannot break the table
