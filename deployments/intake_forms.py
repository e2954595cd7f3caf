"""The intake forms' choices: a nomination's round by name, its dossier parts by name and its
files from the uploads; an Excel import's workbook from the uploads; what `tra-lai` may
return, by number, unit and title. Each campaign's form offers only its own."""

from __future__ import annotations

from typing import Any

from models.choice_labels import MAX_NUMBER, UploadedFile, upload_labels
from models.choices import CampaignChoice, ReturnChoice

SCRIPTED = "Khác: gõ mã, đường dẫn"  # the last button: what scripts send, typed


def address(campaign: CampaignChoice) -> dict[str, Any]:
    """The campaign of a variant: the one its button chose."""
    return {"campaign": {"title": "Chiến dịch", "type": "string", "enum": [campaign.code],
                         "default": campaign.code}}


def nomination_form(campaign: CampaignChoice, title: str, base: dict[str, Any],
                    uploads: tuple[UploadedFile, ...], upload_page: str) -> dict[str, Any]:
    """One campaign's nomination form: the rounds taking dossiers by name, its units, the
    plan's initiative recognisers, and per dossier part a file uploaded for the campaign."""
    rounds = campaign.intake_rounds()
    parts = list(dict.fromkeys(p.label for r in rounds for p in r.parts))
    files = [label for label, f in upload_labels(uploads).items()
             if f.campaign == campaign.code and f.form is None]
    fields: dict[str, Any] = {
        **address(campaign),
        "round_code": {"title": "Đợt khen thưởng", "type": "string",
                       "enum": [r.label for r in rounds], "default": rounds[0].label},
        "unit": {"title": "Đơn vị đề nghị", "type": "string",
                 "enum": [u.label for u in campaign.units]},
        "documents": {"title": "Tệp hồ sơ theo từng thành phần", "type": "array",
                      "default": [], "items": {
                          "title": "Tệp hồ sơ", "type": "object",
                          "properties": {
                              "part": _one_of("Thành phần hồ sơ", parts),
                              "path": _one_of("Tệp đã tải lên", files, _none_uploaded(
                                  "tệp hồ sơ", upload_page))},
                          "required": ["part", "path"]}},
    }
    if campaign.recognisers:
        fields["initiative_recognised_by"] = {
            "title": "Cấp công nhận sáng kiến", "type": "string",
            "enum": list(campaign.recognisers)}
    form = _narrowed(base, title, fields)
    del form["properties"]["folder"]  # files come from the uploads, chosen one by one
    # Required, and may stay empty: the UI then draws no English "(Optional)" beside it.
    form["required"] = [*form.get("required", []), "documents", "gender"]
    return form


def file_form(campaign: CampaignChoice, title: str, base: dict[str, Any], kind: str,
              uploads: tuple[UploadedFile, ...], upload_page: str) -> dict[str, Any]:
    """One campaign's Excel import: a workbook of this kind uploaded for it, and optionally
    the unit and period or round it must be for."""
    books = [label for label, f in upload_labels(uploads).items()
             if f.campaign == campaign.code and f.form == kind]
    keys = list(campaign.periods) if kind == "report" else [
        r.label for r in campaign.intake_rounds()]
    fields: dict[str, Any] = {
        **address(campaign),
        "path": _one_of("Tệp Excel đã tải lên", books, _none_uploaded(
            "báo cáo kỳ" if kind == "report" else "danh sách khen thưởng", upload_page)),
        "unit": {"title": "Đơn vị (để kiểm tra; để trống: theo tệp)", "type": "string",
                 "enum": [u.label for u in campaign.units]},
    }
    if keys:
        fields["key"] = {"title": "Kỳ báo cáo (để kiểm tra)" if kind == "report" else
                         "Đợt khen thưởng (để kiểm tra)", "type": "string", "enum": keys}
    else:
        fields["key"] = None
    form = _narrowed(base, title, fields)
    form["required"] = ["campaign", "path"]
    return form


def scripted(base: dict[str, Any]) -> dict[str, Any]:
    """The model's own fields, typed: codes and paths on the server, as a script sends them."""
    return {**base, "title": SCRIPTED}


def returned_field(field: dict[str, Any], returnables: tuple[ReturnChoice, ...]
                   ) -> dict[str, Any]:
    """`tra-lai`'s number: chosen among what may be returned, or typed within bounds."""
    typed = {"title": "Gõ số", "type": "integer", "minimum": 1, "maximum": MAX_NUMBER,
             "description": "Số báo cáo hoặc số hồ sơ (trong kết quả của lần nhập)."}
    kept = {k: v for k, v in field.items() if k in ("title", "position")}
    if not returnables:
        return {**kept, **typed, "title": field.get("title", "Số"),
                "description": "Chưa có báo cáo hay hồ sơ nào chờ trả lại (đã gửi, chưa trả "
                               "lại, chưa đưa ra Hội đồng); có thể gõ số."}
    return {**kept, "description": "Chọn báo cáo hoặc hồ sơ trong danh sách (mới nhất trước).",
            "anyOf": [{"title": "Chọn trong danh sách", "type": "string",
                       "enum": [r.label for r in returnables]}, typed]}


def _one_of(title: str, values: list[str], none_left: str | None = None) -> dict[str, Any]:
    if values:
        return {"title": title, "type": "string", "enum": values}
    return {"title": title, "type": "string", "description": none_left or ""}


def _none_uploaded(what: str, upload_page: str) -> str:
    return (f"Chưa có {what} nào tải lên cho chiến dịch này: tải lên ở {upload_page}, biểu mẫu "
            "có tệp để chọn sau vài giây.")


def _narrowed(base: dict[str, Any], title: str, fields: dict[str, Any]) -> dict[str, Any]:
    """A model's form with some fields replaced by drop-downs (None: left out), in the model's
    field order."""
    properties = {name: fields.get(name, field) for name, field in base["properties"].items()}
    return {**base, "title": title,
            "properties": {name: field for name, field in properties.items()
                           if field is not None}}
