"""A campaign's board: each unit's obligations and their state on a day, each dossier and where
it stands, the next deadlines and what was sent that day. Pure: built from records, as of a day."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from models.attainment import Timeliness, timeliness
from models.board_dossiers import Dossier
from models.board_messages import ChannelTrouble as ChannelTrouble, Sent as Sent  # re-exported
from models.deadline_calendar import VN_TZ
from models.keys import ObligationKind, parse_key
from models.lifecycle import CampaignStatus

NEXT_DEADLINES = 5


class BoardState(StrEnum):
    """Where one obligation stands on the board's day."""

    ON_TIME = "Đúng hạn"
    LATE = "Chậm"
    OWED = "Còn nợ"
    RETURNED = "Trả lại"
    NOT_DUE = "Chưa đến hạn"
    NOT_SENT = "Không gửi"  # a round's deadline passed with no dossier: nominating is optional


STATUS = {CampaignStatus.DRAFT.value: "Chưa phát động", CampaignStatus.CLOSED.value: "Đã kết thúc",
          CampaignStatus.RUNNING.value: "Đang thực hiện"}
# Kinds a unit or the office answers by sending something; a council meeting or a round's
# summary is not recorded as met, so it shows among the deadlines only, never with a state.
STATED = (ObligationKind.REPORT, ObligationKind.COMMUNE_REPORT, ObligationKind.NOMINATION,
          ObligationKind.TASK)


@dataclass(frozen=True)
class Owed:
    """One obligation as the records give it: due when, met when, sent back or not."""

    key: str
    unit: str  # the owing unit's code
    what: str
    last_day: date  # the effective last day
    due_at: datetime
    fulfilled_at: datetime | None = None
    done: bool = False
    returned: bool = False  # its current report or one of its dossiers was sent back
    dossiers: int = 0  # current dossiers sent (nominations)

    @property
    def kind(self) -> ObligationKind:
        """What sort of obligation it is (from its key)."""
        return parse_key(self.key).kind


@dataclass(frozen=True)
class Cell:
    """One obligation's state; `days` is late by, overdue by, or left, as the state says."""

    state: BoardState
    days: int = 0
    dossiers: int | None = None


def state_of(o: Owed, as_of: date) -> Cell:
    """The obligation's state on `as_of`: on time, late, sent back, overdue or not yet due."""
    dossiers = o.dossiers if o.kind is ObligationKind.NOMINATION else None
    # Met after `as_of` is not met yet on that day: the records as they stood then.
    if o.done and (o.fulfilled_at is None or o.fulfilled_at.astimezone(VN_TZ).date() <= as_of):
        if timeliness(o.due_at, o.fulfilled_at) is Timeliness.LATE and o.fulfilled_at:
            late = (o.fulfilled_at.astimezone(VN_TZ).date() - o.last_day).days
            return Cell(BoardState.LATE, late, dossiers)
        return Cell(BoardState.ON_TIME, 0, dossiers)
    overdue = max((as_of - o.last_day).days, 0)
    if o.returned:
        return Cell(BoardState.RETURNED, overdue, dossiers)
    if not overdue:
        return Cell(BoardState.NOT_DUE, (o.last_day - as_of).days, dossiers)
    if o.kind is ObligationKind.NOMINATION:
        return Cell(BoardState.NOT_SENT, overdue, dossiers)
    return Cell(BoardState.OWED, overdue, dossiers)


@dataclass(frozen=True)
class Row:
    """One unit's line of a table: its name and one cell per column (None: owes nothing)."""

    unit: str
    cells: tuple[Cell | None, ...]


@dataclass(frozen=True)
class Matrix:
    """Units down, periods or rounds across."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class TaskLine:
    """A plan task: number, what, lead unit's code, last day and state."""

    no: int
    what: str
    lead: str
    last_day: date
    cell: Cell


@dataclass(frozen=True)
class Deadline:
    """One coming last day: what falls due, how many still owe it (None: not tracked)."""

    last_day: date
    days_left: int
    what: str
    open: int | None
    total: int


@dataclass(frozen=True)
class Facts:
    """What the records give of one campaign, for its board."""

    code: str
    title: str
    status: str
    issuer: str  # 'UBND xã Hùng Thắng': the row of the commune's own reports
    units: tuple[tuple[str, str], ...]  # (code, name) in the plan's order
    periods: Mapping[str, str]  # period code → label ('quý I/2025')
    owed: tuple[Owed, ...]
    sent: tuple[Sent, ...] = ()
    dossiers: tuple[Dossier, ...] = ()  # every round's, the newest round first
    troubles: tuple[ChannelTrouble, ...] = ()  # the office's own channels that fail
    kind: str = "Kế hoạch"  # what the plan is: 'Thông báo' … (the board's words for it)


@dataclass(frozen=True)
class Board:
    """Everything the board shows."""

    code: str
    title: str
    status: str
    as_of: date
    reports: Matrix
    nominations: Matrix
    tasks: tuple[TaskLine, ...]
    deadlines: tuple[Deadline, ...]
    sent: tuple[Sent, ...]
    dossiers: tuple[Dossier, ...] = ()  # as the facts list them
    troubles: tuple[ChannelTrouble, ...] = ()  # shown first: the office may not hear of them

    def counts(self) -> Counter[BoardState]:
        """How many obligations are in each state."""
        cells = [c for m in (self.reports, self.nominations) for r in m.rows for c in r.cells]
        return Counter(c.state for c in [*cells, *(t.cell for t in self.tasks)] if c)


def build_board(facts: Facts, as_of: date) -> Board:
    """The campaign's board on `as_of`."""
    names = dict(facts.units)
    by_kind: dict[ObligationKind, list[Owed]] = defaultdict(list)
    for o in facts.owed:
        by_kind[o.kind].append(o)

    def row_of(o: Owed) -> str:  # the commune's own reports make a row of their own
        if o.kind is ObligationKind.COMMUNE_REPORT:
            return facts.issuer
        return names.get(o.unit, o.unit)

    reports = _matrix("Báo cáo định kỳ", [*by_kind[ObligationKind.REPORT],
                                          *by_kind[ObligationKind.COMMUNE_REPORT]],
                      facts, as_of, row_of)
    nominations = _matrix("Hồ sơ đề nghị khen thưởng", by_kind[ObligationKind.NOMINATION],
                          facts, as_of, row_of)
    tasks = tuple(TaskLine(int(parse_key(o.key).subject), o.what.partition(": ")[2] or o.what,
                           o.unit, o.last_day, state_of(o, as_of))
                  for o in sorted(by_kind[ObligationKind.TASK],
                                  key=lambda o: int(parse_key(o.key).subject)))
    return Board(facts.code, facts.title, STATUS.get(facts.status, facts.status), as_of, reports,
                 nominations, tasks, deadlines(facts, as_of), facts.sent, facts.dossiers,
                 facts.troubles)


def _matrix(title: str, owed: list[Owed], facts: Facts, as_of: date,
            row_of: Callable[[Owed], str]) -> Matrix:
    order = {code: i for i, (code, _) in enumerate(facts.units)}
    first: dict[str, date] = {}
    for o in owed:
        subject = parse_key(o.key).subject
        first[subject] = min(first.get(subject, o.last_day), o.last_day)
    subjects = sorted(first, key=lambda s: (first[s], s))
    cells: dict[str, dict[str, Cell]] = defaultdict(dict)
    rank: dict[str, tuple[int, int]] = {}
    for o in owed:
        label = row_of(o)
        cells[label][parse_key(o.key).subject] = state_of(o, as_of)
        commune = o.kind is ObligationKind.COMMUNE_REPORT
        rank[label] = (int(commune), order.get(o.unit, len(order)))
    rows = tuple(Row(label, tuple(cells[label].get(s) for s in subjects))
                 for label in sorted(cells, key=lambda u: rank[u]))
    return Matrix(title, tuple(column_label(s, facts.periods) for s in subjects), rows)


def column_label(subject: str, periods: Mapping[str, str]) -> str:
    """A period's label with a capital ('Quý I/2025'), else the round or report code as is."""
    label = periods.get(subject)
    return label[:1].upper() + label[1:] if label else subject


def subject_label(o: Owed, periods: Mapping[str, str]) -> str:
    """A deadline named briefly: 'Báo cáo quý I/2025', 'Hồ sơ khen thưởng hang-nam-2026'."""
    key = parse_key(o.key)
    period = periods.get(key.subject, key.subject)
    return {ObligationKind.REPORT: f"Báo cáo {period}",
            ObligationKind.COMMUNE_REPORT: f"Báo cáo {period} gửi cấp trên",
            ObligationKind.NOMINATION: f"Hồ sơ khen thưởng {key.subject}",
            ObligationKind.TASK: f"Nhiệm vụ {key.subject} ({o.unit})",
            ObligationKind.COUNCIL_REVIEW: f"Hội đồng họp xét {key.subject}",
            ObligationKind.SUMMARY: f"Tổng kết, khen thưởng {key.subject}"}[key.kind]


def deadlines(facts: Facts, as_of: date, limit: int = NEXT_DEADLINES) -> tuple[Deadline, ...]:
    """The next `limit` last days from `as_of` on, each with what falls due and who owes it."""
    groups: dict[tuple[date, str], list[Owed]] = defaultdict(list)
    for o in facts.owed:
        if o.last_day >= as_of:  # a plan's tasks due the same day make one line
            tasks = o.kind is ObligationKind.TASK
            groups[(o.last_day, "" if tasks else subject_label(o, facts.periods))].append(o)
    found = []
    for (day, what), owed in sorted(groups.items(), key=lambda g: g[0])[:limit]:
        tracked = owed[0].kind in STATED
        what = what or (subject_label(owed[0], facts.periods) if len(owed) == 1
                        else f"{len(owed)} nhiệm vụ của kế hoạch")
        found.append(Deadline(day, (day - as_of).days, what,
                              sum(not o.done for o in owed) if tracked else None, len(owed)))
    return tuple(found)
