"""The upload page itself: plain HTML in Vietnamese, no script, nothing fetched from elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from models.choice_labels import UploadedFile

RECENT = 20  # uploads listed under the forms
STYLE = """body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1b1b1b}section{border:1px solid #ccc;border-radius:6px;padding:1rem 1.25rem;margin:1rem 0}
label{display:block;margin:.9rem 0 .25rem}input,select,button{font:inherit}
button{margin-top:.75rem}
button{padding:.4rem 1.2rem}.ok{background:#e8f5e9;border-color:#66bb6a}
.bad{background:#fdecea;border-color:#e57373}td,th{padding:.2rem .6rem;text-align:left}
small{color:#555}"""
FORMS = ("nhap-bao-cao-excel (báo cáo kỳ), nhap-khen-thuong-excel (danh sách khen thưởng), "
         "nhap-ho-so (một hồ sơ) và nhap-ke-hoach-excel (bảng kế hoạch)")


@dataclass(frozen=True)
class Shown:
    """What the page says above its forms: the files just kept, or why none was."""

    stored: dict[str, UploadedFile] = field(default_factory=dict)  # by label
    problems: list[str] = field(default_factory=list)


def page(shown: Shown, units: dict[tuple[str, str], tuple[str, str]],
         recent: list[UploadedFile]) -> str:
    """The whole page: what just happened, the two forms, the latest uploads."""
    return (f'<!doctype html><html lang="vi"><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Tải tệp lên – thidua</title><style>{STYLE}</style>"
            f"<h1>Tải tệp lên</h1><p>Tệp tải lên ở đây có trong các biểu mẫu {FORMS} của "
            "giao diện Prefect sau vài giây: chọn tệp trong danh sách, không phải gõ đường dẫn."
            f"</p>{_outcome(shown)}{_workbook_form()}{_dossier_form(units)}{_recent(recent)}"
            "</html>")


def _outcome(shown: Shown) -> str:
    if shown.problems:
        rows = "".join(f"<li>{escape(p)}</li>" for p in shown.problems)
        return (f'<section class="bad" role="alert"><h2>Chưa tải lên: không tệp nào được giữ'
                f"</h2><ul>{rows}</ul></section>")
    if shown.stored:
        rows = "".join(f"<li>{escape(label)}</li>" for label in shown.stored)
        return (f'<section class="ok" role="status"><h2>Đã tải lên {len(shown.stored)} tệp'
                f"</h2><ul>{rows}</ul><p>Mở biểu mẫu trong giao diện Prefect (Deployments → "
                "tên → Run → Custom run) và chọn tệp theo tên trên.</p></section>")
    return ""


def _workbook_form() -> str:
    return ('<section><h2>1. Biểu mẫu Excel của đơn vị</h2><form method="post" '
            'enctype="multipart/form-data" action="/tai-len">'
            '<label for="bieu-mau">Tệp Excel (.xlsx) đơn vị đã điền (báo cáo kỳ hoặc danh sách '
            'đề nghị khen thưởng), hoặc bảng kế hoạch của xã (thidua form plan)</label>'
            '<input type="file" id="bieu-mau" name="bieu-mau" '
            'accept=".xlsx" required><label for="tep-kem">Các tệp hồ sơ ghi trong danh sách '
            "khen thưởng (nếu có; giữ nguyên tên tệp như đã ghi trong danh sách)</label>"
            '<input type="file" id="tep-kem" name="tep" multiple>'
            "<p><small>Đơn vị, kỳ hoặc đợt được đọc từ chính biểu mẫu; bảng kế hoạch được "
            "nhập bằng nhap-ke-hoach-excel.</small></p>"
            '<button type="submit">Tải lên</button></form></section>')


def _dossier_form(units: dict[tuple[str, str], tuple[str, str]]) -> str:
    groups: dict[str, list[str]] = {}
    for (campaign, code), (commune, label) in units.items():
        value = escape(f"{campaign}|{code}")
        groups.setdefault(commune, []).append(f'<option value="{value}">{escape(label)}'
                                              "</option>")
    options = "".join(f'<optgroup label="{escape(commune)}">{"".join(rows)}</optgroup>'
                      for commune, rows in groups.items())
    if not options:
        return ("<section><h2>2. Tệp hồ sơ của một đơn vị</h2><p>Chưa có chiến dịch nào đang "
                "chạy: nạp và phát động kế hoạch trước.</p></section>")
    return ('<section><h2>2. Tệp hồ sơ của một đơn vị</h2><form method="post" '
            'enctype="multipart/form-data" action="/tai-len">'
            '<label for="don-vi">Đơn vị</label><select id="don-vi" name="don-vi" required>'
            f'<option value="">— chọn đơn vị —</option>{options}</select>'
            '<label for="tep-don-vi">Các tệp hồ sơ (PDF, Word, Excel, JPEG, PNG; mỗi tệp tối đa '
            '20 MB)</label><input type="file" id="tep-don-vi" name="tep" multiple required>'
            "<p><small>Trên biểu mẫu nhap-ho-so, chọn từng tệp cho thành phần hồ sơ của nó."
            '</small></p><button type="submit">Tải lên</button></form></section>')


def _recent(recent: list[UploadedFile]) -> str:
    if not recent:
        return ""
    rows = "".join(f"<tr><td>{escape(f.original)}</td><td>{escape(f.unit or '')}</td>"
                   f"<td>{f.uploaded_at:%H:%M:%S %d/%m/%Y}</td></tr>" for f in recent[:RECENT])
    return ("<section><h2>Đã tải lên gần đây</h2><table><tr><th>Tệp</th><th>Đơn vị</th>"
            f"<th>Lúc</th></tr>{rows}</table></section>")
