"""The plan workbook's sheets for the plan itself, its units, reporting, targets, tasks and
reminders: labels and instructions, in Vietnamese (the form and default are added from the
model); the rounds' sheets are in plan_sheet_rounds.py."""

from __future__ import annotations

from models.plan_sheet_types import Column as C, Sheet

_CONTACT = ("name", "Họ và tên", "Ví dụ: Nguyễn Văn An"), \
    ("title", "Chức vụ", "Ví dụ: Trưởng phòng Kinh tế"), \
    ("email", "Email", "Địa chỉ nhận thư nhắc việc, ví dụ: kt@xa.gov.vn"), \
    ("zalo_user_id", "Mã Zalo", "Mã người dùng Zalo OA (6–25 chữ số), do Văn phòng cung cấp"), \
    ("phone", "Điện thoại di động", "Ví dụ: 0912345678")


def contact(prefix: str, who: str) -> tuple[C, ...]:
    """The columns of a person: name, title, email, Zalo id, mobile."""
    return tuple(C(f"{prefix}.{key}", f"{label} {who}".strip(), hint)
                 for key, label, hint in _CONTACT)


PLAN = Sheet("Kế hoạch", "fields", "", "Thông tin chung của văn bản: số, ngày, trích yếu, "
             "người ký, thời gian thực hiện. Ô màu vàng là ô cần điền.", (
    C("code", "Mã kế hoạch", "Mã riêng, không trùng kế hoạch khác, ví dụ: vinh-thuy-cchc-2026"),
    C("document_kind", "Loại văn bản", "Kế hoạch, Thông báo, Hướng dẫn, Chương trình hoặc "
      "Phương án"),
    C("number", "Số, ký hiệu", "Ví dụ: 148/KH-UBND; để trống nếu chưa có số"),
    C("title", "Trích yếu", "Như dòng trích yếu của văn bản"),
    C("issued_on", "Ngày ban hành", "Ví dụ: 23/07/2025; để trống nếu chưa ban hành"),
    C("issuer", "Cơ quan ban hành", "Ví dụ: UBND xã Vĩnh Thủy"),
    C("signed_file", "Tệp văn bản đã ký", "Tên tệp .pdf hoặc .docx đặt cùng thư mục với tệp "
      "Excel này; thư phát động sẽ đính kèm"),
    C("commune.name", "Tên xã, phường", "Ví dụ: Vĩnh Thủy"),
    C("commune.kind", "Cấp", "xã, phường hoặc đặc khu"),
    C("commune.province", "Tỉnh, thành phố", "Ví dụ: Tỉnh Quảng Trị"),
    C("subject.name", "Lĩnh vực thi đua", "Các văn bản ghi “trong công tác …”, ví dụ: cải cách "
      "hành chính; để trống nếu không có"),
    C("subject.short", "Tên viết tắt của lĩnh vực", "Ví dụ: CCHC"),
    C("window.start", "Thực hiện từ ngày", "Ngày bắt đầu phong trào, ví dụ: 01/07/2025"),
    C("window.end", "Thực hiện đến ngày", "Ngày kết thúc phong trào, ví dụ: 31/12/2025"),
    C("standing_office", "Cơ quan thường trực", "Mã đơn vị tham mưu, theo dõi (trang Đơn vị)",
      pick="units"),
    C("signer.on_behalf", "Thẩm quyền ký", "Ví dụ: TM. ỦY BAN NHÂN DÂN; để trống nếu văn bản "
      "không ghi"),
    C("signer.acting_for", "Ký thay", "Ví dụ: KT. CHỦ TỊCH; để trống nếu Chủ tịch ký"),
    C("signer.title", "Chức vụ người ký", "Ví dụ: CHỦ TỊCH hoặc PHÓ CHỦ TỊCH"),
    C("signer.name", "Họ tên người ký", "Ví dụ: Thái Nam Sơn"),
    *contact("chairman", "Chủ tịch UBND"),
))

LEGAL_BASES = Sheet("Căn cứ", "lines", "legal_bases", "Mỗi dòng một căn cứ, chép như văn bản.",
                    (C("legal_bases", "Căn cứ", "Ví dụ: Luật Thi đua, khen thưởng ngày "
                       "15/6/2022"),))
DISTRIBUTION = Sheet("Nơi nhận", "lines", "distribution", "Mỗi dòng một nơi nhận, như văn bản.",
                     (C("distribution", "Nơi nhận", "Ví dụ: Lưu: VT, VHXH"),))
NOTES = Sheet("Ghi chú", "lines", "notes", "Ghi chú của Văn phòng, mỗi dòng một ý.",
              (C("notes", "Ghi chú", "Điều giả định hoặc còn phải bổ sung"),))

UNITS = Sheet("Đơn vị", "table", "units[]", "Mỗi dòng một đơn vị tham gia và người đứng đầu "
              "(người nhận nhắc việc).", (
    C("units[].code", "Mã đơn vị", "Viết tắt, không trùng, ví dụ: VP, KT, THON01"),
    C("units[].name", "Tên đơn vị", "Ví dụ: Phòng Kinh tế"),
    C("units[].kind", "Loại đơn vị", "Chọn loại"),
    *contact("units[].head", "người đứng đầu"),
), rows=200)
MEMBERS = Sheet("Người liên hệ", "table", "units[].members[]", "Người nhận nhắc việc khác của "
                "đơn vị (ngoài người đứng đầu), mỗi dòng một người.",
                contact("units[].members[]", ""), rows=100)
GROUPS = Sheet("Nhóm đơn vị", "table", "groups[]", "Các đơn vị kế hoạch gọi chung một tên "
               "(“các thôn”, “các đoàn thể”); dùng mã nhóm ở nơi ghi mã đơn vị.", (
    C("groups[].code", "Mã nhóm", "Ví dụ: cac-thon"),
    C("groups[].name", "Tên nhóm", "Ví dụ: Các thôn"),
    C("groups[].units", "Các đơn vị", "Mã đơn vị, ví dụ: THON01, THON02"),
))

REPORTING = Sheet("Báo cáo", "fields", "reporting", "Báo cáo định kỳ: các đơn vị gửi cơ quan "
                  "thường trực, xã gửi cấp trên. Để trống cả trang nếu kế hoạch không yêu "
                  "cầu báo cáo.", (
    C("reporting.recipient", "Xã báo cáo về", "Cấp trên nhận báo cáo của xã, ví dụ: Sở Nội vụ"),
    C("reporting.recipient_unit", "Đơn vị nhận báo cáo của các đơn vị",
      "Để trống là cơ quan thường trực", pick="units"),
    C("reporting.reporters", "Đơn vị phải báo cáo", "Mã đơn vị hoặc nhóm"),
    C("reporting.periods", "Kỳ báo cáo", "Ví dụ: Quý I, 6 tháng, 9 tháng, Năm"),
    C("reporting.due.day_of_last_month", "Hạn báo cáo của xã: ngày", "Ngày của tháng cuối kỳ, "
      "ví dụ 15"),
    C("reporting.due.wording", "Hạn báo cáo của xã: cách ghi", "chậm nhất (tính cả ngày đó) "
      "hoặc trước ngày"),
    C("reporting.due.source", "Hạn báo cáo của xã: theo văn bản", "Văn bản quy định hạn này"),
    C("reporting.units_due.day_of_last_month", "Hạn của các đơn vị: ngày",
      "Khi kế hoạch ghi hạn riêng của các đơn vị; để trống cả ba ô nếu không"),
    C("reporting.units_due.wording", "Hạn của các đơn vị: cách ghi", "chậm nhất hoặc trước ngày"),
    C("reporting.units_due.source", "Hạn của các đơn vị: theo văn bản", "Văn bản quy định"),
    C("reporting.units_lead_days", "Đơn vị nộp trước hạn của xã", "Số ngày làm việc, khi kế "
      "hoạch không ghi hạn riêng của đơn vị"),
    C("reporting.late", "Báo cáo nộp muộn", "Nhận và ghi là nộp muộn, hoặc không nhận"),
))
REPORTS = Sheet("Báo cáo một lần", "table", "reporting.reports[]", "Báo cáo các đơn vị nộp một "
                "lần (ví dụ báo cáo tổng kết), mỗi dòng một báo cáo.", (
    C("reporting.reports[].code", "Mã báo cáo", "Ví dụ: tong-ket-2025"),
    C("reporting.reports[].title", "Tên báo cáo", "Ví dụ: Báo cáo tổng kết phong trào năm 2025"),
    C("reporting.reports[].due", "Hạn nộp", "Ví dụ: trước ngày 30/11/2025"),
    C("reporting.reports[].recipient_label", "Nơi nhận (như kế hoạch ghi)",
      "Ví dụ: Thường trực Hội đồng Thi đua - Khen thưởng xã"),
))
RECIPIENTS = Sheet("Đổi nơi nhận", "table", "reporting.recipient_changes[]", "Từ một ngày, xã "
                   "báo cáo về nơi khác (ví dụ sau khi không còn cấp huyện).", (
    C("reporting.recipient_changes[].start", "Từ ngày", "Ví dụ: 01/07/2025"),
    C("reporting.recipient_changes[].recipient", "Nơi nhận mới", "Ví dụ: Sở Nội vụ"),
    C("reporting.recipient_changes[].reason", "Lý do", "Ví dụ: không còn cấp huyện"),
))

TARGETS = Sheet("Chỉ tiêu", "table", "targets[]", "Mỗi dòng một chỉ tiêu thi đua.", (
    C("targets[].code", "Mã chỉ tiêu", "Ví dụ: T01"),
    C("targets[].text", "Nội dung chỉ tiêu", "Chép như kế hoạch"),
    C("targets[].metric", "Mã số liệu", "Tên ngắn của số liệu, ví dụ: ty_le_ho_so_dung_han"),
    C("targets[].comparator", "So sánh", "Chọn cách so với mức"),
    C("targets[].threshold", "Mức", "Ví dụ: 95; để trống nếu định tính"),
    C("targets[].unit", "Đơn vị tính", "%, số lượng, thứ hạng hoặc điểm"),
    C("targets[].scope", "Phạm vi", "Ví dụ: hồ sơ thủ tục hành chính"),
    C("targets[].owner", "Đơn vị báo cáo", "Để trống: mọi đơn vị báo cáo", pick="units"),
    C("targets[].by", "Đạt trước ngày", "Ví dụ: 31/12/2025"),
))
TASKS = Sheet("Nhiệm vụ", "table", "tasks[]", "Mỗi dòng một nhiệm vụ trong phụ lục.", (
    C("tasks[].no", "STT", "Số thứ tự, không trùng"),
    C("tasks[].content", "Nội dung", "Chép như phụ lục"),
    C("tasks[].lead", "Đơn vị chủ trì", "Mã đơn vị", pick="units"),
    C("tasks[].cooperating", "Đơn vị phối hợp", "Mã đơn vị hoặc nhóm, hoặc Tất cả"),
    C("tasks[].due", "Thời gian", "Ví dụ: Quý IV/2025, Thường xuyên, trước ngày 30/11/2025"),
    C("tasks[].product", "Sản phẩm", "Ví dụ: Báo cáo"),
    C("tasks[].done", "Đã xong", "Khi ban hành (việc ban hành chính kế hoạch này), hoặc ngày "
      "đã xong"),
), rows=200)

REMINDERS = Sheet("Nhắc việc", "fields", "reminders", "Khi nào hệ thống nhắc, ai được báo khi "
                  "đơn vị chậm; ngày nghỉ làm hạn dời thế nào.", (
    C("reminders.days_before", "Nhắc trước hạn (ngày)", "Ví dụ: 7, 3, 1"),
    C("reminders.nomination_open_days", "Báo mở nhận hồ sơ trước hạn (ngày)",
      "Khi đợt không ghi ngày bắt đầu nhận"),
    C("reminders.max_overdue_notices", "Số lần nhắc quá hạn tối đa", "Sau đó chỉ báo Văn phòng"),
    C("reminders.grace_days", "Đóng phong trào sau khi hết thời gian (ngày)", "Ví dụ: 30"),
    C("reminders.holiday_shift", "Hạn rơi vào ngày nghỉ", "Theo Điều 148 Bộ luật Dân sự: lùi "
      "sang ngày làm việc kế tiếp"),
    C("reminders.extra_days_off", "Ngày nghỉ thêm", "Ví dụ: 02/01/2026"),
    C("reminders.extra_working_days", "Ngày làm bù", "Ví dụ: 10/01/2026"),
    C("reminders.escalation.to", "Báo đơn vị chậm cho", "Mã đơn vị nhận báo; để trống cả mục "
      "này nếu không báo"),
    C("reminders.escalation.notify_chairman", "Báo cả Chủ tịch UBND", "Có hoặc Không"),
    C("reminders.escalation.after_days", "Báo sau hạn (ngày)", "Ví dụ: 1"),
    C("reminders.escalation.every_days", "Nhắc lại mỗi (ngày)", "Ví dụ: 3"),
    C("reminders.escalation.max_notices", "Số lần báo tối đa", "Ví dụ: 5"),
))
