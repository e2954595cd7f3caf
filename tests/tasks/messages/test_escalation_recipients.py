"""An escalation never chases its recipient about the recipient's own late items."""

from __future__ import annotations

from datetime import date

from models.deadline_calendar import Obligation, ObligationKind, build_calendar
from models.notices import EscalationNotice, Notice, NoticeKind
from notifications.message import ChannelKind
from tasks.messages.compose import _escalation_messages
from tasks.plans.files import read_plan
from tests.conftest import REPO

MO_LAO = read_plan(REPO / "campaigns" / "004-mo-lao.yaml")
AS_OF = date(2025, 3, 14)


def _late(*owners: str) -> EscalationNotice[Obligation]:
    """Q1's late items of these owners (VP's is the ward's own report to the district)."""
    items = [o for o in build_calendar(MO_LAO) if "2025-Q1" in o.key and o.owner in owners
             and o.kind in (ObligationKind.REPORT, ObligationKind.COMMUNE_REPORT)]
    late = tuple(Notice(o, NoticeKind.OVERDUE, "esc0", 0, (AS_OF - o.effective_last_day).days)
                 for o in items)
    return EscalationNotice("esc0", late, ("VP",), True)


def _told(esc: EscalationNotice[Obligation]) -> dict[str, str]:
    sent = _escalation_messages(1, MO_LAO, esc, AS_OF, frozenset({ChannelKind.EMAIL}))
    return {e.unit_code: e.body for e in sent}


def test_vp_is_not_told_of_its_own_late_report_but_the_chairman_is() -> None:
    told = _told(_late("VP"))
    assert set(told) == {"CHAIRMAN"}


def test_vp_hears_of_the_units_without_its_own_item() -> None:
    told = _told(_late("VP", "HPN"))
    assert set(told) == {"VP", "CHAIRMAN"}
    assert "Hội Liên hiệp Phụ nữ phường" in told["VP"]
    assert "của UBND phường Mộ Lao" not in told["VP"]
    assert "của UBND phường Mộ Lao" in told["CHAIRMAN"]
