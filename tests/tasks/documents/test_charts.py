"""The attainment chart: a long title stays whole inside the picture, each target's bars are
coloured by its attainment, and many targets still fit the report's 15 × 12.5 cm."""

from __future__ import annotations

from datetime import datetime
from itertools import groupby
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from models.attainment import Attainment, TargetResult, attainment
from models.deadline_calendar import ObligationKind, build_calendar
from models.keys import key_prefix
from models.period_summary import summarise
from models.plan_parts import Comparator, Target
from tasks.documents.charts import (
    COLOURS,
    PAD,
    SMALL,
    TALLEST,
    THRESHOLD,
    WIDTH,
    font,
    layout,
    measured,
    write_attainment_chart,
)
from tasks.plans.files import read_plan
from tests.conftest import REPO

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _hung_thang() -> tuple[list[TargetResult], str]:
    plan = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    owed = [o for o in build_calendar(plan) if o.kind is ObligationKind.REPORT
            and o.key.startswith(key_prefix(ObligationKind.REPORT, "2025-YEAR"))]
    summary = summarise(plan, owed, {"TTPVHCC": (datetime(2025, 12, 10, 8, tzinfo=VN),
                                                 {"T05": 92.5, "T07": 64})})
    return summary.targets, f"Kết quả thực hiện chỉ tiêu – {plan.title} – {plan.issuer}, " \
                            "báo cáo tổng kết"


def _results(values: list[float]) -> list[TargetResult]:
    """Targets asking ≥ 80% (odd ones: ≥ 120 households, a long name), reaching `values`."""
    made = []
    for no, value in enumerate(values, 1):
        long = no % 2 == 0
        target = Target(code=f"T{no:02}", metric="m", comparator=Comparator.AT_LEAST,
                        text="Số hộ gia đình đạt danh hiệu Gia đình văn hoá tiêu biểu ba năm liền"
                        if long else "Tỷ lệ thanh toán trực tuyến",
                        threshold=120 if long else 80, unit=None if long else "%")
        made.append(TargetResult(target, value, attainment(target, value), 1))
    return made


def _runs(png: Path, x: int) -> list[float | tuple[int, ...]]:
    """The colours met going down one column of the picture, each run once."""
    image = Image.open(png).convert("RGB")
    pixels = image.load()
    assert pixels is not None
    return [colour for colour, _ in groupby(pixels[x, y] for y in range(image.height))]


def test_a_long_title_is_wrapped_inside_the_picture_above_the_bars() -> None:
    results, title = _hung_thang()
    assert len(title) > 120
    plan = layout(measured(results), title)
    assert len(plan.title) >= 2 and " ".join(plan.title) == title
    assert all(font(21).getlength(line) <= WIDTH - 2 * PAD for line in plan.title)
    assert plan.top >= PAD + len(plan.title) * 21


@pytest.mark.parametrize("values", [[92.5, 64], [50, 130, 79.9], [100, 200, 10, 0.5, 85, 119,
                                                                    81, 121, 70, 60, 99, 140]])
def test_each_target_has_a_grey_threshold_under_its_result_coloured_by_attainment(
        tmp_path: Path, values: list[float]) -> None:
    results = _results(values)
    png = write_attainment_chart(results, "Kết quả thực hiện chỉ tiêu 2026-H1", tmp_path / "c.png")
    assert png is not None
    image = Image.open(png)
    assert image.width == WIDTH and image.info["dpi"] == pytest.approx((150, 150), abs=0.1)
    assert image.height <= TALLEST  # 15 cm wide in the report, not shrunk to fit 12.5 cm
    # Just right of the zero line every bar is crossed: per target its result, then its
    # threshold, top to bottom (the legend's keys lie elsewhere).
    bars = [c for c in _runs(png, layout(results, "x").left + 2) if c != (255, 255, 255)]
    expected = [c for r in results for c in (COLOURS[r.attainment], THRESHOLD)]
    assert bars == expected
    achieved = sum(r.attainment is Attainment.ACHIEVED for r in results)
    assert bars.count(COLOURS[Attainment.ACHIEVED]) == achieved
    assert bars.count(COLOURS[Attainment.NOT_ACHIEVED]) == len(values) - achieved


def test_long_labels_are_cut_to_their_room_and_nothing_when_unmeasured(tmp_path: Path) -> None:
    results = _results([90, 130])
    plan = layout(results, "x")
    assert plan.labels[0] == "T01 · Tỷ lệ thanh toán trực tuyến"
    assert plan.labels[1].startswith("T02 · Số hộ gia đình") and plan.labels[1].endswith("…")
    assert plan.left < WIDTH * 0.5 and plan.unit * 0.8 >= SMALL
    unmeasured = [TargetResult(results[0].target, None, Attainment.NO_DATA, 0)]
    assert write_attainment_chart(unmeasured, "x", tmp_path / "none.png") is None
    assert not (tmp_path / "none.png").exists()
