"""What staff may choose in the UI's forms, from what is loaded: campaigns, rounds, units,
periods and each unit's targets; and the check of a typed choice, naming the valid ones."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from models.plan import Plan
from models.plan_parts import Target
from models.refusal import Refused

LABEL_SEPARATOR = " — "  # "KT — Phòng Kinh tế": a drop-down shows the name, the code is kept


def reported_targets(plan: Plan, unit: str) -> list[Target]:
    """The targets a unit reports: its own and those every unit reports."""
    return [t for t in plan.targets if t.owner in (None, unit) and t.threshold is not None]


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

    def unit_groups(self) -> list[tuple[UnitChoice, ...]]:
        """Units that report the same targets, together (one form each), in plan order."""
        groups: dict[tuple[str, ...], list[UnitChoice]] = {}
        for unit in self.units:
            groups.setdefault(tuple(t.code for t in unit.targets), []).append(unit)
        return [tuple(units) for units in groups.values()]


def campaign_choice(plan: Plan, *, status: str, source: str, launched: bool,
                    periods: Iterable[str], rounds: Iterable[str]) -> CampaignChoice:
    """A stored campaign's choices, from its plan and its stored periods and rounds."""
    units = tuple(UnitChoice(u.code, u.name, tuple(reported_targets(plan, u.code)))
                  for u in plan.units)
    return CampaignChoice(plan.code, plan.commune.name, plan.title, status, source, launched,
                          tuple(periods), tuple(rounds), units)


@dataclass(frozen=True)
class Loaded:
    """Every loaded campaign, in code order."""

    campaigns: tuple[CampaignChoice, ...] = ()

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
