"""A board artifact read back from the Prefect API, and what the database says it should show.

The expected side is worked out here from the rows themselves (obligations, current reports
and dossiers, outbox), not through tasks/records/board.py, so a reader's mistake shows.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
from prefect.client.schemas.objects import Artifact
from prefect.client.schemas.sorting import ArtifactSort
from sqlmodel import col, select

from infra.database import get_engine, transaction
from models import tables as t
from models.board import BoardState
from models.keys import ObligationKind, nomination_key, parse_key, report_key
from models.periods import Period
from models.plan import PeriodKind

VN = ZoneInfo("Asia/Ho_Chi_Minh")
REPORTS, DOSSIERS, TASKS = "Báo cáo định kỳ", "Hồ sơ đề nghị khen thưởng", "Nhiệm vụ của kế hoạch"
CHANNELS = {"email": "Email", "zalo_oa": "Zalo OA", "zns": "Zalo ZNS", "webhook": "Webhook"}
Where = tuple[str, str, str]  # section, row (unit name or task number), column


def board_versions(key: str, limit: int = 200) -> list[str]:
    """The versions of the board under this key, newest first (at most `limit`)."""
    # client.read_artifacts sends empty flow- and task-run filters, which the server reads as
    # "whose task run exists": none here, the task-run recorder being off (see conftest.py).
    body = {"artifacts": ArtifactFilter(key=ArtifactFilterKey(any_=[key])).model_dump(
        mode="json", exclude_unset=True), "sort": ArtifactSort.CREATED_DESC.value,
        "limit": limit, "offset": 0}
    with get_client(sync_client=True) as client:
        found = client.request("POST", "/artifacts/filter", json=body)
    return [str(a.data) for a in Artifact.model_validate_list(found.json())]


def shown(markdown: str) -> tuple[str, date, dict[Where, str], dict[str, tuple[int, ...]]]:
    """The board's status, day, each cell's state word and each channel's message counts."""
    status = re.search(r"\*\*Tình trạng:\*\* ([^·]+?) ·", markdown)
    day = re.search(r"\*\*Ngày:\*\* [^,]+, (\d\d)/(\d\d)/(\d{4})", markdown)
    assert status and day, markdown[:300]
    cells: dict[Where, str] = {}
    sent: dict[str, tuple[int, ...]] = {}
    section, header = "", list[str]()
    for line in markdown.splitlines():
        if line.startswith("## "):
            section, header = line[3:].removesuffix(" (tiếp)"), list[str]()
        elif line.startswith("|") and not line.startswith("|---"):
            parts = [p.strip() for p in re.split(r"(?<!\\)\|", line)[1:-1]]
            if not header:
                header = parts
            elif section == TASKS:
                cells[(TASKS, parts[0], "")] = _word(parts[-1])
            elif section.startswith("Tin nhắn"):
                sent[parts[0]] = tuple(int(p) for p in parts[1:])
            elif header[0] == "Đơn vị":
                cells.update({(section, _plain(parts[0]), _plain(h)): _word(p)
                              for h, p in zip(header[1:], parts[1:], strict=True) if p != "—"})
    return status[1], date(int(day[3]), int(day[2]), int(day[1])), cells, sent


def expected(url: str, code: str, as_of: date) -> tuple[str, dict[Where, str],
                                                        dict[str, tuple[int, ...]]]:
    """What the database says: the campaign's status, every obligation's state, messages."""
    with transaction(get_engine(url)) as session:
        camp = session.exec(select(t.Campaign).where(t.Campaign.code == code)).one()
        commune = session.get(t.Commune, camp.commune_id)
        units = {u.id: u for u in session.exec(select(t.Unit).where(
            t.Unit.campaign_id == camp.id))}
        periods = list(session.exec(select(t.ReportingPeriod).where(
            t.ReportingPeriod.campaign_id == camp.id)))
        owed = list(session.exec(select(t.Obligation).where(t.Obligation.campaign_id == camp.id)))
        reports = session.exec(select(t.UnitReport).where(
            t.UnitReport.campaign_id == camp.id, col(t.UnitReport.superseded).is_(False))).all()
        dossiers = session.exec(select(t.Nomination, t.AwardRound.code).join(
            t.AwardRound, col(t.AwardRound.id) == col(t.Nomination.round_id)).where(
            t.AwardRound.campaign_id == camp.id, col(t.Nomination.superseded).is_(False))).all()
        messages = session.exec(select(t.OutboxMessage).where(
            t.OutboxMessage.campaign_id == camp.id)).all()
    assert commune is not None
    returned = {report_key(r.period_code, units[r.unit_id].code) for r in reports
                if r.status == "returned"}
    returned |= {nomination_key(code, units[n.unit_id].code) for n, code in dossiers
                 if n.status == "returned"}
    names = {u.code: u.name for u in units.values()}
    labels = {p.code: _label(p) for p in periods}
    cells: dict[Where, str] = {}
    for o in owed:
        key = parse_key(o.key)
        label = labels.get(key.subject, key.subject)  # a period's, else the code as it is
        where = {ObligationKind.REPORT: (REPORTS, names[o.unit_code], label),
                 ObligationKind.COMMUNE_REPORT: (
                     REPORTS, f"UBND {commune.kind} {commune.name}", label),
                 ObligationKind.NOMINATION: (DOSSIERS, names[o.unit_code], key.subject),
                 ObligationKind.TASK: (TASKS, key.subject, "")}.get(key.kind)
        if where is not None:
            cells[where] = _state(o, o.key in returned, as_of).value
    sent: dict[str, list[int]] = {}
    for m in messages:
        slot = 0 if m.status == "sent" else 2 if m.status == "failed" else 1
        when = m.sent_at if slot == 0 else m.created_at
        if when is not None and when.astimezone(VN).date() == as_of:
            sent.setdefault(CHANNELS[m.channel], [0, 0, 0])[slot] += 1
    status = {"running": "Đang thực hiện", "closed": "Đã kết thúc"}[camp.status]
    return status, cells, {c: tuple(n) for c, n in sent.items()}


def _state(o: t.Obligation, returned: bool, as_of: date) -> BoardState:
    if o.status != "open":
        late = o.fulfilled_at is not None and o.fulfilled_at > o.due_at
        return BoardState.LATE if late else BoardState.ON_TIME
    if returned:
        return BoardState.RETURNED
    if o.effective_last_day >= as_of:
        return BoardState.NOT_DUE
    return BoardState.NOT_SENT if o.kind == "nomination" else BoardState.OWED


def _label(p: t.ReportingPeriod) -> str:
    if p.kind not in set(PeriodKind):
        return p.code
    label = Period(PeriodKind(p.kind), p.year, p.start, p.end, p.last_day, p.last_day).label
    return label[:1].upper() + label[1:]


def _word(cell: str) -> str:
    words = cell.split(" ", 1)[1]
    return next(s.value for s in BoardState if words.startswith(s.value))


def _plain(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def at(day: date, hour: int) -> datetime:
    """A moment of a day, Vietnam time."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=VN)
