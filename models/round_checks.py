"""Checks of one round or of the plan's number that pydantic's field rules cannot say."""

from __future__ import annotations

import re
from collections.abc import Iterator

from models.plan_parts import Outcome, PlanKind
from models.plan_problem import Problem
from models.plan_rounds import AwardRound
from models.vn_text import fmt_date

_SYMBOL = re.compile(r"^\s*\d+\s*/\s*([^\W\d_]+)\s*-", re.UNICODE)


def round_problems(rounds: list[tuple[int, AwardRound]]) -> Iterator[Problem]:
    """A period that ends before it starts; a proposal that names no one to propose to."""
    for i, r in rounds:
        if r.covers is not None and r.covers.end < r.covers.start:
            yield Problem(f"award_rounds[{i}].covers.end", "ngày kết thúc trước ngày bắt đầu "
                          f"{fmt_date(r.covers.start)}; cần ngày từ "
                          f"{fmt_date(r.covers.start)} trở đi", fmt_date(r.covers.end))
        if r.outcome is Outcome.PROPOSE and r.propose_to is None:
            yield Problem(f"award_rounds[{i}].propose_to", "đợt đề nghị cấp trên khen thưởng "
                          "(outcome: propose) cần ghi cấp trên nhận đề nghị, ví dụ 'Chủ tịch "
                          "UBND tỉnh Quảng Trị'", None)


def number_problems(number: str | None, kind: PlanKind | None) -> Iterator[Problem]:
    """A number whose symbol is not the kind's ('12/KH-UBND' on a Thông báo)."""
    found = _SYMBOL.match(number or "")
    if found is None or kind is None or found[1].casefold() == kind.symbol.casefold():
        return
    named = next((k for k in PlanKind if k.symbol.casefold() == found[1].casefold()), None)
    what = f"là số của {named.value} ({named.symbol})" if named else f"mang ký hiệu {found[1]}"
    yield Problem("number", f"số này {what}, nhưng document_kind là {kind.value} "
                  f"({kind.symbol}); hãy ghi số dạng N/{kind.symbol}-UBND hoặc sửa "
                  "document_kind", number)
