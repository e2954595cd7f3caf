"""Read what the campaigns' boards show: every obligation with when it was met, what was sent
back, the dossiers sent, and the day's messages per channel. A few queries for all of them."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import Engine, func, select
from sqlmodel import Session, col

from infra.database import transaction
from models import tables as t
from models.board import Facts, Owed, Sent
from models.board_dossiers import Dossier, newest_round_first
from models.board_messages import CHANNEL_ORDER
from models.deadline_calendar import VN_TZ
from models.keys import nomination_key, report_key
from models.periods import Period
from models.plan import PeriodKind
from models.tables.outbox import WAITING as OUTBOX_WAITING, OutboxStatus
from tasks.records.channel_trouble import read_troubles

WAITING = tuple(status.value for status in OUTBOX_WAITING)  # a send with no answer among them
PERIOD_KINDS = {kind.value for kind in PeriodKind}
PART = 200  # campaigns per read, as the tick composes its messages (flows/sending.py)


def read_facts(engine: Engine, codes: Sequence[str], as_of: date) -> Iterator[Facts]:
    """What each named campaign's board is built from, in the order named (unknown codes are
    left out); the messages are those of `as_of`, Vietnam time. Read PART campaigns at a
    time: a national tick holds a part's obligations in memory, never the nation's."""
    for first in range(0, len(codes), PART):
        yield from _read_part(engine, codes[first:first + PART], as_of)


def _read_part(engine: Engine, codes: Sequence[str], as_of: date) -> list[Facts]:
    start = datetime.combine(as_of, time(), tzinfo=VN_TZ)
    end = start + timedelta(days=1)
    with transaction(engine) as session:
        campaigns = session.execute(
            select(col(t.Campaign.id), col(t.Campaign.code), col(t.Campaign.title),
                   col(t.Campaign.status), col(t.Commune.kind), col(t.Commune.name),
                   col(t.Campaign.standing_office), col(t.Campaign.document_kind))
            .join(t.Commune, col(t.Commune.id) == col(t.Campaign.commune_id))
            .where(col(t.Campaign.code).in_(set(codes)))).all()
        ids = [c[0] for c in campaigns]
        units = session.execute(
            select(col(t.Unit.campaign_id), col(t.Unit.id), col(t.Unit.code), col(t.Unit.name))
            .where(col(t.Unit.campaign_id).in_(ids)).order_by(col(t.Unit.id))).all()
        office_of = {c[0]: c[6] for c in campaigns}
        offices = {c: name for c, _, code, name in units if office_of[c] == code}
        periods = session.execute(select(t.ReportingPeriod).where(
            col(t.ReportingPeriod.campaign_id).in_(ids))).scalars().all()
        owed = session.execute(select(
            col(t.Obligation.campaign_id), col(t.Obligation.key), col(t.Obligation.unit_code),
            col(t.Obligation.what), col(t.Obligation.effective_last_day), col(t.Obligation.due_at),
            col(t.Obligation.status), col(t.Obligation.fulfilled_at))
            .where(col(t.Obligation.campaign_id).in_(ids))
            .order_by(col(t.Obligation.effective_last_day), col(t.Obligation.id))).all()
        returned = session.execute(select(
            col(t.UnitReport.campaign_id), col(t.UnitReport.period_code), col(t.UnitReport.unit_id))
            .where(col(t.UnitReport.campaign_id).in_(ids),
                   col(t.UnitReport.superseded).is_(False),
                   col(t.UnitReport.status) == "returned")).all()
        dossiers = session.execute(select(
            col(t.AwardRound.campaign_id), col(t.AwardRound.code), col(t.Nomination.unit_id),
            col(t.Nomination.status), col(t.Nomination.id), col(t.Nomination.name))
            .join(t.AwardRound, col(t.AwardRound.id) == col(t.Nomination.round_id))
            .where(col(t.AwardRound.campaign_id).in_(ids),
                   col(t.Nomination.superseded).is_(False))).all()
        messages = _messages(session, ids, start, end)
        troubles = read_troubles(session, offices, end)
    unit_code = {unit_id: code for _, unit_id, code, _ in units}
    unit_name = {unit_id: name for _, unit_id, _, name in units}
    sent_back = {(c, report_key(p, unit_code[u])) for c, p, u in returned}
    count: Counter[tuple[int, str]] = Counter()
    listed: dict[int, list[Dossier]] = defaultdict(list)
    for c, round_code, u, status, number, name in dossiers:
        key = nomination_key(round_code, unit_code[u])
        count[(c, key)] += 1
        listed[c].append(Dossier(round_code, number, name, unit_name[u], status))
        if status == "returned":
            sent_back.add((c, key))
    by_campaign: dict[int, list[Owed]] = defaultdict(list)
    for c, key, unit, what, last, due_at, status, fulfilled_at in owed:
        by_campaign[c].append(Owed(key, unit, what, last, due_at, fulfilled_at,
                                   status != "open", (c, key) in sent_back, count[(c, key)]))
    named = {code: (c, title, status, f"UBND {kind} {name}", paper)
             for c, code, title, status, kind, name, _, paper in campaigns}
    return [Facts(code, title, status, issuer,
                  tuple((u, n) for cid, _, u, n in units if cid == c),
                  {p.code: _label(p) for p in periods
                   if p.campaign_id == c and p.kind in PERIOD_KINDS},
                  tuple(by_campaign[c]), sent_per_channel(messages[c]),
                  newest_round_first(listed[c]), troubles.get(c, ()), paper)
            for code in codes if code in named
            for c, title, status, issuer, paper in [named[code]]]


def _messages(session: Session, ids: list[int], start: datetime,
              end: datetime) -> dict[int, list[tuple[str, str, int]]]:
    """(channel, outcome, count) per campaign: sent that day, or queued that day and waiting
    or failed."""
    box = t.OutboxMessage
    sent = session.execute(
        select(col(box.campaign_id), col(box.channel), func.count())
        .where(col(box.campaign_id).in_(ids), col(box.status) == OutboxStatus.SENT.value,
               col(box.sent_at) >= start, col(box.sent_at) < end)
        .group_by(col(box.campaign_id), col(box.channel))).all()
    other = session.execute(
        select(col(box.campaign_id), col(box.channel), col(box.status), func.count())
        .where(col(box.campaign_id).in_(ids), col(box.status) != OutboxStatus.SENT.value,
               col(box.created_at) >= start, col(box.created_at) < end)
        .group_by(col(box.campaign_id), col(box.channel), col(box.status))).all()
    found: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    for c, channel, n in sent:
        found[c].append((channel, "sent", n))
    for c, channel, status, n in other:
        found[c].append((channel, "waiting" if status in WAITING else "failed", n))
    return found


def sent_per_channel(rows: Iterable[tuple[str, str, int]]) -> tuple[Sent, ...]:
    """(channel, 'sent' | 'waiting' | 'failed', count) rows as one line per channel."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for channel, outcome, n in rows:
        counts[channel][outcome] += n
    order = {c: i for i, c in enumerate(CHANNEL_ORDER)}
    return tuple(Sent(c, n["sent"], n["waiting"], n["failed"])
                 for c, n in sorted(counts.items(), key=lambda c: (order.get(c[0], 9), c[0])))


def _label(row: t.ReportingPeriod) -> str:
    """'quý I/2025', 'năm 2025' (a one-off report has none: its code stands)."""
    return Period(PeriodKind(row.kind), row.year, row.start, row.end, row.last_day,
                  row.last_day).label
