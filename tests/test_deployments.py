"""Deployments: the tick fires at 07:30 Vietnam time and never overlaps itself."""

from __future__ import annotations

from datetime import timedelta

from prefect.client.schemas.objects import ConcurrencyLimitStrategy

from deployments.local import deployments


def test_daily_tick_runs_at_0730_in_vietnam_and_one_at_a_time() -> None:
    by_name = {d.name: d for d in deployments()}
    assert set(by_name) == {"hang-ngay", "phat-dong", "tong-hop-bao-cao",
                            "hoi-dong-xet", "tong-ket", "tra-lai", "nhap-bao-cao-excel",
                            "nhap-khen-thuong-excel", "nhap-bao-cao", "nhap-ho-so", "gui-thu",
                            "gui-thu-dinh-ky", "so-van-ban", "nhap-ke-hoach-excel",
                            "ghi-quyet-dinh-cap-tren"}
    tick = by_name["hang-ngay"]
    assert tick.schedules is not None
    [schedule] = tick.schedules
    assert schedule.schedule.cron == "30 7 * * *"  # type: ignore[union-attr]
    assert schedule.schedule.timezone == "Asia/Ho_Chi_Minh"  # type: ignore[union-attr]
    limit = tick.concurrency_options
    assert tick.concurrency_limit == 1 and limit is not None
    assert limit.collision_strategy is ConcurrencyLimitStrategy.CANCEL_NEW
    assert by_name["phat-dong"].schedules == []


def test_the_outbox_is_sent_every_5_minutes_one_pass_at_a_time() -> None:
    by_name = {d.name: d for d in deployments()}
    scheduled = by_name["gui-thu-dinh-ky"]
    assert scheduled.schedules is not None
    [schedule] = scheduled.schedules
    assert schedule.schedule.interval == timedelta(minutes=5)  # type: ignore[union-attr]
    assert schedule.schedule.timezone == "Asia/Ho_Chi_Minh"  # type: ignore[union-attr]
    limit = scheduled.concurrency_options
    assert scheduled.concurrency_limit == 1 and limit is not None
    assert limit.collision_strategy is ConcurrencyLimitStrategy.CANCEL_NEW
    # The senders daily-tick starts side by side are a deployment without a limit.
    assert by_name["gui-thu"].concurrency_limit is None and by_name["gui-thu"].schedules == []


def test_ui_forms_have_vietnamese_help_and_no_internal_knobs() -> None:
    tick = next(d for d in deployments() if d.name == "hang-ngay")
    properties = tick._parameter_openapi_schema.properties  # the form the UI renders
    assert set(properties) == {"as_of", "campaigns"}  # now, senders: for scripts only
    assert "Ngày xử lý" in properties["as_of"]["description"]
    assert properties["as_of"]["title"] == "Ngày"


def test_intake_forms_show_vietnamese_titles_and_choices() -> None:
    by_name = {d.name: d for d in deployments()}
    schema = by_name["nhap-ho-so"]._parameter_openapi_schema
    form = schema.definitions["NominationForm"]["properties"]
    assert form["name"]["title"] == "Tên tập thể, họ tên cá nhân"
    assert schema.definitions["NomineeKind"]["enum"] == ["Tập thể", "Cá nhân"]
    assert "Hoàn thành xuất sắc nhiệm vụ" in schema.definitions["Rating"]["enum"]
    assert "description" not in schema.definitions["NomineeKind"]  # its docstring: English


def test_intake_forms_ask_in_the_order_staff_fill_them() -> None:
    by_name = {d.name: d for d in deployments()}
    nomination = by_name["nhap-ho-so"]._parameter_openapi_schema.definitions["NominationForm"]
    assert list(nomination["properties"])[:5] == ["campaign", "round_code", "unit", "kind",
                                                  "name"]
    assert list(nomination["properties"])[-1] == "actor"
    report = by_name["nhap-bao-cao"]._parameter_openapi_schema.definitions["UnitReportForm"]
    assert list(report["properties"]) == ["campaign", "unit", "period", "results", "narrative",
                                          "actor"]
