"""The Prefect tasks that read and write the campaign records the flows move on."""

from __future__ import annotations

from datetime import date, datetime

from prefect import task
from prefect.cache_policies import NONE

from infra.database import get_engine
from models.choices import Loaded, check_choice, unknown_campaign
from models.council import MinutesFacts
from models.lifecycle import ClosedRound
from models.refusal import Refused
from models.roster import Roster
from tasks.records.book import BookState, set_book_by_name
from tasks.records.campaign import CampaignRecord, read_campaign
from tasks.records.choices import campaign_codes, fingerprint, mark_launched, read_loaded
from tasks.records.council import RoundState, council_roster, freeze_round, record_session
from tasks.records.higher_decision import Awaiting, Recorded, awaiting_rounds, record_higher
from tasks.records.milestones import (
    close_campaign,
    close_ended,
    close_windows,
    mark_compiled,
)
from tasks.records.periods import PeriodData, read_period
from tasks.records.reminders import CampaignState, active_campaigns


@task(name="đọc chiến dịch đang chạy", cache_policy=NONE)
def read_campaigns(codes: list[str] | None, day: date | None = None) -> list[CampaignState]:
    """Running campaigns with their open obligations (those near `day` when given)."""
    return active_campaigns(get_engine(), codes, day)


@task(name="đóng chiến dịch đã hết hạn", cache_policy=NONE)
def close_ended_campaigns(day: date, campaigns: list[str] | None) -> list[str]:
    """Campaigns past their window and grace are closed: the tick stops reminding them."""
    return close_ended(get_engine(), day, campaigns)


@task(name="đóng chiến dịch", cache_policy=NONE)
def mark_closed(campaign: str) -> None:
    """The campaign is closed: only flows staff start by hand send anything for it."""
    close_campaign(get_engine(), campaign)


@task(name="đóng nhận hồ sơ", cache_policy=NONE)
def close_rounds(day: date, campaigns: list[str] | None) -> list[ClosedRound]:
    """Rounds whose nomination deadlines have all passed stop taking dossiers."""
    return close_windows(get_engine(), day, campaigns)


@task(name="đọc báo cáo các đơn vị", cache_policy=NONE)
def read_period_reports(campaign: str, period: str) -> PeriodData:
    """The period's obligations and the units' current reports."""
    return read_period(get_engine(), campaign, period)


@task(name="ghi nhận đã tổng hợp", cache_policy=NONE)
def mark_period_compiled(campaign: str, period: str, now: datetime,
                         final: bool = False) -> None:
    """The tick will not compile this period again by itself; a final report is sent."""
    mark_compiled(get_engine(), campaign, period, now, final)


@task(name="đọc toàn bộ chiến dịch", cache_policy=NONE)
def read_whole_campaign(campaign: str) -> CampaignRecord:
    """Plan, fulfilled obligations, reports, latest values, awards."""
    return read_campaign(get_engine(), campaign)


@task(name="khoá nhận hồ sơ", cache_policy=NONE)
def freeze(campaign: str, round_code: str, now: datetime, actor: str) -> RoundState:
    """The round goes under review; its nominations' history records it."""
    return freeze_round(get_engine(), campaign, round_code, now, actor)


@task(name="đọc danh sách Hội đồng", cache_policy=NONE)
def read_council(campaign: str) -> Roster:
    """The council's roster of the campaign's commune; fails saying how to load one."""
    return council_roster(get_engine(), campaign)


@task(name="ghi kết quả họp", cache_policy=NONE)
def record_meeting(state: RoundState, facts: MinutesFacts, *, now: datetime,
                   actor: str) -> None:
    """The session, who attended and every vote."""
    record_session(get_engine(), state, facts, now, actor)


@task(name="ghi quyết định cấp trên", cache_policy=NONE)
def record_higher_decision_of(campaign: str, round_code: str, number: str,
                              issued_on: date | str,
                              issuer: str | None, awarded: list[int] | None,
                              document: str | None, now: datetime, actor: str) -> Recorded:
    """The level above's decision on a round proposed to it, each nomination's outcome in its
    history; the round no longer awaits it. Refused in Vietnamese (HigherRefused)."""
    return record_higher(get_engine(), campaign, round_code, number, issued_on, issuer,
                         awarded, document, now, actor)


def awaiting_higher() -> list[Awaiting]:
    """The rounds proposed upwards awaiting their decision (read by the UI's drop-down)."""
    return awaiting_rounds(get_engine())


@task(name="đặt sổ văn bản", cache_policy=NONE)
def set_number_book(commune: str, year: int, symbol: str, last: int,
                    now: datetime) -> BookState:
    """Where one book of document numbers stands; the next paper takes `last` + 1."""
    return set_book_by_name(get_engine(), commune, year, symbol, last, now)


class CampaignClosed(Refused, ValueError):
    """A launch of a campaign that has already ended."""


@task(name="đọc chiến dịch vừa phát động", cache_policy=NONE)
def read_launched(code: str) -> CampaignState:
    """The campaign just stored, refused clearly when it has already been closed."""
    found = active_campaigns(get_engine(), [code])
    if not found:
        raise CampaignClosed(f"{code}: chiến dịch đã kết thúc (đã đóng), không phát động lại; "
                             "kế hoạch mới cần một mã (code) mới")
    return found[0]


@task(name="ghi nhận đã phát động", cache_policy=NONE)
def record_launch(code: str, now: datetime) -> None:
    """The campaign is launched: the UI stops offering its plan to launch."""
    mark_launched(get_engine(), code, now)


@task(name="kiểm tra lựa chọn", cache_policy=NONE)
def check_address(campaign: str, *, period: str | None = None, round_code: str | None = None,
                  unit: str | None = None) -> None:
    """A typed campaign, period, round or unit is refused before any work, the valid ones
    listed."""
    engine = get_engine()
    found = read_loaded(engine, [campaign])  # one campaign: the tick compiles many in a day
    if not found.campaigns:
        raise unknown_campaign(campaign, campaign_codes(engine))
    check_choice(found, campaign, period=period, round_code=round_code, unit=unit)


def loaded_choices() -> Loaded:
    """What the UI's drop-downs offer (read by the deployments, outside any run)."""
    return read_loaded(get_engine())


def choices_fingerprint() -> tuple[object, ...]:
    """Changes whenever a campaign is loaded, changed, launched or closed."""
    return fingerprint(get_engine())
