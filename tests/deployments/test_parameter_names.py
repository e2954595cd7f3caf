"""Each served deployment names the parameters it takes, so the server refuses any other at
creation (a run given one would crash binding it); checked with the server's own validator."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from prefect.utilities.schema_tools.validation import validate

from deployments.local import ON_DEMAND, deployments
from flows.daily_tick import daily_tick
from flows.send_outbox import send_outbox

FLOWS = {flow.name: flow for flow, _ in ON_DEMAND} | {f.name: f for f in (daily_tick,
                                                                         send_outbox)}
SERVED = {d.name: d for d in deployments()}


def _name_errors(parameters: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """What the server's validator says about the parameters' names (not their values)."""
    return [e.message for e in validate(parameters, schema, raise_on_error=False)
            if "propertyNames" in e.schema_path]


@pytest.mark.parametrize("name", sorted(SERVED))
def test_an_unknown_parameter_is_refused_naming_it_and_the_accepted_ones(name: str) -> None:
    served = SERVED[name]
    schema = served._parameter_openapi_schema.model_dump()
    accepted = list(inspect.signature(FLOWS[served.flow_name or ""].fn).parameters)
    assert schema["propertyNames"] == {"enum": accepted}
    assert _name_errors({"khong_co": 1}, schema) == [f"'khong_co' is not one of {accepted}"]
    assert _name_errors({"Now": None}, schema) != []  # names are compared exactly
    # Every parameter of the flow, the knobs the form leaves out among them, still passes.
    assert _name_errors(dict.fromkeys(accepted), schema) == []
    assert "now" in accepted and "now" not in schema["properties"]  # a knob: hidden, allowed
