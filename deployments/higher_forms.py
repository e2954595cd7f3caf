"""Two forms that belong to no running campaign's intake: `ghi-quyet-dinh-cap-tren` (the
level above's decision on a round the commune proposed to it) and `nhap-ke-hoach-excel` (a
plan workbook from the uploads)."""

from __future__ import annotations

from typing import Any

from models.choice_labels import UploadedFile, upload_labels
from tasks.records.higher_decision import Awaiting

PLAN_FORM = "plan"  # an uploaded workbook that is a plan (tasks/intake/uploads.py)


def higher_decision_fields(properties: dict[str, Any],
                           awaiting: tuple[Awaiting, ...]) -> None:
    """The rounds awaiting their decision by campaign, the Tờ trình each answers, and the
    nominations it proposed, all of them awarded unless the clerk takes some out."""
    properties["number"].update(title="Số quyết định của cấp trên",
                                description="Ví dụ 1234/QĐ-UBND.")
    dated = properties["issued_on"]
    dated.pop("anyOf", None)
    dated.update(type="string", title="Ngày quyết định (ngày/tháng/năm)",
                 description="Ví dụ 15/08/2025; không trước ngày Tờ trình.")
    properties["file"].update(
        title="Bản quyết định (nếu có)",
        description="Đường dẫn tệp đã tải lên trong thư mục uploads/ hay nhan/ của thư mục dữ "
                    "liệu; để trống nếu chưa có.")
    properties["actor"]["default"] = "Văn phòng"
    issuer, awarded = properties["issuer"], properties["awarded"]
    issuer["title"] = "Cơ quan, người quyết định"
    awarded["title"] = "Số các hồ sơ được khen"
    if not awaiting:
        properties["round_code"]["description"] = (
            "Chưa có đợt nào đã gửi Tờ trình đề nghị cấp trên mà chưa ghi quyết định.")
        awarded.pop("default", None)  # left empty, nobody would be awarded
        return
    campaigns = list(dict.fromkeys(a.campaign for a in awaiting))
    properties["campaign"].update(type="string", enum=campaigns,
                                  description="Chiến dịch có đợt đang chờ quyết định cấp trên.")
    rounds = properties["round_code"]
    rounds.pop("type", None)
    rounds["anyOf"] = [{"title": code, "type": "string",
                        "enum": [a.round_code for a in awaiting if a.campaign == code],
                        "description": "; ".join(a.label for a in awaiting
                                                 if a.campaign == code)}
                       for code in campaigns]
    rounds["description"] = "Đợt của chiến dịch đã chọn ở trên (theo Tờ trình đã gửi)."
    first = awaiting[0]
    senders = list(dict.fromkeys(a.propose_to for a in awaiting if a.propose_to))
    issuer["description"] = ("Để trống: nơi nhận Tờ trình theo kế hoạch ("
                             f"{'; '.join(senders) or 'cấp trên'}).")
    if len(senders) == 1:
        issuer["default"] = senders[0]
    proposed = {n: name for a in awaiting for n, name in a.proposed}
    awarded.pop("anyOf", None)  # "list | None": the list of those proposed replaces it
    awarded.update(type="array", items={"type": "integer", "enum": list(proposed)})
    awarded["default"] = [n for n, _ in first.proposed]
    awarded["description"] = (
        "Sẵn chọn mọi hồ sơ đã đề nghị" + (f" của đợt {first.round_code}" if len(awaiting) > 1
                                           else "") + "; bỏ số của hồ sơ không được khen. "
        + "; ".join(f"{n}: {name}" for n, name in proposed.items()))


def plan_file_form(base: dict[str, Any], uploads: tuple[UploadedFile, ...],
                   upload_page: str) -> dict[str, Any]:
    """The plan workbooks uploaded, newest first, by name and time."""
    books = [label for label, f in upload_labels(uploads).items() if f.form == PLAN_FORM]
    path: dict[str, Any] = {"title": "Bảng kế hoạch đã tải lên", "type": "string"}
    if books:
        path["enum"] = books
    else:
        path["description"] = (f"Chưa có bảng kế hoạch nào tải lên: tải lên ở {upload_page} "
                               "(mục Bảng kế hoạch), biểu mẫu có tệp để chọn sau vài giây.")
    return {**base, "title": "Bảng kế hoạch đã tải lên", "properties": {"path": path},
            "required": ["path"]}
