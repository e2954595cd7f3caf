"""The staff's forms: each deployment's parameter schema in Vietnamese, internal knobs left
out of the form (the server still checks them), every whole number bounded, and what is loaded
offered as drop-downs (deployments/choices.py builds those)."""

from __future__ import annotations

import copy
from typing import Any

from prefect.utilities.callables import ParameterSchema

from deployments.choices import Choices

# Knobs for simulation, tests and scaling: a run started by a script may still pass them, but
# the staff's form does not show them.
HIDDEN = frozenset({"now", "poll_seconds", "wait_seconds", "senders", "batch"})
# What a form's own choice already says: `tra-lai`'s list names a report or a dossier.
HIDDEN_BY_FLOW = {"return-for-correction": frozenset({"what"})}
# Fields a flow gives a default only so that scripts may call it as before; staff fill them.
REQUIRED_BY_FLOW = {"return-for-correction": ("number", "reason")}
# The server stores parameters as JSON and lists runs with orjson, which refuses a whole
# number beyond 64 bits: one such run made the Runs page answer HTTP 500 for everybody.
INT64 = (-(2**63), 2**63 - 1)

TITLES = {
    "as_of": "Ngày",
    "campaign": "Chiến dịch",
    "campaigns": "Chiến dịch (để trống: mọi chiến dịch đã phát động)",
    "period": "Kỳ báo cáo",
    "round_code": "Đợt khen thưởng",
    "plan_path": "Kế hoạch cần phát động",
    "final": "Bản chính thức gửi cấp trên",
    "what": "Trả lại",
    "number": "Số báo cáo / số hồ sơ",
    "reason": "Lý do trả lại",
    "actor": "Người thực hiện (ghi vào lịch sử)",
    "form": "Biểu mẫu",
    "commune": "Xã/phường",
    "year": "Năm",
    "symbol": "Ký hiệu sổ",
    "last": "Số cuối đã cấp",
}

# The models' own names and docstrings are English; the form shows these titles instead.
DEFINITION_TITLES = {
    "UnitReportForm": "Báo cáo kỳ của đơn vị",
    "TargetEntry": "Kết quả một chỉ tiêu",
    "NominationForm": "Hồ sơ đề nghị khen thưởng",
    "NomineeKind": "Tập thể / Cá nhân",
    "Rating": "Xếp loại năm",
    "DossierPath": "Tệp hồ sơ",
    "FormFile": "Tệp Excel của đơn vị",
    "Returnable": "Loại",
}


class StaffSchema(ParameterSchema):
    """A parameter schema that keeps `allOf`: the checks of the fields the form leaves out."""

    model_config = {**ParameterSchema.model_config, "extra": "allow"}


def staff_parameters(flow_name: str, schema: dict[str, Any],
                     choices: Choices) -> StaffSchema:
    """The deployment's parameter schema for staff (see staff_schema)."""
    return StaffSchema.model_validate(staff_schema(flow_name, schema, choices))


def staff_schema(flow_name: str, schema: dict[str, Any], choices: Choices) -> dict[str, Any]:
    """The deployment's form for staff: Vietnamese titles, no knobs, drop-downs of what is
    loaded. The knobs go under `allOf`, which the UI does not draw and the server checks."""
    shaped = copy.deepcopy(schema)
    properties: dict[str, Any] = shaped.setdefault("properties", {})
    accepted = list(properties)  # the flow's own parameters, the hidden knobs among them
    left_out = HIDDEN | HIDDEN_BY_FLOW.get(flow_name, frozenset())
    hidden = {name: properties.pop(name) for name in sorted(left_out & properties.keys())}
    for name in REQUIRED_BY_FLOW.get(flow_name, ()):
        properties.get(name, {}).pop("default", None)  # nothing filled in for the clerk
    required = [*shaped.get("required", []), *REQUIRED_BY_FLOW.get(flow_name, ())]
    shaped["required"] = [r for r in dict.fromkeys(required) if r in properties]
    for name, field in properties.items():
        field["title"] = TITLES.get(name, field.get("title", name))
    for name, definition in shaped.get("definitions", {}).items():
        definition.pop("description", None)  # a docstring, in English
        definition["title"] = DEFINITION_TITLES.get(name, definition.get("title", name))
    choices.offer(flow_name, properties, shaped.get("definitions", {}))
    plain: dict[str, Any] = _without_none_switch(shaped)
    if hidden:
        plain["allOf"] = [{"properties": hidden}]
    # The server refuses a run with any other name at creation (409, naming it and these):
    # the run's process would otherwise crash binding it, with a traceback.
    plain["propertyNames"] = {"enum": accepted}
    _bounded(plain)
    return plain


def _bounded(node: Any) -> None:
    """Every whole number anywhere in the schema within 64 bits, unless bounded closer."""
    if isinstance(node, list):
        for item in node:
            _bounded(item)
    elif isinstance(node, dict):
        if node.get("type") == "integer":
            node["minimum"] = max(node.get("minimum", INT64[0]), INT64[0])
            node["maximum"] = min(node.get("maximum", INT64[1]), INT64[1])
        for value in node.values():
            _bounded(value)


def _without_none_switch(node: Any) -> Any:
    """An optional field as a plain field: the UI would show an English "str | None" switch,
    and an empty field already means none."""
    if isinstance(node, list):
        return [_without_none_switch(item) for item in node]
    if not isinstance(node, dict):
        return node
    shaped = {key: _without_none_switch(value) for key, value in node.items()}
    options = shaped.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options and len(options) == 2:
        [kept] = [option for option in options if option != {"type": "null"}]
        del shaped["anyOf"]
        shaped.update(kept)
        if shaped.get("default", "") is None:
            # An empty list means "all" (daily-tick's campaigns); other fields go unset.
            if shaped.get("type") == "array":
                shaped["default"] = []
            else:
                del shaped["default"]
    return shaped
