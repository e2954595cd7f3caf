"""`thidua demo PLAN`: a seed campaign run on a simulated calendar, told as a short story."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from models.calendar import build_calendar
from models.notices import escalation, unit_notices
from models.plan import Plan
from models.vn_text import fmt_day
from thidua.demo_servers import MailSink, ZaloStandIn

VN = ZoneInfo("Asia/Ho_Chi_Minh")
AFTER_WINDOW = timedelta(days=20)  # keep ticking a little after the end: overdue notices


def event_days(plan: Plan) -> list[date]:
    """Days on which the tick has something to say when nothing is ever submitted."""
    calendar, policy = build_calendar(plan), plan.reminders
    day, end, found = plan.window.start, plan.window.end + AFTER_WINDOW, []
    seen: set[tuple[str, str]] = set()
    while day <= end:
        steps = {(n.obligation.key, n.step) for n in unit_notices(calendar, day, set(), policy)}
        esc = escalation(calendar, day, set(), policy)
        if esc is not None:
            steps.add(("escalation", esc.step))
        if steps - seen:
            found.append(day)
            seen |= steps
        day += timedelta(days=1)
    return found


def _configure(output: Path, sink: MailSink, zalo: ZaloStandIn) -> None:
    data = output / "data"
    data.mkdir(parents=True, exist_ok=True)
    (output / "notify.yaml").write_text(
        f"email: mailto://127.0.0.1:{sink.port}?from=cchc@demo.example.vn"
        "&name=UBND (demo)&mode=insecure\n"
        f"zalo_oa: zalooa://demo:demo-secret@1?api={zalo.url}&oauth={zalo.url}"
        f"&tokens={data / 'zalo-tokens.json'}\n", encoding="utf-8")
    os.environ.update({"THIDUA_DATA_DIR": str(data),
                       "THIDUA_NOTIFY_CONFIG": str(output / "notify.yaml"),
                       "THIDUA_DATABASE_URL": f"sqlite:///{data / 'thidua.db'}"})


def run_demo(plan_path: Path, output: Path) -> Iterator[str]:
    """Launch the plan, tick through its calendar, and yield one line of story per event."""
    from flows.daily_tick import daily_tick
    from flows.launch_campaign import launch_campaign
    from notifications.secrets import Masker
    from notifications.zalo_tokens import TokenStore
    from tasks.database import dispose_engines
    from tasks.plan_files import read_plan
    from tasks.settings import get_settings

    plan = read_plan(plan_path)
    shutil.rmtree(output, ignore_errors=True)
    with MailSink(output / "mail") as sink, ZaloStandIn(output / "zalo.jsonl") as zalo:
        _configure(output, sink, zalo)
        get_settings.cache_clear()
        dispose_engines()
        TokenStore(output / "data" / "zalo-tokens.json", "demo", "demo-secret", zalo.url,
                   Masker()).seed("demo-refresh")
        start = datetime.combine(plan.window.start, time(8, 0), tzinfo=VN)
        launched = launch_campaign(str(plan_path), now=start)
        yield (f"{fmt_day(plan.window.start)}: phát động {plan.issuer} – {plan.title}: "
               f"{launched['claimed']} tin đến {len(plan.units)} đơn vị.")
        for day in event_days(plan):
            mails, calls = sink.count, zalo.count
            daily_tick(as_of=day, now=datetime.combine(day, time(7, 30), tzinfo=VN))
            subjects = Counter(_subjects(output / "mail", mails, sink.count))
            told = "; ".join(f"{n} × {s}" for s, n in subjects.most_common(3))
            yield (f"{fmt_day(day)}: {sink.count - mails} email, {zalo.count - calls} Zalo"
                   f" — {told}")
        yield (f"Tổng cộng {sink.count} email (thư mục {output / 'mail'}), {zalo.count} tin "
               f"Zalo ({output / 'zalo.jsonl'}).")


def _subjects(folder: Path, before: int, after: int) -> Iterator[str]:
    from email import message_from_bytes, policy

    for n in range(before + 1, after + 1):
        message = message_from_bytes((folder / f"{n:05d}.eml").read_bytes(),
                                     policy=policy.default)
        subject = str(message["Subject"])
        yield subject.split("]")[0] + "]" if "]" in subject else subject
