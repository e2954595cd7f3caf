"""The first sheet of the plan workbook: how to fill it in, in a clerk's words."""

from __future__ import annotations

from models.plan_sheets import DATA_SHEETS

_HEAD = (
    "HƯỚNG DẪN ĐIỀN BẢNG KẾ HOẠCH THI ĐUA",
    "",
    "1. Mỗi trang là một phần của kế hoạch. Chỉ điền vào các ô màu vàng; các ô khác đã khóa.",
    "2. Dòng 4 của mỗi trang (hoặc cột Hướng dẫn) nói ô đó ghi gì: bắt buộc hay không, ghi "
    "thế nào, để trống thì hiểu là gì.",
    "3. Ô có mũi tên thả xuống: chọn trong danh sách. Mã đơn vị, mã đợt chọn từ những mã đã "
    "ghi ở trang Đơn vị, trang Đợt khen thưởng, nên hãy điền hai trang đó trước.",
    "4. Ngày ghi dạng ngày/tháng/năm, ví dụ 31/12/2025. Hạn ghi đúng như kế hoạch in, ví dụ "
    "“trước ngày 30/11/2025”, “từ ngày 25/7 đến ngày 31/7/2025”, “Quý IV/2025”.",
    "5. Nhiều mã trong một ô: cách nhau dấu phẩy (VP, KT). Nhiều câu trong một ô: mỗi câu "
    "một dòng (Alt+Enter).",
    "6. Không gõ công thức (=...) vào ô; không thêm, xóa, đổi tên trang.",
    "7. Điền xong: kiểm tra bằng lệnh `thidua plan validate TỆP.xlsx`, xem lịch hạn bằng "
    "`thidua plan calendar TỆP.xlsx`, rồi nạp bằng `thidua import TỆP.xlsx` hoặc tải lên "
    "và chạy nhap-ke-hoach-excel. Nếu có lỗi, hệ thống chỉ rõ trang và ô (ví dụ "
    "Đơn vị!B9) và không ghi gì cho đến khi sửa hết.",
    "",
    "CÁC TRANG",
)


def guide_lines() -> list[str]:
    """The guide sheet's lines: how to fill in, then each sheet and what it holds."""
    return [*_HEAD, *(f"- {s.title}: {s.intro}" for s in DATA_SHEETS)]
