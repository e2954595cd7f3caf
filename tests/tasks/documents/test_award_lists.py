"""What the decision and the submission say of who is awarded: counts in words (no "0 cá
nhân"), people as "Ông/Bà name, post", and the awards beyond the quota named as such, under
the plan's clause for outstanding cases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument

from models.nominee import Candidate
from tasks.documents.award_papers import (
    DECISION,
    SUBMISSION,
    Paper,
    decision_context,
    submission_context,
)
from tasks.documents.templating import render_docx
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.tasks.documents.nd30_form import texts

HONG_VAN = read_plan(REPO / "campaigns" / "000-hong-van.yaml")
ROUND = HONG_VAN.round("tong-ket-2025")  # quota 05/05, extras allowed for outstanding cases
DAY = date(2025, 12, 12)
BEYOND = ("trong đó 1 tập thể và 1 cá nhân được đề nghị khen thưởng vượt chỉ tiêu (05 tập "
          "thể, 05 cá nhân) theo quy định tại Kế hoạch đối với trường hợp tiêu biểu, xuất sắc")


def _collective(i: int) -> Candidate:
    return Candidate(id=i, unit=f"Đơn vị {i}", unit_code=f"U{i}", kind="collective",
                     name=f"Đơn vị {i}")


def _person(i: int, name: str, gender: str | None) -> Candidate:
    return Candidate(id=i, unit="Phòng Kinh tế", unit_code="KT", kind="individual", name=name,
                     gender=gender, title="Chuyên viên")


PEOPLE = [_person(11, "Nguyễn Thị Hoa", "Nữ"), _person(12, "Trần Văn Minh", "Nam"),
          _person(13, "Lê Minh Khôi", None), _person(14, "Phạm Thị Lan", "Nữ"),
          _person(15, "Vũ Đức Thắng", "Nam"), _person(16, "Đỗ Thị Ngọc Anh", "Nữ")]
WINNERS = [*(_collective(i) for i in range(1, 7)), *PEOPLE]
EXTRAS = frozenset({6, 16})  # ranked sixth of each kind, beyond 05/05


def _papers(tmp_path: Path, winners: list[Candidate],
            extras: frozenset[int] = frozenset()) -> tuple[list[str], list[str], DocxDocument]:
    decision = decision_context(HONG_VAN, ROUND, winners, Paper("400/QĐ-UBND", DAY),
                                Paper("12/TTr-VHXH", DAY), extras)
    submission = submission_context(HONG_VAN, ROUND, winners, len(winners) + 1, len(winners),
                                    Paper("12/TTr-VHXH", DAY), Paper("03/BB-HĐTĐKT", DAY),
                                    extras)
    word = Document(str(render_docx(DECISION, decision, tmp_path / "qd.docx", tmp_path,
                                    day=DAY)))
    sub = Document(str(render_docx(SUBMISSION, submission, tmp_path / "ttr.docx", tmp_path,
                                   day=DAY)))
    return texts(word), texts(sub), word


def test_the_extras_are_named_beyond_the_quota_under_the_plans_clause(tmp_path: Path) -> None:
    decision, submission, word = _papers(tmp_path, WINNERS, EXTRAS)
    first = next(t for t in decision if t.startswith("Điều 1."))
    assert first == ("Điều 1. Tặng Giấy khen của Chủ tịch UBND xã cho 6 tập thể và 6 cá nhân đã "
                     "có thành tích trong công tác cải cách hành chính (khen thưởng phong trào "
                     "thi đua Đẩy mạnh công tác cải cách hành chính trên địa bàn xã Hồng Vân 6 "
                     f"tháng cuối năm 2025) (có danh sách kèm theo), {BEYOND}.")
    assert any(t.endswith(f"thống nhất đề nghị 6 tập thể và 6 cá nhân (có danh sách kèm "
                          f"theo), {BEYOND}.") for t in submission)
    collectives, individuals = word.tables[-2:]
    listed = [[c.text for c in r.cells][1] for r in (*collectives.rows[1:],
                                                      *individuals.rows[1:])]
    assert [n for n in listed if "vượt chỉ tiêu" in n] == [
        "Đơn vị 6 (đề nghị vượt chỉ tiêu)",
        "Bà Đỗ Thị Ngọc Anh, Chuyên viên, Phòng Kinh tế (đề nghị vượt chỉ tiêu)"]


def test_people_are_listed_as_ong_or_ba_and_the_name_alone_when_unknown(
        tmp_path: Path) -> None:
    *_, word = _papers(tmp_path, WINNERS)
    rows = [[c.text for c in r.cells][1] for r in word.tables[-1].rows[1:]]
    assert rows[:3] == ["Bà Nguyễn Thị Hoa, Chuyên viên, Phòng Kinh tế",
                        "Ông Trần Văn Minh, Chuyên viên, Phòng Kinh tế",
                        "Lê Minh Khôi, Chuyên viên, Phòng Kinh tế"]  # never a wrong title
    collectives = [[c.text for c in r.cells][1] for r in word.tables[-2].rows[1:]]
    assert collectives[0] == "Đơn vị 1"  # a collective has no title


@pytest.mark.parametrize(("winners", "said", "whom"), [
    pytest.param([_collective(1), _collective(2)], "2 tập thể", "tập thể",
                 id="collectives-only"),
    pytest.param([_collective(1), PEOPLE[0]], "1 tập thể và 1 cá nhân", "tập thể, cá nhân",
                 id="both"),
    pytest.param(PEOPLE[:2], "2 cá nhân", "cá nhân", id="people-only"),
])
def test_counts_are_worded_without_zero(tmp_path: Path, winners: list[Candidate], said: str,
                                        whom: str) -> None:
    decision, submission, _ = _papers(tmp_path, winners)
    # The paper names only the kinds it awards, from its summary to its list's title.
    assert any(t.startswith(f"Về việc tặng Giấy khen cho các {whom} có thành tích")
               for t in decision)
    assert any(t.startswith(f"Điều 2. Các {whom} có tên tại Điều 1") for t in decision)
    assert any(f", các {whom} có tên tại Điều 1 chịu trách nhiệm" in t for t in decision)
    assert f"{whom[:1].upper()}{whom[1:]} được tặng Giấy khen của Chủ tịch UBND xã" in decision
    assert any(t.endswith(f"cho các {whom} nêu trên./.") for t in submission)
    assert any(t.startswith(f"Điều 1. Tặng Giấy khen của Chủ tịch UBND xã cho {said} đã có")
               for t in decision)
    assert any(f"thống nhất đề nghị {said} (có danh sách kèm theo)." in t for t in submission)
    assert not any("0 tập thể" in t or "0 cá nhân" in t or "vượt chỉ tiêu" in t
                   for t in decision + submission)
