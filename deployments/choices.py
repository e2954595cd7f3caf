"""Drop-downs of what is loaded: campaigns, periods, rounds, units, plans to launch, and a
unit's report form with exactly the targets that unit reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.attainment import requirement, short_name
from models.choices import CampaignChoice, Loaded, UnitChoice
from models.lifecycle import CampaignStatus
from models.plan_parts import Target

CLOSED = CampaignStatus.CLOSED.value
TITLE_CHARS = 40  # a form's variant buttons sit in one row: short titles keep them on screen


@dataclass(frozen=True)
class Choices:
    """What the forms offer, built once from what is loaded."""

    loaded: Loaded

    def offer(self, flow_name: str, properties: dict[str, Any],
              definitions: dict[str, Any]) -> None:
        """Turn the typed fields of one flow's form into drop-downs."""
        open_ = [c for c in self.loaded.campaigns if c.status != CLOSED]
        everything = list(self.loaded.campaigns)
        if "campaign" in properties:
            _choose(properties["campaign"], [c.code for c in everything],
                    hint="Chọn trong các chiến dịch đã nạp.")
        if "campaigns" in properties:
            _choose_many(properties["campaigns"], [c.code for c in open_])
        if "period" in properties:
            _choose(properties["period"], _union(c.periods for c in everything),
                    hint="Kỳ của chiến dịch đã chọn (kỳ không có trong chiến dịch ấy bị từ "
                         "chối trước khi làm gì).")
        if "round_code" in properties:
            _choose(properties["round_code"], _union(c.rounds for c in everything),
                    hint="Đợt của chiến dịch đã chọn (đợt không có trong chiến dịch ấy bị từ "
                         "chối trước khi làm gì).")
        if "commune" in properties:
            _choose(properties["commune"], _union((c.commune,) for c in everything))
        if "plan_path" in properties:
            _choose(properties["plan_path"], self.loaded.to_launch(),
                    none_left="Chưa có kế hoạch nào đã nạp mà chưa phát động: nạp bằng "
                              "`thidua plan load <tệp>`, rồi mở lại biểu mẫu này.")
        form = properties.get("form")
        if form is None:
            return
        if flow_name == "record-unit-report":
            _variants(form, [report_form(c, units, self._label(c, units, open_))
                             for c in open_ if c.periods for units in c.unit_groups()],
                      "Chọn chiến dịch (và nhóm đơn vị báo cáo cùng chỉ tiêu) ở hàng nút trên, "
                      "rồi chọn đơn vị, kỳ và điền kết quả từng chỉ tiêu.")
        elif flow_name == "submit-nomination":
            _variants(form, [nomination_form(c, self._label(c, (), open_),
                                             definitions["NominationForm"])
                             for c in open_ if c.rounds],
                      "Chọn chiến dịch ở hàng nút trên, rồi đợt, đơn vị và người được đề nghị.")
        elif flow_name in ("import-unit-report", "import-nominations"):
            _variants(form, [file_form(c, self._label(c, (), open_), definitions["FormFile"])
                             for c in open_],
                      "Chọn chiến dịch ở hàng nút trên, rồi đường dẫn tệp Excel đơn vị gửi.")

    @staticmethod
    def _label(campaign: CampaignChoice, units: tuple[UnitChoice, ...],
               among: list[CampaignChoice]) -> str:
        same_commune = sum(c.commune == campaign.commune for c in among) > 1
        label = campaign.code if same_commune else campaign.commune
        if units and len(campaign.unit_groups()) > 1:
            label += ": " + ", ".join(u.code for u in units)
        return label if len(label) <= TITLE_CHARS else label[:TITLE_CHARS - 1] + "…"


def report_form(campaign: CampaignChoice, units: tuple[UnitChoice, ...],
                title: str) -> dict[str, Any]:
    """A unit's period report for units that report the same targets: one field per target."""
    targets = units[0].targets
    return {
        "title": title, "type": "object",
        "properties": {
            **_address(campaign),
            "unit": {"title": "Đơn vị", "type": "string", "enum": [u.label for u in units],
                     "default": units[0].label},
            "period": {"title": "Kỳ báo cáo", "type": "string", "enum": list(campaign.periods)},
            "results": {"title": "Kết quả các chỉ tiêu (số, dấu phẩy thập phân: 92,5)",
                        "type": "object",
                        "properties": {t.code: {"title": _target_title(t), "type": "string"}
                                       for t in targets},
                        "required": [t.code for t in targets], "default": {}},
            "narrative": {"title": "Thuyết minh, sáng kiến (nếu có)", "type": "string"},
            "actor": {"title": "Người nhập (ghi vào lịch sử)", "type": "string",
                      "default": "Văn phòng"},
        },
        "required": ["campaign", "unit", "period", "results"],
    }


def nomination_form(campaign: CampaignChoice, title: str,
                    base: dict[str, Any]) -> dict[str, Any]:
    """The nomination form for one campaign: its rounds and units as drop-downs."""
    return _narrowed(base, title, {
            **_address(campaign),
            "round_code": {"title": "Đợt khen thưởng", "type": "string",
                           "enum": list(campaign.rounds), "default": campaign.rounds[0]},
            "unit": {"title": "Đơn vị đề nghị", "type": "string",
                     "enum": [u.label for u in campaign.units]},
    })


def file_form(campaign: CampaignChoice, title: str, base: dict[str, Any]) -> dict[str, Any]:
    """An Excel form's checks for one campaign: its units, periods and rounds to choose."""
    return _narrowed(base, title, {
            **_address(campaign),
            "unit": {"title": "Đơn vị (để kiểm tra; để trống: theo tệp)", "type": "string",
                     "enum": [u.label for u in campaign.units]},
            "key": {"title": "Kỳ báo cáo hoặc đợt khen thưởng (để kiểm tra)", "type": "string",
                    "enum": [*campaign.periods, *campaign.rounds]},
    })


def _narrowed(base: dict[str, Any], title: str, fields: dict[str, Any]) -> dict[str, Any]:
    """A model's form with some fields replaced by drop-downs, in the model's field order."""
    properties = {name: fields.get(name, field) for name, field in base["properties"].items()}
    return {**base, "title": title, "properties": properties}


def _address(campaign: CampaignChoice) -> dict[str, Any]:
    return {"campaign": {"title": "Chiến dịch", "type": "string", "enum": [campaign.code],
                         "default": campaign.code}}


def _target_title(target: Target) -> str:
    return f"{target.code} · {short_name(target, 90)} (yêu cầu {requirement(target)})"


def _variants(form: dict[str, Any], variants: list[dict[str, Any]], how: str) -> None:
    if not variants:
        form["description"] = ("Chưa có chiến dịch nào đang chạy: nạp kế hoạch bằng "
                               "`thidua plan load <tệp>`.")
        return
    form.pop("$ref", None)
    form.pop("allOf", None)
    form["anyOf"] = variants
    form["description"] = how


def _choose(field: dict[str, Any], values: list[str], none_left: str | None = None,
            hint: str | None = None) -> None:
    if not values:
        if none_left:
            field["description"] = none_left
        return
    field.pop("anyOf", None)  # "str | None": the choice replaces the type switch
    field.update({"type": "string", "enum": values})
    if hint:
        field["description"] = hint


def _choose_many(field: dict[str, Any], values: list[str]) -> None:
    if values:
        field.pop("anyOf", None)
        field.update({"type": "array", "items": {"type": "string", "enum": values}})


def _union(groups: Any) -> list[str]:
    seen: dict[str, None] = {}
    for group in groups:
        seen.update(dict.fromkeys(group))
    return list(seen)
