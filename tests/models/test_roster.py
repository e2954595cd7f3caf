"""The council's roster file: one chair, one secretary, each person once, every problem named."""

from __future__ import annotations

import copy
import unicodedata
from typing import Any

import pytest

from models.roster import Role, validate_roster

ROSTER: dict[str, Any] = {
    "commune": {"name": "Thượng Phúc", "kind": "xã", "province": "Thành phố Hà Nội"},
    "members": [
        {"name": "Lý Văn Dũng", "office": "Chủ tịch UBND xã", "role": "chair"},
        {"name": "Nguyễn Đức Long", "office": "Phó Chủ tịch UBND xã", "role": "vice_chair"},
        {"name": "Đặng Văn Quyết", "office": "Chủ tịch Ủy ban MTTQ xã", "role": "member"},
        {"name": "Lê Thị Thu Hương", "office": "Công chức VHXH", "role": "secretary"},
    ],
}


def _bent(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(ROSTER)
    for index, member in changes.pop("members", {}).items():
        if member is None:
            del data["members"][index]
        else:
            data["members"][index] = {**data["members"][index], **member}
    data.update(changes)
    return data


def test_a_good_roster_keeps_its_order_and_names_its_officers() -> None:
    roster, problems = validate_roster(ROSTER)
    assert problems == [] and roster is not None
    assert [m.name for m in roster.members][0] == "Lý Văn Dũng"
    assert roster.chair.name == "Lý Văn Dũng" and roster.secretary.name == "Lê Thị Thu Hương"
    assert roster.secretary.role is Role.SECRETARY
    assert roster.secretary.role.label == "Ủy viên, Thư ký Hội đồng"


def test_text_is_stored_nfc_and_names_match_however_typed() -> None:
    decomposed = unicodedata.normalize("NFD", "Đặng Văn Quyết")
    roster, _ = validate_roster(_bent(members={2: {"name": decomposed}}))
    assert roster is not None
    assert roster.members[2].name == unicodedata.normalize("NFC", "Đặng Văn Quyết")
    assert roster.member("  đặng  văn QUYẾT ") == roster.members[2]
    assert roster.member("Đặng Văn Quyến") is None


@pytest.mark.parametrize(("data", "expected"), [
    pytest.param(_bent(members={0: {"role": "member"}}),
                 [("members", "cần đúng một người có role: chair (Chủ tịch Hội đồng), "
                   "đang có 0", "không ai")], id="no-chair"),
    pytest.param(_bent(members={1: {"role": "chair"}}),
                 [("members", "cần đúng một người có role: chair (Chủ tịch Hội đồng), "
                   "đang có 2", "members[0], members[1]")], id="two-chairs"),
    pytest.param(_bent(members={3: None}),
                 [("members", "cần đúng một người có role: secretary (Ủy viên, Thư ký "
                   "Hội đồng), đang có 0", "không ai")], id="no-secretary"),
    pytest.param(_bent(members={2: {"name": "lý  văn dũng"}}),
                 [("members[2].name", "trùng người đã ghi ở members[0]; mỗi người chỉ ghi một lần",
                   "lý  văn dũng")], id="one-person-twice"),
    pytest.param(_bent(members={2: {"role": "ủy viên"}}),
                 [("members[2].role", "không có trong danh sách; hãy ghi một trong: chair "
                   "(Chủ tịch Hội đồng), vice_chair (Phó Chủ tịch Hội đồng), member (Ủy "
                   "viên), secretary (Ủy viên, Thư ký Hội đồng)",
                   "ủy viên")], id="unknown-role"),
    pytest.param(_bent(members={2: {"office": " "}}),
                 [("members[2].office", "không được để trống", " ")],
                 id="blank-office"),
    pytest.param(_bent(members={2: {"title": "x"}}),
                 [("members[2].title", "không có mục này trong mẫu; các mục có ở đây: name, "
                   "office, role", "x")], id="unknown-field"),
    pytest.param(_bent(commune={"name": "Thượng Phúc", "kind": "huyện",
                                "province": "Thành phố Hà Nội"}),
                 [("commune.kind", "không có trong danh sách; hãy ghi một trong: xã, phường, "
                   "đặc khu", "huyện")],
                 id="not-a-commune"),
    pytest.param({**ROSTER, "members": []},
                 [("members", "hội đồng cần ít nhất một Chủ tịch Hội đồng (chair) và "
                   "một Thư ký (secretary)", [])],
                 id="empty"),
    pytest.param({"commune": ROSTER["commune"]},
                 [("members", "mục bắt buộc", None)], id="no-members"),
    pytest.param(["a list"], [("(toàn tệp)", "danh sách hội đồng phải có hai mục commune: và "
                                  "members:", "list")],
                 id="not-a-mapping"),
])
def test_every_problem_is_named_with_its_field(data: Any,
                                               expected: list[tuple[str, str, Any]]) -> None:
    roster, problems = validate_roster(data)
    assert roster is None
    assert [(p.path, p.message, p.got) for p in problems] == expected


def test_field_problems_and_role_problems_come_together() -> None:
    data = _bent(members={0: {"role": "member"}, 2: {"name": ""}})
    _, problems = validate_roster(data)
    assert [p.path for p in problems] == ["members[2].name"]  # roles wait for a whole list
    _, problems = validate_roster(_bent(members={1: {"name": "Lý Văn Dũng"}, 2: {"role": "x"}}))
    assert [p.path for p in problems] == ["members[2].role", "members[1].name"]  # twins do not
    _, problems = validate_roster(_bent(members={0: {"role": "member"}},
                                        commune={"name": "X", "kind": "xã"}))
    assert [p.path for p in problems] == ["commune.province", "members"]
