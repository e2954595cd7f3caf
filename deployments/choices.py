"""Drop-downs of what is loaded: campaigns, periods, rounds, units, plans to launch, a unit's
report form with exactly the targets that unit reports, and (deployments/intake_forms.py)
the nomination, import and return forms with uploaded files and labels instead of codes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from deployments.higher_forms import higher_decision_fields, plan_file_form
from deployments.intake_forms import (
    address,
    file_form,
    nomination_form,
    returned_field,
    scripted,
)
from models.attainment import requirement, short_name
from models.choice_labels import UploadedFile, plan_label
from models.choices import CampaignChoice, Loaded, UnitChoice
from models.lifecycle import CampaignStatus
from models.plan_parts import Target
from tasks.records.higher_decision import Awaiting

CLOSED = CampaignStatus.CLOSED.value
TITLE_CHARS = 40  # a form's variant buttons sit in one row: short titles keep them on screen


@dataclass(frozen=True)
class Choices:
    """What the forms offer, built once from what is loaded and what was uploaded."""

    loaded: Loaded
    uploads: tuple[UploadedFile, ...] = ()
    upload_page: str = "http://127.0.0.1:4201/tai-len"
    awaiting: tuple[Awaiting, ...] = ()  # rounds proposed upwards, their decision not recorded

    def offer(self, flow_name: str, properties: dict[str, Any],
              definitions: dict[str, Any]) -> None:
        """Turn the typed fields of one flow's form into drop-downs."""
        if flow_name == "record-higher-decision":
            higher_decision_fields(properties, self.awaiting)
            return
        open_ = [c for c in self.loaded.campaigns if c.status != CLOSED]
        everything = list(self.loaded.campaigns)
        if "round_code" in properties:  # the council's: each campaign's rounds on a tab
            everything = [c for c in open_ if c.review_rounds()]
            _council_rounds(properties["round_code"], everything)
        if "campaign" in properties:
            _choose(properties["campaign"], [c.code for c in everything],
                    hint="Chọn trong các chiến dịch đã nạp.")
        if "campaigns" in properties:
            _choose_many(properties["campaigns"], [c.code for c in open_ if c.launched])
        if "period" in properties:
            _choose(properties["period"], _union(c.periods for c in everything),
                    hint="Kỳ của chiến dịch đã chọn (kỳ không có trong chiến dịch ấy bị từ "
                         "chối trước khi làm gì).")
        if "commune" in properties:
            _choose(properties["commune"], _union((c.commune,) for c in everything))
        if "plan_path" in properties:
            self._plans(properties["plan_path"])
        if "number" in properties and flow_name == "return-for-correction":
            properties["number"] = returned_field(properties["number"], self.loaded.returnables)
        form = properties.get("form")
        if form is not None:
            self._form(flow_name, form, definitions, open_)

    def _form(self, flow_name: str, form: dict[str, Any], definitions: dict[str, Any],
              open_: list[CampaignChoice]) -> None:
        if flow_name == "record-unit-report":
            _variants(form, [report_form(c, units, self._label(c, units, open_))
                             for c in open_ if c.periods for units in c.unit_groups()],
                      "Chọn chiến dịch (và nhóm đơn vị báo cáo cùng chỉ tiêu) ở hàng nút trên, "
                      "rồi chọn đơn vị, kỳ và điền kết quả từng chỉ tiêu.",
                      _none_left(open_, "kỳ báo cáo", "không có báo cáo kỳ để nhập"))
        elif flow_name == "submit-nomination":
            base = definitions["NominationForm"]
            _variants(form, [nomination_form(c, self._label(c, (), open_), base, self.uploads,
                                             self.upload_page)
                             for c in open_ if c.intake_rounds()],
                      "Chọn chiến dịch ở hàng nút trên, rồi đợt, đơn vị, người được đề nghị và "
                      f"các tệp hồ sơ đã tải lên ({self.upload_page}).",
                      _none_left(open_, "đợt khen thưởng nào đang nhận hồ sơ",
                                 "không có hồ sơ để nhập"), scripted(base))
        elif flow_name in ("import-unit-report", "import-nominations"):
            kind = "report" if flow_name == "import-unit-report" else "nomination"
            base = definitions["FormFile"]
            _variants(form, [file_form(c, self._label(c, (), open_), base, kind, self.uploads,
                                       self.upload_page) for c in open_],
                      "Chọn chiến dịch ở hàng nút trên, rồi tệp Excel đã tải lên "
                      f"({self.upload_page}).", None, scripted(base))
        elif flow_name == "import-plan":
            base = definitions["PlanFile"]
            _variants(form, [plan_file_form(base, self.uploads, self.upload_page)],
                      "Chọn bảng kế hoạch Excel đã tải lên "
                      f"({self.upload_page}, mục Bảng kế hoạch).", None, scripted(base))

    def _plans(self, field: dict[str, Any]) -> None:
        waiting = [c for c in self.loaded.campaigns if not c.launched]
        if not waiting:
            field["description"] = ("Chưa có kế hoạch nào đã nạp mà chưa phát động: nạp bằng "
                                    "`thidua plan load <tệp>`, rồi mở lại biểu mẫu này.")
            return
        field.pop("type", None)
        field["anyOf"] = [  # by commune and title; a script names the file on the second tab
            {"title": "Kế hoạch", "type": "string",
             "enum": [plan_label(c.commune, c.title, c.source) for c in waiting]},
            {"title": "Tệp kế hoạch", "type": "string", "enum": [c.source for c in waiting]}]
        field["description"] = "Các kế hoạch đã nạp (thidua plan load) mà chưa phát động."

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
            **address(campaign),
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


def _council_rounds(field: dict[str, Any], campaigns: list[CampaignChoice]) -> None:
    # council-review takes a round's code: each campaign's reviewable rounds on a tab of their
    # own, their names and dossiers said under the list.
    if not campaigns:
        field["description"] = ("Không còn đợt nào chờ Hội đồng xét (đợt đã xét không được xét "
                                "lại).")
        return
    field.pop("anyOf", None)
    field.pop("type", None)
    field["anyOf"] = [{
        "title": c.commune, "type": "string", "enum": [r.code for r in c.review_rounds()],
        "description": _dossiers_in(c)} for c in campaigns]
    field["description"] = ("Chọn xã của chiến dịch đã chọn ở trên, rồi đợt (đợt đã xét không "
                            "được xét lại).")


def _dossiers_in(campaign: CampaignChoice) -> str:
    rounds = campaign.review_rounds()
    said = [f"{r.code}: {r.label} ({r.state.dossiers} hồ sơ)" for r in rounds
            if r.state.dossiers]
    rest = len(rounds) - len(said)
    return "; ".join(said + ([f"{rest} đợt khác chưa có hồ sơ"] if rest else []))


def _target_title(target: Target) -> str:
    return f"{target.code} · {short_name(target, 90)} (yêu cầu {requirement(target)})"


def _none_left(open_: list[CampaignChoice], what: str, so: str) -> str | None:
    if not open_:
        return None
    running = ", ".join(dict.fromkeys(c.commune for c in open_))
    return f"Các chiến dịch đang chạy ({running}) không có {what}: {so}."


def _variants(form: dict[str, Any], variants: list[dict[str, Any]], how: str,
              none_left: str | None, fallback: dict[str, Any] | None = None) -> None:
    if not variants:
        form["description"] = none_left or ("Chưa có chiến dịch nào đang chạy: nạp kế hoạch "
                                            "bằng `thidua plan load <tệp>`.")
        return
    form.pop("$ref", None)
    form.pop("allOf", None)
    form["anyOf"] = variants + ([fallback] if fallback else [])
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
        field.update({"type": "array", "items": {"type": "string", "enum": values},
                      "default": []})  # left empty: all of them


def _union(groups: Any) -> list[str]:
    seen: dict[str, None] = {}
    for group in groups:
        seen.update(dict.fromkeys(group))
    return list(seen)
