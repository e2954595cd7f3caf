"""What the demo's units write in their period reports: a figure or a verdict for every target
they report, moving from period to period, and a sentence or two of their own, different for
each unit and period. Deterministic, NFC."""

from __future__ import annotations

import unicodedata

from models.choices import reported_targets
from models.plan import Plan
from models.plan_parts import Comparator, Target

PERIODS = {"Q1": "quý I/{year}", "H1": "6 tháng đầu năm {year}", "9M": "9 tháng năm {year}",
           "YEAR": "năm {year}"}
DONE = (
    "Trong {period}, {unit} đã quán triệt kế hoạch tới cán bộ, hội viên và triển khai đầy đủ "
    "các nội dung được giao.",
    "Trong {period}, {unit} đã phối hợp tổ chức {n} buổi tuyên truyền về cải cách hành chính, "
    "hướng dẫn người dân sử dụng dịch vụ công trực tuyến.",
    "Trong {period}, {unit} đã đăng {n} tin, bài về cải cách hành chính trên bảng tin, nhóm "
    "Zalo và trang thông tin của đơn vị.",
    "Trong {period}, {unit} đã lồng ghép nội dung cải cách hành chính vào {n} cuộc họp, buổi "
    "sinh hoạt định kỳ.",
    "Trong {period}, {unit} đã phân công cán bộ theo dõi việc thực hiện kế hoạch và họp giao "
    "ban {n} lần để đôn đốc tiến độ.",
)
HARD = (
    "Khó khăn: đường truyền mạng còn chậm vào giờ cao điểm; đề nghị UBND {kind} nâng cấp hạ "
    "tầng.",
    "Khó khăn: kinh phí cho hoạt động tuyên truyền còn hạn chế; đề nghị UBND {kind} bố trí bổ "
    "sung.",
    "Khó khăn: một số người dân cao tuổi chưa quen sử dụng dịch vụ công trực tuyến; đơn vị "
    "tiếp tục hướng dẫn tại chỗ.",
    "Đề xuất: tổ chức tập huấn sử dụng chữ ký số, dịch vụ công trực tuyến cho cán bộ mới.",
    "Đề xuất: cung cấp thêm tài liệu tuyên truyền ngắn gọn, dễ hiểu cho người dân.",
    "Trong kỳ không phát sinh khó khăn, vướng mắc.",
)


def figures(plan: Plan, unit: str, step: int) -> dict[str, float]:
    """A value for every target the unit reports (1/0 for a qualitative one: Đạt/Không đạt);
    most met, one in four not, which ones changing with the period (`step`: its place)."""
    return {t.code: _value(t, met=(j + step) % 4 != 3, step=step)
            for j, t in enumerate(reported_targets(plan, unit))}


def _value(target: Target, *, met: bool, step: int) -> float:
    if target.comparator is Comparator.QUALITATIVE or target.threshold is None:
        return 1.0 if met else 0.0
    t, strict = target.threshold, target.comparator in (Comparator.MORE_THAN,
                                                        Comparator.LESS_THAN)
    if target.comparator is Comparator.EQUAL:
        return t if met else t + 1 + step
    if target.comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN):
        room = 100 - t if target.unit == "%" else 3 + step
        if met and (gain := min(step % 3 + int(strict), room)) >= int(strict):
            return t + gain  # a share cannot pass 100 %: "> 100%" is never met, nor said so
        return round(t * min(0.7 + 0.05 * step, 0.95), 1)
    if met and t - step % 3 - int(strict) >= 0:
        return t - step % 3 - int(strict)
    return t + 1 + step


def narrative(plan: Plan, unit: str, period: str, step: int) -> str:
    """What the unit did in the period and what held it back, in its own two sentences."""
    year, _, kind = period.partition("-")
    label = PERIODS[kind].format(year=year) if kind in PERIODS else "kỳ báo cáo"
    u = next(i for i, x in enumerate(plan.units) if x.code == unit)
    text = " ".join((DONE[(u + step) % len(DONE)], HARD[(2 * u + step) % len(HARD)])).format(
        period=label, unit=plan.unit(unit).name, n=2 + (u + 3 * step) % 5,
        kind=plan.commune.kind)
    return unicodedata.normalize("NFC", text)
