"""A synthetic nation of communes for the scale benchmarks, deterministic by seed.

    .venv/bin/python bench/nation.py N [--seed S] [--as-of dd/mm/yyyy] [--url URL]

Each commune has 15–40 units (offices, centres, mass organisations, residential groups),
eight targets, ten plan tasks, quarterly reports from every unit and one annual award
round; its campaign state at `as_of` has most past reports in (some late), some future ones
early, and part of the dossiers submitted. Loads into THIDUA_DATABASE_URL or --url.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, bindparam, insert, select, text, update
from sqlmodel import col

from infra.database import get_engine, transaction, upgrade
from models import tables as t
from models.keys import parse_key
from models.plan import Plan
from tasks.plans.store import store_plan
from tasks.records.choices import mark_launched

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLACES = ("An Bình", "Tân Phú", "Hòa Lạc", "Phú Lợi", "Thanh Xuân", "Đông Hưng", "Nghĩa Đàn",
          "Quỳnh Lưu", "Yên Thế", "Hải Châu", "Bình Minh", "Long Hòa", "Kim Sơn", "Hương Trà")
KINDS = ("office", "centre", "front", "village")
TASK_DUES = ("Trong tháng 3/2026", "Quý II/2026", "Quý III/2026", "6 tháng cuối năm 2026",
             "Trong tháng 10/2026", "Quý IV/2026", "Trong tháng 5/2026", "Trong tháng 8/2026",
             "Thường xuyên", "Trong tháng 11/2026")


def commune_plan(index: int, rng: random.Random) -> dict[str, Any]:
    """One commune's plan as its YAML file would hold it."""
    place = f"{PLACES[index % len(PLACES)]} {index:04d}"
    domain = f"x{index:04d}.example.vn"
    units = [{"code": "VP", "name": "Văn phòng HĐND và UBND", "kind": "office",
              "head": {"title": "Chánh Văn phòng", "email": f"vp@{domain}",
                       "zalo_user_id": f"9{index:06d}0000"}}]
    for n in range(1, rng.randint(15, 40)):
        kind = KINDS[min(n // 6, 3)]
        head: dict[str, Any] = {"title": "Trưởng đơn vị", "email": f"u{n:02d}@{domain}"}
        if rng.random() < 0.7:
            head["zalo_user_id"] = f"9{index:06d}{n:04d}"
        units.append({"code": f"U{n:02d}", "name": f"Đơn vị {n:02d} {place}", "kind": kind,
                      "head": head})
    codes = [u["code"] for u in units]
    deadline = rng.choice(("chậm nhất ngày 30/11/2026", "trước ngày 15/12/2026"))
    return {
        "code": f"cchc-2026-{index:04d}", "title": f"Thi đua CCHC năm 2026 – {place}",
        "commune": {"name": place, "kind": "xã", "province": "Tỉnh Thử Nghiệm"},
        "issuer": f"UBND xã {place}", "signer": {"title": "CHỦ TỊCH", "name": "Nguyễn Văn A"},
        "chairman": {"title": "Chủ tịch UBND xã", "email": f"chutich@{domain}"},
        "window": {"start": "01/01/2026", "end": "31/12/2026"}, "standing_office": "VP",
        "units": units,
        "reporting": {"periods": ["Q1", "H1", "9M", "YEAR"], "recipient": "UBND xã"},
        "award_rounds": [{"code": "hang-nam-2026", "kind": "annual",
                          "title": "Khen thưởng CCHC năm 2026", "nomination_deadline": deadline,
                          "receiving_unit": "VP", "award": "Giấy khen của Chủ tịch UBND xã",
                          "quota": {"collectives": 5, "individuals": 10}}],
        "targets": [{"code": f"T{k:02d}", "text": f"Chỉ tiêu {k:02d}", "metric": f"m{k:02d}",
                     "comparator": ">=", "threshold": 80 + k, "unit": "%",
                     "owner": rng.choice([None, *codes])} for k in range(1, 9)],
        "tasks": [{"no": k, "content": f"Nhiệm vụ {k}", "lead": rng.choice(codes),
                   "due": TASK_DUES[k - 1]} for k in range(1, 11)],
        "reminders": {"escalation": {"to": ["VP"], "notify_chairman": True}},
    }


def build(n: int, seed: int = 1) -> list[Plan]:
    """N commune plans, the same for the same seed."""
    rng = random.Random(seed)
    return [Plan.model_validate(commune_plan(i, rng)) for i in range(1, n + 1)]


def load(engine: Engine, plans: list[Plan], as_of: date, seed: int = 1) -> None:
    """Store the plans and a campaign state at `as_of` (reports and dossiers partly in)."""
    store(engine, plans)
    set_state(engine, as_of, seed)


def store(engine: Engine, plans: list[Plan]) -> None:
    """Store and launch the plans, nothing done yet (the slow part: one plan at a time)."""
    launched = datetime(2026, 1, 5, 8, tzinfo=VN)
    for plan in plans:
        with transaction(engine) as session:
            store_plan(session, plan, source="nation", as_of=launched)
        mark_launched(engine, plan.code, launched)  # the tick acts on launched campaigns only


def set_state(engine: Engine, as_of: date, seed: int = 1) -> None:
    """The campaign state at `as_of` over stored, untouched plans (cheap: a few statements)."""
    rng = random.Random(seed)
    with transaction(engine) as session:
        # Rows are drawn against one random stream, so their order is part of the data:
        # without ORDER BY, SQLite and PostgreSQL hand them over differently.
        o = t.Obligation
        rows = session.execute(select(col(o.id), col(o.campaign_id), col(o.kind),
                                      col(o.unit_code), col(o.key), col(o.effective_last_day))
                               .order_by(col(o.id))).all()
        units = {(c, code): uid for uid, c, code in session.execute(
            select(col(t.Unit.id), col(t.Unit.campaign_id), col(t.Unit.code))).all()}
        done, reports = [], []
        for oid, campaign, kind, unit, key, last in rows:
            if kind == "nomination" or (last >= as_of and rng.random() > 0.1):
                continue
            if last < as_of and rng.random() > 0.8:  # one in five still owes it
                continue
            at = datetime.combine(last - timedelta(days=rng.randint(-3, 5)),
                                  datetime.min.time(), VN).replace(hour=9)
            done.append({"oid": oid, "at": at})
            if kind == "report":
                reports.append({"campaign_id": campaign, "period_code": parse_key(key).subject,
                                "unit_id": units[(campaign, unit)], "submitted_at": at,
                                "late": at.date() > last, "source": "bench"})
        table = t.Obligation.__table__  # type: ignore[attr-defined]
        connection = session.connection()
        if done:
            connection.execute(update(table).where(table.c.id == bindparam("oid")).values(
                status="done", fulfilled_at=bindparam("at")), done)
        if reports:
            connection.execute(insert(t.UnitReport.__table__), [  # type: ignore[attr-defined]
                {"version": 1, "superseded": False, "status": "submitted", **r}
                for r in reports])
        # A running system compiled each period the day after its deadline.
        periods = t.ReportingPeriod.__table__  # type: ignore[attr-defined]
        for code, month in (("2026-Q1", 3), ("2026-H1", 6), ("2026-9M", 9), ("2026-YEAR", 12)):
            if date(2026, month, 11) < as_of:
                connection.execute(update(periods).where(periods.c.code == code).values(
                    compiled_at=datetime.combine(date(2026, month, 11), datetime.min.time(),
                                                 VN)))
    if engine.dialect.name == "postgresql":
        # PostgreSQL plans from statistics, which a bulk load leaves stale until autovacuum
        # gets to it: planned on an empty table, the tick's query takes 1 s instead of 20 ms.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", default="20/06/2026")
    parser.add_argument("--url", default=None)
    args = parser.parse_args()
    url = args.url or f"sqlite:///bench/.nation-{args.n}-{args.seed}.db"
    day, month, year = (int(x) for x in args.as_of.split("/"))
    started = time.perf_counter()
    upgrade(url)
    plans = build(args.n, args.seed)
    load(get_engine(url), plans, date(year, month, day), args.seed)
    print(f"{args.n} communes, {sum(len(p.units) for p in plans)} units loaded into {url} "
          f"in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
