"""What `thidua demo` plays: the plans (YAML or a plan workbook) and each commune's council
roster, found or asked for in one Vietnamese line before anything starts."""

from __future__ import annotations

import json
from pathlib import Path

from models.plan import Plan
from models.plan_parts import Commune
from models.refusal import Refused
from models.roster import Roster

SHEET = "Hội đồng"


class RosterMissing(Refused, LookupError):
    """A plan's commune without a council roster where the demo looked; says what to add."""


def read_any(path: Path) -> tuple[Plan, Roster | None]:
    """A plan file or workbook, with the workbook's roster (None from YAML or an empty sheet)."""
    from tasks.forms.plan_reader import read_plan_workbook
    from tasks.plans.files import read_plan

    if path.suffix.lower() == ".xlsx":
        return read_plan_workbook(path)
    return read_plan(path), None


def refusal_of(plan_paths: list[Path], council: Path | None = None) -> list[str]:
    """Why the demo cannot start, one line per problem (nothing: it can): every plan must be
    read and every plan's commune must have a council roster."""
    from tasks.plans.files import PlanRejected

    lines: list[str] = []
    read: list[tuple[Path, Plan, Roster | None]] = []
    for path in plan_paths:
        try:
            read.append((path, *read_any(path)))
        except PlanRejected as rejected:
            lines += [p.render(rejected.source) for p in rejected.problems]
    if lines:
        return lines
    try:
        find_rosters([(path, plan) for path, plan, _ in read], council,
                     {path: roster for path, _, roster in read if roster is not None})
    except PlanRejected as rejected:  # a roster file that cannot be used
        return [p.render(rejected.source) for p in rejected.problems]
    except RosterMissing as missing:
        return [str(missing)]
    return []


def find_rosters(plans: list[tuple[Path, Plan]], council: Path | None = None,
                 sheets: dict[Path, Roster] | None = None) -> dict[Commune, Roster]:
    """Each plan's commune's roster: from `council` (a file or a folder) when given, else
    council/*.yaml beside each plan, else a plan workbook's "Hội đồng" sheet; RosterMissing
    says where it looked and what to add."""
    from tasks.plans.roster import read_roster

    if council is not None:
        places = [council]
        files = sorted(council.glob("*.yaml")) if council.is_dir() else [council]
    else:
        places = sorted({path.parent.resolve() / "council" for path, _ in plans})
        files = [f for folder in places for f in sorted(folder.glob("*.yaml"))]
    rosters = {r.commune: r for r in map(read_roster, files)}
    for roster in (sheets or {}).values() if council is None else ():
        rosters.setdefault(roster.commune, roster)
    missing = [(path, p) for path, p in plans if p.commune not in rosters]
    if missing:
        raise RosterMissing(_missing_line(missing, places, files, council))
    return rosters


def _missing_line(missing: list[tuple[Path, Plan]], places: list[Path], files: list[Path],
                  council: Path | None) -> str:
    names = ", ".join(sorted({f"{p.commune.kind} {p.commune.name}" for _, p in missing}))
    looked = [str(place / "*.yaml") if place.is_dir() or council is None else str(place)
              for place in places]
    found = (f"có {len(files)} tệp nhưng không tệp nào của xã này" if files
             else "không có tệp nào")
    looked_in = f"{', '.join(looked)} ({found})"
    books = [path for path, _ in missing if path.suffix.lower() == ".xlsx"]
    if council is None:
        looked_in += "".join(f", trang {SHEET} của {path} (để trống)" for path in books)
        add = (f"thêm tệp danh sách của xã vào thư mục {places[0]}"
               + (f", điền trang {SHEET} của sổ" if books else "")
               + " hoặc chỉ rõ bằng --council TỆP.yaml")
    else:
        add = "cho --council chỉ tới tệp danh sách của xã"
    return (f"Không thấy danh sách Hội đồng Thi đua - Khen thưởng của {names}: đã tìm trong "
            f"{looked_in}; hãy {add} (mẫu: campaigns/council/ của dự án; "
            "docs/plan-format.md, mục Hội đồng)")


def staged(plan_paths: list[Path], council: Path | None, folder: Path) -> list[Path]:
    """The plans as both demos read them: YAML files with council/ beside. As given when they
    are YAML and the rosters lie beside them; else written into `folder`, each plan as its
    canonical YAML and each roster found (`find_rosters`) in folder/council/."""
    from tasks.plans.emit import write_plan_yaml

    if council is None and all(p.suffix.lower() != ".xlsx" for p in plan_paths):
        return plan_paths
    read = [(path, *read_any(path)) for path in plan_paths]
    rosters = find_rosters([(path, plan) for path, plan, _ in read], council,
                           {path: roster for path, _, roster in read if roster is not None})
    (folder / "council").mkdir(parents=True, exist_ok=True)
    for n, roster in enumerate(rosters.values(), start=1):  # JSON is YAML, read as any roster
        (folder / "council" / f"{n:02d}.yaml").write_text(json.dumps(
            roster.model_dump(mode="json"), ensure_ascii=False, indent=1), encoding="utf-8")
    stems = [path.stem for path, _, _ in read]
    names = [s if stems.count(s) == 1 else f"{s}-{n}" for n, s in enumerate(stems, start=1)]
    return [write_plan_yaml(plan, folder / f"{name}.yaml", header=f"từ {path}")
            for name, (path, plan, _) in zip(names, read, strict=True)]
