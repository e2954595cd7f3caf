"""set-number-book: staff say where a book of document numbers stands, from the UI."""

from __future__ import annotations

from prefect import flow

from flows.desk import answer, answered
from tasks.desk.campaigns import book_set
from tasks.records.steps import set_number_book as set_book


@flow(name="set-number-book", flow_run_name="sổ {symbol} năm {year}")
@answered
def set_number_book(commune: str, year: int, symbol: str, last: int) -> dict[str, str]:
    """Đặt sổ văn bản: số cuối đã cấp của một loại văn bản trong năm; văn bản tiếp theo của
    hệ thống lấy số sau số này (không số nào bị cấp hai lần, không lùi sổ về trước số đã cấp).

    Args:
        commune: Xã/phường, tên như trong kế hoạch (ví dụ Vĩnh Thủy).
        year: Năm của sổ.
        symbol: Ký hiệu sổ: loại văn bản và cơ quan (QĐ-UBND, BC-UBND, TTr-VHXH, BB-HĐTĐKT).
        last: Số cuối đã cấp (ví dụ 326 thì văn bản tiếp theo mang số 327).
    """
    state = set_book(commune, year, symbol, last)
    answer(book_set(state))
    return {"sổ": f"{state.commune} {state.year} {state.symbol}",
            "số tiếp theo": f"{state.last + 1:02d}"}
