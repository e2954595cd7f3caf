"""daily-tick's form: only launched campaigns offered, left empty it means all of them."""

from __future__ import annotations

from typing import Any

from prefect.utilities.schema_tools.validation import validate

from infra.database import get_engine
from tasks.plans.files import read_plan
from tasks.records.choices import mark_launched

# The five seeds loaded in a fresh database: test_forms' fixture, shared.
from tests.deployments.test_forms import LOADED_AT, SEEDS, forms, seeded  # noqa: F401


def _tick_form(url: str) -> dict[str, Any]:
    return forms(url)["hang-ngay"]


def test_the_ticks_campaigns_are_those_launched_and_empty_is_its_default(seeded: str) -> None:  # noqa: F811
    launched = read_plan(SEEDS[1]).code
    mark_launched(get_engine(seeded), launched, LOADED_AT)
    form = _tick_form(seeded)
    field = form["properties"]["campaigns"]
    assert field["items"]["enum"] == [launched]
    assert field["default"] == []
    # What the UI sends when the clerk leaves the field empty, as the server checks it.
    assert validate({"campaigns": field["default"]}, form, raise_on_error=False) == []
    assert validate({"campaigns": None}, form, raise_on_error=False) != []
    assert validate({"campaigns": ["chua-phat-dong"]}, form, raise_on_error=False) != []


def test_with_nothing_launched_the_field_is_still_an_empty_list(seeded: str) -> None:  # noqa: F811
    field = _tick_form(seeded)["properties"]["campaigns"]
    assert field["type"] == "array" and field["default"] == []
