"""The text check itself: what it flags and what it leaves alone."""

from __future__ import annotations

import pytest

from tests.notifications.text_check import plain, problems, zalo_problems


@pytest.mark.parametrize(("text", "kind"), [
    ("Hạn: trước ngày 30/11/2025.Đề nghị gửi sớm.", "thiếu dấu cách"),
    ("Kính gửi:Trưởng phòng.", "thiếu dấu cách"),
    ("Phòng Kinh tế,Văn phòng", "thiếu dấu cách"),
    ("(PDF/Word)và lịch hạn", "thiếu dấu cách"),
    ("hồ sơ;còn thiếu", "thiếu dấu cách"),
    ("Còn  6 ngày.", "hai dấu cách"),
    ("hồ sơ đề nghị khen thưởng Khen thưởng tổng kết", "lặp từ"),
    ("gửi gửi báo cáo", "lặp từ"),
    ("Đơn vị có 0 mốc hạn.", "số 0"),
    ("hoàn thành 0/0 nhiệm vụ", "số 0"),
], ids=["full-stop", "colon", "comma", "paren", "semicolon", "double-space", "phrase-twice",
        "word-twice", "zero-count", "zero-of-zero"])
def test_flags(text: str, kind: str) -> None:
    assert any(p.startswith(kind) for p in problems(text)), problems(text)


@pytest.mark.parametrize("text", [
    "Số hồ sơ: 1.000, tỷ lệ 99,5%.",
    "Ngày cuối nhận: thứ Hai, 01/12/2025; lúc 14:00.",
    "Liên hệ vhxh@vinhthuy.example.vn hoặc https://dichvucong.gov.vn/p/home.",
    "Kèm theo: decision-326.docx, bao-cao.pdf.",
    "Tờ trình, Biên bản, v.v. theo mẫu.",
    "Hội đồng Thi đua - Khen thưởng xét khen thưởng.",
    "- Phòng Kinh tế: báo cáo\n- Phòng Kinh tế: nhiệm vụ",
    "Báo cáo quý I/2025 (hạn 10/03/2025), chậm 10 ngày.",
    "Mẫu 06/08 của Nghị định 152/2025/NĐ-CP; 02 bộ.",
    "Kính gửi: Trưởng phòng – Phòng Kinh tế.\n    thụt đầu dòng",
    "Đạt 100% chỉ tiêu, 10 hồ sơ.",
], ids=["numbers", "dates-times", "email-url", "files", "vv", "same-word-apart", "list-lines",
        "quarter", "decree", "indent", "hundred"])
def test_leaves_alone(text: str) -> None:
    assert problems(text) == []


def test_html_is_read_as_text() -> None:
    markup = ("<html><head><title>x</title></head><body><p>Hạn <strong>01/12/2025</strong>."
              "</p><p>Lý do: &lt;trống&gt;</p></body></html>")
    assert "Lý do: <trống>" in plain(markup) and "x" not in plain(markup).split()
    assert problems(plain(markup)) == []


@pytest.mark.parametrize(("short", "flag"), [
    ("Báo cáo. Chi tiết trong email.", None),
    ("Phòng Kinh tế gửi báo cáo, " * 60, "dài"),
    ("Báo cáo quý I chưa gử…", "bị cắt"),
], ids=["fine", "too-long", "cut"])
def test_zalo_text(short: str, flag: str | None) -> None:
    found = zalo_problems(short.strip())
    assert (any(flag in p for p in found) if flag else found == []), found
