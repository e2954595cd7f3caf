"""What a played demo must show to be true: papers dated the day they were made, numbers
past those the plan cites, nothing dated before the plan, no reminder of work already done,
no wall clock anywhere (issue 21). Used by tests/flows/test_demo.py; the oracles here are
read from the plan file with their own patterns, not with the code under test."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from docx import Document
from sqlalchemy import Engine, select

from models.plan import Plan
from models.tables.base import AwareDateTime
from tests.flows.demo_story import Played
from thidua.demo_script import VN

DATELINE = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
# "Quyết định số 326/QĐ-UBND ngày 18/7/2025 của UBND xã Hồng Vân": number, symbol, date, issuer.
CITED = re.compile(r"số\s+(\d+)/([\wĐđ-]+)\s+ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")
# Whose paper it is: "của UBND xã Hồng Vân", or a bare "của UBND xã" (the commune's own).
OWNER = re.compile(r"của\s+(?:UBND|Ủy ban nhân dân)\s+(?:xã|phường)"
                   r"(\s+[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*)*)?")
OTHER = re.compile(r"của\s+(?:UBND|Ủy ban nhân dân|Hội đồng|Bộ|Chính phủ)"
                   r"\s*(?:tỉnh|thành phố|quận|huyện)?")
CITED_DATE = re.compile(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")


def plan_date(plan: Plan) -> date:
    """The earliest the plan can have been issued: its own date, else the latest of the papers
    it cites (its bases, and any "số …/… ngày …" in its text)."""
    cited = [date(int(y), int(m), int(d)) for basis in plan.legal_bases
             for d, m, y in CITED_DATE.findall(basis)]
    cited += [date(int(hit[5]), int(hit[4]), int(hit[3]))
              for text in _texts(plan.model_dump(mode="json")) for hit in CITED.finditer(text)]
    return max([*cited, *([plan.issued_on] if plan.issued_on else [])], default=date.min)


def cited_numbers(plan: Plan) -> dict[tuple[int, str], int]:
    """The highest number of each (year, symbol) the plan cites of its own issuer's papers."""
    found: dict[tuple[int, str], int] = {}
    for year, symbol, number, _day in own_papers(plan):
        found[(year, symbol)] = max(found.get((year, symbol), 0), number)
    return found


def own_papers(plan: Plan) -> set[tuple[int, str, int, date]]:
    """(year, symbol, number, date) of each paper of its own issuer the plan cites anywhere in
    its text (bases, notes, tasks), and its own number and date."""
    found = set()
    for text in _texts(plan.model_dump(mode="json")):
        hits = list(CITED.finditer(text))
        for i, hit in enumerate(hits):
            after = text[hit.end():hits[i + 1].start() if i + 1 < len(hits) else None]
            by = OWNER.search(after)
            if by and (by[1] is None or plan.commune.name in by[1]) and not OTHER.search(
                    after[:by.start()]):
                day = date(int(hit[5]), int(hit[4]), int(hit[3]))
                found.add((day.year, hit[2], int(hit[1]), day))
    if plan.number and plan.issued_on and "/" in plan.number:
        number, symbol = plan.number.split("/", 1)
        if number.strip().isdigit():
            found.add((plan.issued_on.year, symbol.strip(), int(number), plan.issued_on))
    return found


def _texts(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [t for v in data.values() for t in _texts(v)]
    if isinstance(data, list):
        return [t for v in data for t in _texts(v)]
    return []


def dateline(path: Path) -> date | None:
    """The place-and-date line of a Word paper (an annex to the plan has none)."""
    document = Document(str(path))
    texts = [c.text for table in document.tables for row in table.rows for c in row.cells]
    texts += [p.text for p in document.paragraphs]
    for text in texts:
        if text.strip().startswith(tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZĐÂƠƯ")) and (
                hit := DATELINE.search(text)):
            return date(int(hit[3]), int(hit[2]), int(hit[1]))
    return None


def paper_days(plan: Plan, documents: Path, story: Played) -> list[str]:
    """Each paper whose date is not the day the demo made it, or before the plan."""
    wrong = []
    earliest = plan_date(plan)
    folder = documents / plan.code
    for paper in sorted(folder.rglob("*.docx")):
        made = dateline(paper)
        expected = _made_on(plan, paper.relative_to(folder), story)
        if made is None:
            if expected != story.launch:  # only the plan's annex goes undated
                wrong.append(f"{paper.name}: no date")
            continue
        if expected is not None and made != expected:
            wrong.append(f"{paper.name}: dated {made}, made {expected}")
        if made < earliest:
            wrong.append(f"{paper.name}: dated {made}, before the plan ({earliest})")
    return wrong


def _made_on(plan: Plan, paper: Path, story: Played) -> date | None:
    name = paper.name
    if name.startswith("bao-cao-tong-ket"):
        return story.summary
    if len(paper.parts) == 2 and name.startswith("bao-cao-"):
        # The last of the draft (the tick, the day after the units' date), the final one
        # to the level above, and the reports compiled again after a late one.
        return max(story.compiled.get(paper.parts[0], [date.min]))
    if len(paper.parts) == 2 and paper.parts[0] in story.councils:
        return story.councils[paper.parts[0]]
    if len(paper.parts) == 1:
        return story.launch  # the plan's own paper goes out with the launch
    return None


def numbers(engine: Engine, plan: Plan) -> list[str]:
    """Each issued number not past those the plan cites, or running backwards in time."""
    from models import tables as t

    cited, known = cited_numbers(plan), own_papers(plan)
    wrong = []
    books: dict[tuple[int, str], list[tuple[int, date]]] = defaultdict(list)
    with engine.connect() as c:
        d, commune = _columns(t.Decision), _columns(t.Commune)
        rows = c.execute(select(d.year, d.symbol, d.seq, d.issued_on)
                         .join_from(t.Decision, t.Commune, d.commune_id == commune.id)
                         .where(commune.name == plan.commune.name)).all()
    for year, symbol, seq, issued in rows:
        books[(year, symbol)].append((seq, issued))
        if (year, symbol, seq, issued) in known:
            continue  # the cited paper itself, as the book knows it
        if seq <= cited.get((year, symbol), 0):
            wrong.append(f"{seq}/{symbol} {year}: the plan cites {cited[(year, symbol)]}")
    for book, taken in books.items():
        taken.sort()
        seqs = [s for s, _ in taken]
        if len(seqs) != len(set(seqs)):
            wrong.append(f"{book}: a number twice")
        if [d for _, d in taken] != sorted(d for _, d in taken):
            wrong.append(f"{book}: numbers run backwards in time {taken}")
    return wrong


def stamps_outside(engine: Engine, days: set[date]) -> list[str]:
    """Every moment stored in the database that is not on a day the demo played (a retry or
    a claim may run a little past its day; a due moment is the plan's, not the clock's)."""
    from sqlmodel import SQLModel

    low = datetime.combine(min(days), time(0), tzinfo=VN)
    high = datetime.combine(max(days) + timedelta(days=2), time(0), tzinfo=VN)
    wrong = []
    with engine.connect() as c:
        for table in SQLModel.metadata.sorted_tables:
            for column in table.columns:
                if not isinstance(column.type, AwareDateTime):
                    continue
                for (moment,) in c.execute(select(column).where(column.is_not(None))):
                    on_a_day = moment.astimezone(VN).date() in days
                    if not low <= moment < high or (column.name in CLOCKED and not on_a_day):
                        wrong.append(f"{table.name}.{column.name} = {moment}")
    return wrong


CLOCKED = {"created_at", "sent_at", "submitted_at", "recorded_at", "at", "added_at",
           "loaded_at", "updated_at", "launched_at", "compiled_at", "fulfilled_at"}


def mail_outside(mail: Iterable[EmailMessage], days: set[date]) -> list[str]:
    """Every mail whose Date header is not a day the demo played."""
    return [f"{m['Subject']}: Date {m['Date']}" for m in mail
            if parsedate_to_datetime(str(m["Date"])).astimezone(VN).date() not in days]


def told_after_done(engine: Engine, campaign: str, councils: dict[str, date]) -> list[str]:
    """Every reminder, overdue notice or escalation line queued after its work was done (a
    round's review is done the day its council met, whatever the records say)."""
    from models import tables as t

    with engine.connect() as c:
        o, u, m = _columns(t.Obligation), _columns(t.Unit), _columns(t.OutboxMessage)
        done = {(key, unit, what): at for key, unit, what, at in c.execute(
            select(o.campaign_id.concat("|").concat(o.key), u.name, o.what, o.fulfilled_at)
            .join_from(t.Obligation, t.Unit, (u.campaign_id == o.campaign_id)
                       & (u.code == o.unit_code))
            .where(o.fulfilled_at.is_not(None) | o.key.startswith("council_review:")))}
        mine = c.execute(select(_columns(t.Campaign).id).where(
            _columns(t.Campaign).code == campaign)).scalar_one()
        rows = c.execute(select(m.message_kind, m.campaign_id.concat("|").concat(
            m.obligation_key), m.body, m.created_at)).all()
    for (key, unit, what), at in list(done.items()):
        held, _, code = key.partition("|council_review:")
        if held == str(mine) and code in councils:
            met = datetime.combine(councils[code] + timedelta(days=1), time(0), tzinfo=VN)
            done[(key, unit, what)] = min(at or met, met)
        elif at is None:
            del done[(key, unit, what)]
    by_key = {key: at for (key, _u, _w), at in done.items()}
    wrong = []
    for kind, key, body, created in rows:
        if kind == "escalation":
            for (okey, unit, what), at in done.items():
                if created >= at and f"- {unit}: {what} – hạn" in body:
                    wrong.append(f"escalation {created:%d/%m/%Y} lists {okey}, done {at:%d/%m/%Y}")
        elif kind in TOLD and key in by_key and created >= by_key[key]:
            wrong.append(f"{kind} {key} at {created:%d/%m/%Y}, done {by_key[key]:%d/%m/%Y}")
    return wrong


def _columns(table: type) -> Any:
    return table.__table__.c  # type: ignore[attr-defined]


TOLD = {"report_due", "nomination_open", "nomination_closing", "task_due", "report_overdue",
        "task_overdue"}
