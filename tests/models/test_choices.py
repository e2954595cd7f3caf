"""Choices: a typed campaign, period, round or unit is refused naming the valid ones."""

from __future__ import annotations

import pytest

from models.choices import Loaded, campaign_choice, check_choice, code_of
from models.refusal import Refused
from tasks.plans.files import read_plan
from tests.conftest import REPO

HUNG_THANG = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
LOADED = Loaded((campaign_choice(HUNG_THANG, status="running", source="003.yaml",
                                 launched=False, periods=("2025-Q3", "2025-YEAR"),
                                 rounds=("tong-ket-2025",)),))


@pytest.mark.parametrize(("chosen", "code"), [
    ("KT — Phòng Kinh tế", "KT"), ("KT", "KT"), (" VP — Văn phòng — HĐND", "VP")])
def test_code_of_a_drop_down_choice(chosen: str, code: str) -> None:
    assert code_of(chosen) == code


@pytest.mark.parametrize(("kwargs", "said"), [
    ({"campaign": "hung-thang"}, "Các chiến dịch đã nạp: hung-thang-cchc-2025-h2"),
    ({"campaign": HUNG_THANG.code, "period": "2025-Q1"}, "Các kỳ: 2025-Q3, 2025-YEAR"),
    ({"campaign": HUNG_THANG.code, "round_code": "hang-nam"}, "Các đợt: tong-ket-2025"),
    ({"campaign": HUNG_THANG.code, "unit": "XX — Không có"}, "Các đơn vị: VP, "),
])
def test_a_wrong_choice_is_refused_with_the_valid_ones(kwargs: dict[str, str], said: str) -> None:
    campaign = kwargs.pop("campaign")
    with pytest.raises(Refused) as refused:
        check_choice(LOADED, campaign, **kwargs)
    assert said in str(refused.value) and "\n" not in str(refused.value)


def test_a_right_choice_passes_label_or_code() -> None:
    check_choice(LOADED, HUNG_THANG.code, period="2025-YEAR", round_code="tong-ket-2025",
                 unit="VP — Văn phòng")
    check_choice(LOADED, HUNG_THANG.code, unit="VP")


def test_units_reporting_the_same_targets_share_a_form() -> None:
    [campaign] = LOADED.campaigns
    groups = campaign.unit_groups()
    assert sum(len(g) for g in groups) == len(HUNG_THANG.units)
    for group in groups:
        assert len({tuple(t.code for t in u.targets) for u in group}) == 1
    assert LOADED.to_launch() == ["003.yaml"]
