"""A changed plan's forms (written from the old one) go once it is committed, not before."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from infra.database import get_engine, transaction
from tasks.forms.layout import form_path
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
OTHER = read_plan(REPO / "campaigns" / "004-mo-lao.yaml")
AT = datetime(2025, 7, 1, tzinfo=VN)
KEY = "report:2025-YEAR:TTPVHCC"
AMENDED = PLAN.model_copy(update={"title": f"{PLAN.title} (sửa đổi)"})


def _forms(folder: Path) -> tuple[Path, Path]:
    """A prepared form of the plan's campaign and one of another campaign."""
    ours, theirs = form_path(folder, PLAN.code, KEY), form_path(folder, OTHER.code, KEY)
    for path in (ours, theirs):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"old")
    return ours, theirs


def test_an_amendment_drops_the_campaigns_forms_on_commit(migrated_url: str,
                                                          tmp_path: Path) -> None:
    engine = get_engine(migrated_url)
    with transaction(engine) as session:
        store_plan(session, PLAN, source="003", as_of=AT, forms=tmp_path)
    ours, theirs = _forms(tmp_path)
    with transaction(engine) as session:
        store_plan(session, PLAN, source="003", as_of=AT, forms=tmp_path)  # the same plan
    assert ours.exists()
    with transaction(engine) as session:
        assert store_plan(session, AMENDED, source="003", as_of=AT, forms=tmp_path).changes
        assert ours.exists()  # not before the commit
    assert not ours.exists() and theirs.exists()
    assert ours.parent.is_dir()  # files only: a sender writing beside one still can


def test_a_rolled_back_amendment_keeps_the_forms(migrated_url: str, tmp_path: Path) -> None:
    engine = get_engine(migrated_url)
    with transaction(engine) as session:
        store_plan(session, PLAN, source="003", as_of=AT, forms=tmp_path)
    ours, _ = _forms(tmp_path)
    with pytest.raises(RuntimeError), transaction(engine) as session:
        store_plan(session, AMENDED, source="003", as_of=AT, forms=tmp_path)
        raise RuntimeError("a later step of the import fails")
    assert ours.read_bytes() == b"old"
