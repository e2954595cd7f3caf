"""Reloading an edited plan says what changed in a few lines: per part, added, removed, changed."""

from __future__ import annotations

from typing import Any

import pytest

from models.plan import Plan
from models.plan_diff import plan_changes
from tests.plan_samples import Edit, sample_plan_data, set_at as _set


def _ten_villages(data: dict[str, Any]) -> None:
    data["units"] += [{"code": f"T{i}", "name": f"Thôn {i}", "kind": "village",
                       "head": {"title": "Trưởng thôn", "email": f"t{i}@xa.example.vn"}}
                      for i in range(1, 11)]


def _edits(*edits: Edit) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        for one in edits:
            one(data)
    return edit


@pytest.mark.parametrize(("edit", "expected"), [
    pytest.param(_ten_villages, ["đơn vị: thêm 10 (T1 — Thôn 1, T2 — Thôn 2, T3 — Thôn 3, …)"],
                 id="ten-units-one-line"),
    pytest.param(_set("issued_on", "05/08/2025"), ["ngày ban hành: (trống) → 05/08/2025"],
                 id="scalar"),
    pytest.param(_edits(_set("units.0.head.email", "vanhoa@xa.example.vn"),
                        _set("units.1.name", "Phòng Kinh tế xã")),
                 ["đơn vị: sửa 2: VHXH (người đứng đầu: email), KT (tên)"], id="changed-units"),
    pytest.param(lambda d: d["units"].pop(2),
                 ["đơn vị: bỏ 1 (TTPVHCC — Trung tâm Phục vụ hành chính công)"], id="removed"),
    pytest.param(_set("window.end", "15/12/2025"),
                 ["thời gian thực hiện: end: 31/12/2025 → 15/12/2025"], id="window"),
    pytest.param(_set("subject", {"name": "xây dựng nông thôn mới"}),  # the sample's is CCHC
                 ["lĩnh vực: name: cải cách hành chính → xây dựng nông thôn mới; short: CCHC → "
                  "(trống)"], id="subject-changed"),
    pytest.param(_set("legal_bases", ["Luật Thi đua, khen thưởng năm 2022"]),
                 ["căn cứ: thêm 1 (Luật Thi đua, khen thưởng năm 2022)"], id="text-list"),
    pytest.param(_set("award_rounds.0.individual_award", "Giấy khen cá nhân"),
                 ["đợt khen thưởng: sửa 1: tong-ket-2025 (hình thức khen cá nhân)"],
                 id="round-field"),
])
def test_each_part_changed_is_one_line_with_names(edit: Edit, expected: list[str]) -> None:
    data = sample_plan_data()
    old = Plan.model_validate(data).model_dump(mode="json")
    edit(data)
    new = Plan.model_validate(data).model_dump(mode="json")
    assert plan_changes(old, new) == expected


def test_the_same_plan_has_no_changes_and_defaults_written_out_are_none() -> None:
    data = sample_plan_data()
    full = Plan.model_validate(data).model_dump(mode="json")
    assert plan_changes(full, full) == []
    stored_before_new_fields = {k: v for k, v in full.items() if k != "document_kind"}
    for r in stored_before_new_fields["award_rounds"]:
        del r["outcome"], r["hand_in"]
    assert plan_changes(stored_before_new_fields, full) == []
