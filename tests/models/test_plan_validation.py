"""A bad plan is refused with every problem, each as `field.path: what (nhận được X)`."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from models.plan_validation import validate_plan
from tests.plan_samples import Edit, sample_plan_data, set_at as _set


def _add_unit(code: str) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        data["units"].append({"code": code, "name": "Bản sao", "kind": "office",
                              "head": {"title": "Trưởng phòng"}})
    return edit


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_set("window.start", "31/02/2025"),
         "window.start: không có ngày này trong lịch (nhận được '31/02/2025')"),
        (_set("award_rounds.0.nomination_deadline", "trước ngày 31/02/2025"),
         "award_rounds[0].nomination_deadline: không có ngày này trong lịch "
         "(nhận được 'trước ngày 31/02/2025')"),
        (_set("award_rounds.0.nomination_deadline", "trước ngày 15/01/2026"),
         "award_rounds[0].nomination_deadline: ngày này nằm ngoài thời gian của kế hoạch "
         "01/07/2025–31/12/2025 (window); hãy ghi một ngày trong khoảng đó "
         "(nhận được 'trước ngày 15/01/2026')"),
        (_set("tasks.0.lead", "PTP"),
         "tasks[0].lead: không có đơn vị mã này trong units; các mã đã khai: VHXH, KT, TTPVHCC "
         "(nhận được 'PTP')"),
        (_set("tasks.0.cooperating", ["KT", "TCKH"]),
         "tasks[0].cooperating[1]: không có đơn vị hay nhóm mã này; các mã đã khai: VHXH, KT, "
         "TTPVHCC (nhận được 'TCKH')"),
        (_set("tasks.0.cooperating", "KT"),
         "tasks[0].cooperating: giá trị không hợp lệ; hãy ghi all (tất cả đơn vị) hoặc một "
         "danh sách, ví dụ [VP, KT] (nhận được 'KT')"),
        (_set("tasks.0.done", "31/02/2025"),
         "tasks[0].done: không có ngày này trong lịch; hoặc ghi at_launch (xong khi ban hành "
         "kế hoạch) (nhận được '31/02/2025')"),
        (_set("award_rounds.0.quota.collectives", -1),
         "award_rounds[0].quota.collectives: phải từ 0 trở lên (nhận được -1)"),
        (_set("award_rounds.0.quota", 5),
         "award_rounds[0].quota: cần một nhóm mục con, mỗi mục một dòng dạng 'tên: giá trị' "
         "(nhận được 5)"),
        (_add_unit("KT"), "units[3].code: trùng mã đơn vị đã ghi ở units[1]; mỗi mã đơn vị chỉ "
         "ghi một lần (nhận được 'KT')"),
        (_set("reporting.periods", ["Q1", "YEAR"]),
         "reporting.periods[0]: không có báo cáo kỳ này đến hạn trong thời gian của kế hoạch "
         "01/07/2025–31/12/2025; hãy bỏ kỳ này (nhận được 'Q1')"),
        (_set("standing_office", "VP"),
         "standing_office: không có đơn vị mã này trong units; các mã đã khai: VHXH, KT, "
         "TTPVHCC (nhận được 'VP')"),
        (_set("window.end", "30/06/2025"),
         "window.end: ngày kết thúc trước ngày bắt đầu 01/07/2025; cần ngày từ 01/07/2025 trở "
         "đi (nhận được '30/06/2025')"),
        (_set("units.1.head.phone", "12345"),
         "units[1].head.phone: số di động Việt Nam chưa đúng; ghi như 0912345678 hoặc "
         "84912345678 (nhận được '12345')"),
        (_set("units.1.head.email", "not-an-email"),
         "units[1].head.email: địa chỉ thư điện tử chưa đúng; ghi như vanphong@xa.gov.vn "
         "(nhận được 'not-an-email')"),
        (_set("units.1.code", "Phòng KT"),
         "units[1].code: mã viết liền không dấu, chỉ gồm chữ, số và _ . - (ví dụ VHXH, "
         "tong-ket-2025) (nhận được 'Phòng KT')"),
        (_set("units.1.kind", "ministry"),
         "units[1].kind: không có trong danh sách; hãy ghi một trong: office (phòng, ban, văn "
         "phòng), centre (trung tâm, đơn vị sự nghiệp), front (Mặt trận Tổ quốc, các đoàn "
         "thể), village (thôn, xóm, tổ dân phố), party (Đảng ủy và các ban), other (khác) "
         "(nhận được 'ministry')"),
        (_set("document_kind", "Quyết định"),
         "document_kind: không có trong danh sách; hãy ghi một trong: Kế hoạch, Thông báo, "
         "Hướng dẫn, Chương trình, Phương án (nhận được 'Quyết định')"),
        (_set("award_rounds.0.nomination_deadlin", "trước ngày 30/11/2025"),
         "award_rounds[0].nomination_deadlin: không có mục này trong mẫu; có phải ý là "
         "'nomination_deadline'? (nhận được 'trước ngày 30/11/2025')"),
        (_set("tasks.0.due", "cuối năm"), "tasks[0].due: không đọc được thời hạn; hãy ghi như "
         "kế hoạch in: 'chậm nhất ngày 10/12/2025'"),
        (_set("tasks.0.due", 5), "tasks[0].due: cần một thời hạn như kế hoạch ghi, ví dụ "
         "'chậm nhất ngày 10/12/2025' (nhận được 5)"),
        (_set("award_rounds.0.nomination_deadline", None),
         "award_rounds[0].nomination_deadline: đợt khen thưởng theo kế hoạch cần hạn nộp hồ sơ; "
         "nếu kế hoạch để hướng dẫn sau, ghi hạn dự kiến kèm '(dự kiến)', ví dụ 'trước ngày "
         "30/11/2025 (dự kiến)' (chưa ghi)"),
        (_set("reminders", {"days_before": [3, 3]}),
         "reminders.days_before: số ngày nhắc trước bị lặp; mỗi số ghi một lần "
         "(nhận được [3, 3])"),
        (_set("reminders", {"days_before": 3}),
         "reminders.days_before: cần một danh sách, ví dụ [7, 3, 1] (nhận được 3)"),
        (_set("groups", [{"code": "KT", "name": "Các phòng", "units": ["VHXH"]}]),
         "groups[0].code: mã nhóm trùng mã một đơn vị; hãy đặt mã nhóm khác mọi mã đơn vị "
         "(nhận được 'KT')"),
        (_set("groups", [{"code": "phong", "name": "Các phòng", "units": ["VHXH", "TCKH"]}]),
         "groups[0].units[1]: không có đơn vị mã này trong units"),
        (_set("targets", [{"code": "T1", "text": "Hồ sơ đúng hạn", "metric": "on_time",
                           "comparator": ">=", "threshold": 90, "unit": "%", "owner": "VHXH"}]),
         "targets[0].owner: đơn vị này không gửi báo cáo nên chỉ tiêu không đo được"),
        (_set("reporting.units_due", {"day_of_last_month": 12}),
         "reporting.units_due: hạn của các đơn vị không được muộn hơn hạn báo cáo của xã"),
        (_set("reporting.reports", [{"code": "tk", "title": "Báo cáo tổng kết",
                                     "due": "trước ngày 15/01/2026"}]),
         "reporting.reports[0].due: ngày này nằm ngoài thời gian của kế hoạch"),
        (_set("title", "  "), "title: không được để trống (nhận được '  ')"),
    ],
    ids=lambda v: v.split(":")[0] if isinstance(v, str) else None,
)
def test_each_problem_is_named_where_it_is(
    plan_data: dict[str, Any], edit: Edit, expected: str
) -> None:
    edit(plan_data)
    plan, problems = validate_plan(plan_data)
    assert plan is None
    rendered = [p.render("f.yaml") for p in problems]
    assert any(line.startswith(f"f.yaml: {expected}") for line in rendered), rendered


def test_missing_field_is_reported(plan_data: dict[str, Any]) -> None:
    del plan_data["title"]
    _, problems = validate_plan(plan_data)
    assert [p.render("f") for p in problems] == ["f: title: mục bắt buộc (chưa ghi)"]


def test_every_problem_is_listed_at_once(plan_data: dict[str, Any]) -> None:
    plan_data["units"][1]["head"]["phone"] = "12"
    _add_unit("VHXH")(plan_data)
    plan_data["tasks"][0]["lead"] = "NOPE"
    plan_data["award_rounds"][0]["quota"]["individuals"] = -2
    plan_data["window"]["start"] = "31/02/2025"
    _, problems = validate_plan(plan_data)
    paths = {p.path for p in problems}
    assert {"units[1].head.phone", "units[3].code", "tasks[0].lead",
            "award_rounds[0].quota.individuals", "window.start"} <= paths


def test_text_is_normalised_to_nfc(plan_data: dict[str, Any]) -> None:
    nfd: dict[str, Any] = {k: unicodedata.normalize("NFD", v) if isinstance(v, str) else v
                           for k, v in plan_data.items()}
    nfd["units"][0]["name"] = unicodedata.normalize("NFD", "Phòng Văn hóa – Xã hội")
    plan, problems = validate_plan(nfd)
    assert problems == [] and plan is not None
    assert plan.title == unicodedata.normalize("NFC", plan_data["title"])
    assert plan.units[0].name == "Phòng Văn hóa – Xã hội"
    assert unicodedata.is_normalized("NFC", plan.commune.name)


def test_valid_plan_has_no_problems(plan_data: dict[str, Any]) -> None:
    plan, problems = validate_plan(plan_data)
    assert problems == []
    assert plan is not None and plan.units[1].code == "KT"


def test_phone_is_stored_in_international_form(plan_data: dict[str, Any]) -> None:
    plan_data["units"][1]["head"]["phone"] = "0912 345 678"
    plan, _ = validate_plan(plan_data)
    assert plan is not None and plan.units[1].head.phone == "84912345678"


def test_a_group_stands_for_its_units(plan_data: dict[str, Any]) -> None:
    plan_data["groups"] = [{"code": "phong", "name": "Các phòng", "units": ["KT", "VHXH"]}]
    plan_data["tasks"][0]["cooperating"] = ["phong"]
    plan_data["reporting"]["reporters"] = ["phong", "TTPVHCC"]
    plan, problems = validate_plan(plan_data)
    assert plan is not None, problems
    assert plan.members(["phong"]) == ["VHXH", "KT"]  # in the plan's unit order
    assert plan.name_of("phong") == "Các phòng" and plan.name_of("KT") == "Phòng Kinh tế"


CITES_326 = ("Quyết định số 326/QĐ-UBND ngày 18/7/2025 của UBND xã Vĩnh Thủy về việc ban hành "
             "Kế hoạch cải cách hành chính")


def test_a_round_dated_before_the_paper_the_plan_rests_on_is_refused() -> None:
    data = sample_plan_data() | {"legal_bases": [CITES_326]}
    data["award_rounds"][0]["nomination_deadline"] = "trước ngày 10/07/2025"
    plan, problems = validate_plan(data)
    assert plan is None
    assert [p.render("ke-hoach.yaml") for p in problems] == [
        "ke-hoach.yaml: award_rounds[0].nomination_deadline: ngày này trước ngày của kế hoạch "
        "18/07/2025 (kế hoạch dẫn chiếu Quyết định số 326/QĐ-UBND ngày 18/07/2025 tại "
        "legal_bases[0], nên không ban hành trước ngày đó); cần ngày từ 18/07/2025 trở đi "
        "(nhận được 'trước ngày 10/07/2025')"]


def test_a_plan_issued_before_a_paper_it_cites_is_refused() -> None:
    data = sample_plan_data() | {"legal_bases": [CITES_326], "issued_on": "15/07/2025"}
    plan, problems = validate_plan(data)
    assert plan is None
    assert [(p.path, p.got) for p in problems] == [("issued_on", "15/07/2025")]
    assert "cần ngày từ 18/07/2025 trở đi" in problems[0].message


def test_a_round_after_the_plans_date_passes() -> None:
    data = sample_plan_data() | {"legal_bases": [CITES_326], "issued_on": "20/07/2025"}
    plan, problems = validate_plan(data)
    assert plan is not None and problems == []
