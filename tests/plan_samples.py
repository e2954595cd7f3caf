"""A small valid plan (as YAML would load it) for tests to bend into the case they need."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from models.plan import Plan
from models.tables import Campaign
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan

SEEDS = Path(__file__).resolve().parents[1] / "campaigns"

_BASE: dict[str, Any] = {
    "code": "thu-nghiem-2025",
    "title": "Kế hoạch phát động phong trào thi đua thử nghiệm",
    "commune": {"name": "Vĩnh Thủy", "kind": "xã", "province": "Tỉnh Quảng Trị"},
    "issuer": "UBND xã Vĩnh Thủy",
    "subject": {"name": "cải cách hành chính", "short": "CCHC"},
    "signer": {"title": "CHỦ TỊCH", "name": "Thái Nam Sơn"},
    "window": {"start": "01/07/2025", "end": "31/12/2025"},
    "standing_office": "VHXH",
    "units": [
        {"code": "VHXH", "name": "Phòng Văn hóa - Xã hội", "kind": "office",
         "head": {"title": "Trưởng phòng", "email": "vhxh@vinhthuy.example.vn"}},
        {"code": "KT", "name": "Phòng Kinh tế", "kind": "office",
         "head": {"title": "Trưởng phòng", "zalo_user_id": "1000000000000000001"}},
        {"code": "TTPVHCC", "name": "Trung tâm Phục vụ hành chính công", "kind": "centre",
         "head": {"title": "Giám đốc"}},
    ],
    "reporting": {"periods": ["YEAR"], "recipient": "UBND xã",
                  "due": {"day_of_last_month": 10, "wording": "trước ngày"}},
    "award_rounds": [{
        "code": "tong-ket-2025", "kind": "final", "title": "Tổng kết phong trào năm 2025",
        "nomination_deadline": "trước ngày 30/11/2025", "receiving_unit": "VHXH",
        "award": "Giấy khen của Chủ tịch UBND xã",
        "quota": {"collectives": 5, "individuals": 5},
    }],
    "tasks": [{"no": 1, "content": "Ban hành kế hoạch", "lead": "VHXH",
               "cooperating": "all", "due": "Trong tháng 7/2025", "product": "Kế hoạch"}],
}


def sample_plan_data() -> dict[str, Any]:
    """A fresh deep copy of the sample plan."""
    return copy.deepcopy(_BASE)


def store_launched(session: Session, plan: Plan, *, source: str, as_of: datetime) -> None:
    """Store a plan as launched at `as_of`, as launch-campaign leaves it: the tick acts on it."""
    store_plan(session, plan, source=source, as_of=as_of)
    campaign = session.exec(select(Campaign).where(Campaign.code == plan.code)).one()
    campaign.launched_at = campaign.launched_at or as_of
    session.add(campaign)


def seed_without_reporting(seed: str) -> Plan:
    """A seed plan (file name under campaigns/) with its `reporting` dropped: no report owed."""
    return read_plan(SEEDS / seed).model_copy(update={"reporting": None})


Edit = Callable[[dict[str, Any]], None]


def set_at(path: str, value: Any) -> Edit:
    """An edit putting `value` at a dotted path of plan data ('units.0.head.email')."""
    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value
    return edit
