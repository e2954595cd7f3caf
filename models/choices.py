"""What staff may choose in the UI's forms, from what is loaded: campaigns, rounds (whether
each takes dossiers or awaits its council), units, periods, each unit's targets, what may be
returned; and the check of a typed choice, naming the valid ones. Labels: choice_labels.py."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from models.attainment import measured_from_tasks
from models.choice_labels import part_label, round_labels
from models.plan import Plan
from models.plan_parts import Comparator, Target
from models.refusal import Refused

LABEL_SEPARATOR = " — "  # "KT — Phòng Kinh tế": a drop-down shows the name, the code is kept


def reported_targets(plan: Plan, unit: str) -> list[Target]:
    """The targets a unit reports: its own and those every unit reports, a number or, judged
    without one, Đạt/Không đạt; never one the plan measures by its own tasks done (units
    would be asked a number the report ignores)."""
    return [t for t in plan.targets if t.owner in (None, unit)
            and (t.threshold is not None or t.comparator is Comparator.QUALITATIVE)
            and not measured_from_tasks(t, len(plan.tasks))]


def code_of(chosen: str) -> str:
    """The code of a drop-down choice ("KT — Phòng Kinh tế" → "KT"); a bare code as it is."""
    return chosen.split(LABEL_SEPARATOR, 1)[0].strip()


@dataclass(frozen=True)
class UnitChoice:
    """A unit as a drop-down offers it, with the targets it reports."""

    code: str
    name: str
    targets: tuple[Target, ...]

    @property
    def label(self) -> str:
        """The drop-down's text: code, then name."""
        return f"{self.code}{LABEL_SEPARATOR}{self.name}"


@dataclass(frozen=True)
class PartChoice:
    """A dossier part as the nomination form offers it: by name."""

    code: str
    label: str


@dataclass(frozen=True)
class RoundState:
    """What the database says of a round: its status, dossiers, and whether it takes more."""

    status: str = "planned"
    takes_dossiers: bool = True  # open, and before its deadline unless late ones are taken
    dossiers: int = 0  # current (not superseded) dossiers


@dataclass(frozen=True)
class RoundChoice:
    """An award round as the forms offer it."""

    code: str
    label: str  # "Khen thưởng hằng năm 2026"
    state: RoundState
    parts: tuple[PartChoice, ...]
    recognisers: tuple[str, ...]  # who may recognise an initiative, as the plan names them

    @property
    def reviewable(self) -> bool:
        """A council may sit on it: it has not been reviewed. (Not "has dossiers": the tick
        opens a council seconds after the last dossier, before any form is rebuilt.)"""
        return self.state.status != "reviewed"


@dataclass(frozen=True)
class ReturnChoice:
    """A report or dossier that may be sent back, as `tra-lai` offers it."""

    campaign: str
    what: str  # report | nomination
    number: int
    label: str


@dataclass(frozen=True)
class CampaignChoice:
    """A loaded campaign and what can be chosen within it."""

    code: str
    commune: str
    title: str
    status: str
    source: str
    launched: bool
    periods: tuple[str, ...]
    rounds: tuple[str, ...]
    units: tuple[UnitChoice, ...]
    round_choices: tuple[RoundChoice, ...] = ()

    def intake_rounds(self) -> list[RoundChoice]:
        """Rounds that take dossiers now, in plan order."""
        return [r for r in self.round_choices if r.state.takes_dossiers]

    def review_rounds(self) -> list[RoundChoice]:
        """Rounds a council may review now, those with dossiers first."""
        return sorted((r for r in self.round_choices if r.reviewable),
                      key=lambda r: r.state.dossiers == 0)

    @property
    def recognisers(self) -> tuple[str, ...]:
        """Every recogniser of an initiative the plan's rounds name, once each."""
        return tuple(dict.fromkeys(n for r in self.round_choices for n in r.recognisers))

    def unit_groups(self) -> list[tuple[UnitChoice, ...]]:
        """Units that report the same targets, together (one form each), in plan order."""
        groups: dict[tuple[str, ...], list[UnitChoice]] = {}
        for unit in self.units:
            groups.setdefault(tuple(t.code for t in unit.targets), []).append(unit)
        return [tuple(units) for units in groups.values()]


def campaign_choice(plan: Plan, *, status: str, source: str, launched: bool,
                    periods: Iterable[str], rounds: Iterable[str],
                    round_states: Mapping[str, RoundState] | None = None) -> CampaignChoice:
    """A stored campaign's choices, from its plan and its stored periods and rounds (with
    their states when known)."""
    units = tuple(UnitChoice(u.code, u.name, tuple(reported_targets(plan, u.code)))
                  for u in plan.units)
    codes = tuple(rounds)
    labels = round_labels(plan.award_rounds)
    states = round_states or {}
    offered = tuple(
        RoundChoice(r.code, labels[r.code], states.get(r.code, RoundState()),
                    tuple(PartChoice(p.code, part_label(p)) for p in r.dossier),
                    tuple(r.eligibility.initiative_recognisers))
        for r in plan.award_rounds if r.code in codes)
    return CampaignChoice(plan.code, plan.commune.name, plan.title, status, source, launched,
                          tuple(periods), codes, units, offered)


@dataclass(frozen=True)
class Loaded:
    """Every loaded campaign, in code order."""

    campaigns: tuple[CampaignChoice, ...] = ()
    returnables: tuple[ReturnChoice, ...] = ()  # newest first

    def codes(self, status: str | None = None) -> list[str]:
        """Campaign codes, all or of one status."""
        return [c.code for c in self.campaigns if status is None or c.status == status]

    def to_launch(self) -> list[str]:
        """Plan files loaded and not yet launched, as `plan load` was given them."""
        return [c.source for c in self.campaigns if not c.launched]

    def campaign(self, code: str) -> CampaignChoice:
        """One campaign, or a refusal listing the loaded ones."""
        for found in self.campaigns:
            if found.code == code:
                return found
        raise unknown_campaign(code, self.codes())


def unknown_campaign(code: str, loaded: Iterable[str]) -> Refused:
    """The refusal of a campaign code not loaded, naming those that are."""
    return Refused(f"Không có chiến dịch '{code}'. Các chiến dịch đã nạp: {_listed(loaded)}")


def check_choice(loaded: Loaded, campaign: str, *, period: str | None = None,
                 round_code: str | None = None, unit: str | None = None) -> None:
    """Refuse a campaign, period, round or unit that is not loaded, listing the valid ones."""
    found = loaded.campaign(campaign)
    if period is not None and period not in found.periods:
        raise Refused(f"Chiến dịch {campaign} không có kỳ báo cáo '{period}'. Các kỳ: "
                      f"{_listed(found.periods)}")
    if round_code is not None and round_code not in found.rounds:
        raise Refused(f"Chiến dịch {campaign} không có đợt khen thưởng '{round_code}'. Các đợt: "
                      f"{_listed(found.rounds)}")
    if unit is not None and code_of(unit) not in {u.code for u in found.units}:
        raise Refused(f"Chiến dịch {campaign} không có đơn vị '{unit}'. Các đơn vị: "
                      f"{_listed(u.code for u in found.units)}")


def _listed(values: Iterable[str]) -> str:
    shown = list(values)
    return ", ".join(shown) if shown else "(chưa có)"
