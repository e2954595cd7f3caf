"""The attainment chart: a long title stays whole inside the picture."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from models.deadline_calendar import ObligationKind, build_calendar
from models.keys import key_prefix
from models.period_summary import summarise
from tasks.documents.charts import attainment_figure, measured
from tasks.plans.files import read_plan
from tests.conftest import REPO

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_a_long_title_is_wrapped_inside_the_picture_above_the_bars() -> None:
    plan = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    owed = [o for o in build_calendar(plan) if o.kind is ObligationKind.REPORT
            and o.key.startswith(key_prefix(ObligationKind.REPORT, "2025-YEAR"))]
    summary = summarise(plan, owed, {"TTPVHCC": (datetime(2025, 12, 10, 8, tzinfo=VN),
                                                 {"T05": 92.5, "T07": 64})})
    title = f"Kết quả thực hiện chỉ tiêu – {plan.title} – {plan.issuer}, báo cáo tổng kết"
    assert len(title) > 120
    figure = attainment_figure(measured(summary.targets), title)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    [heading] = [t for t in figure.texts if t.get_text().replace("\n", " ") == title]
    box = heading.get_window_extent(renderer)
    assert heading.get_text().count("\n") >= 1
    assert 0 <= box.x0 and box.x1 <= figure.bbox.width and box.y1 <= figure.bbox.height
    assert all(box.y0 >= a.get_window_extent(renderer).y1 for a in figure.axes)
