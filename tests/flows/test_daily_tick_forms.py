"""daily-tick prepares the units' forms in the week before the reminders that attach them, so
the reminder day's sending writes none (a real Prefect API, SMTP server and Zalo stand-in)."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from flows.daily_tick import daily_tick
from flows.import_plan import PlanFile, import_plan
from infra.database import get_engine, transaction
from models.choices import reported_targets
from models.deadline_calendar import ObligationKind, build_calendar
from models.form_days import FormNeed, first_notice, preparation_day
from models.plan import Plan
from tasks.forms.layout import form_path
from tasks.forms.plan_writer import write_plan_workbook
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.flows.deployment import World
from tests.plan_samples import store_launched

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _launched(world: World) -> Plan:
    """Seed plan 002 with its own round's nominations only (as test_daily_tick's world)."""
    plan = read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml")
    rounds = [r for r in plan.award_rounds if r.code == "tong-ket-2025"]
    plan = plan.model_copy(update={"reporting": None, "targets": [], "award_rounds": rounds})
    with transaction(get_engine(world.url)) as session:
        store_launched(session, plan, source="002", as_of=datetime(2025, 7, 1, tzinfo=VN))
    return plan


def test_the_week_before_prepares_the_forms_the_reminder_day_attaches(
        deployment: World) -> None:
    plan = _launched(deployment)
    owed = [o for o in build_calendar(plan) if o.kind is ObligationKind.NOMINATION]
    day = min(first for o in owed
              if (first := first_notice((r.day for r in o.reminders), o.effective_last_day,
                                        False)))
    due = [o for o in owed if min(r.day for r in o.reminders) == day]
    forms = {o.owner: form_path(deployment.folder / "forms", plan.code, o.key) for o in due}
    prepared_on = preparation_day(FormNeed(0, plan.code, due[0].key, day))

    assert daily_tick(as_of=prepared_on)["forms"] == len(due) > 0
    written = {unit: path.stat().st_mtime_ns for unit, path in forms.items()}
    assert daily_tick(as_of=prepared_on)["forms"] == 0  # once each

    assert daily_tick(as_of=day)["forms"] == 0
    attached = 0
    for message in deployment.smtp.box.messages:
        unit = next(u for u in plan.units if u.head.email == message["To"])
        [form] = [a for a in message.iter_attachments()
                  if str(a.get_filename()).endswith(".xlsx")]
        assert form.get_content() == forms[unit.code].read_bytes()
        attached += 1
    assert attached == len(due)
    assert {unit: path.stat().st_mtime_ns for unit, path in forms.items()} == written


def test_an_amended_plan_mails_the_form_of_its_new_text(deployment: World) -> None:
    """A form prepared from the plan, the plan amended through import-plan (a target's text
    changed): the prepared form goes with the commit, and the reminder carries the new text."""
    plan = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    with transaction(get_engine(deployment.url)) as session:
        store_launched(session, plan, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
    owed = [o for o in build_calendar(plan) if o.kind is ObligationKind.REPORT]
    report = next(o for o in owed if o.reminders and reported_targets(plan, o.owner))
    day = min(r.day for r in report.reminders)
    form = form_path(deployment.folder / "forms", plan.code, report.key)
    assert daily_tick(as_of=preparation_day(FormNeed(0, plan.code, report.key, day)))["forms"]
    target = reported_targets(plan, report.owner)[0]
    assert _texts(form.read_bytes()) >= {target.text}

    new_text = f"{target.text} (sửa đổi: thêm chỉ tiêu quý)"
    amended = plan.model_copy(update={"targets": [
        x.model_copy(update={"text": new_text}) if x.code == target.code else x
        for x in plan.targets]})
    write_plan_workbook(deployment.folder / "nhan" / "ke-hoach.xlsx", amended)
    said = import_plan(PlanFile(path="nhan/ke-hoach.xlsx"), now=datetime(2025, 11, 1, tzinfo=VN))
    assert said[0].startswith(f"{plan.code}: đã cập nhật")
    assert not form.exists()  # written from the old plan: gone with the amendment's commit

    daily_tick(as_of=day)
    carried = [a.get_content() for message in deployment.smtp.box.messages
               for a in message.iter_attachments() if a.get_filename() == form.name
               and message["To"] == plan.unit(report.owner).head.email]
    assert len(carried) == 1
    assert new_text in _texts(carried[0]) and target.text not in _texts(carried[0])
    assert carried[0] == form.read_bytes()  # written again by the sender, from the new plan


def _texts(workbook: bytes) -> set[str]:
    """Every text cell of a workbook's sheets."""
    book = load_workbook(BytesIO(workbook))
    return {cell.value for sheet in book.worksheets for row in sheet.iter_rows()
            for cell in row if isinstance(cell.value, str)}
