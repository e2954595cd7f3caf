"""set-number-book: staff say where a book of document numbers stands, from the UI."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from prefect import flow
from pydantic import Field

from flows.desk import answer, answered
from infra.clock import now_vn
from tasks.desk.campaigns import book_set
from tasks.records.steps import set_number_book as set_book


# Wide bounds in the schema keep absurd numbers out of the API; a slip such as -1 or 20226
# passes the form and the run refuses it in Vietnamese (tasks/records/book.py).
@flow(name="set-number-book", flow_run_name="sổ {symbol} năm {year}")
@answered
def set_number_book(commune: str, year: Annotated[int, Field(ge=0, le=99_999)], symbol: str,
                    last: Annotated[int, Field(ge=-999_999, le=999_999)],
                    now: datetime | None = None) -> dict[str, str]:
    """Đặt sổ văn bản: số cuối đã cấp của một loại văn bản trong năm; văn bản tiếp theo của
    hệ thống lấy số sau số này (không số nào bị cấp hai lần, không lùi sổ về trước số đã cấp).

    Args:
        commune: Xã/phường, tên như trong kế hoạch (ví dụ Vĩnh Thủy).
        year: Năm của sổ.
        symbol: Ký hiệu sổ: loại văn bản và cơ quan (QĐ-UBND, BC-UBND, TTr-VHXH, BB-HĐTĐKT).
        last: Số cuối đã cấp (ví dụ 326 thì văn bản tiếp theo mang số 327).
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    state = set_book(commune, year, symbol, last, now or now_vn())
    answer(book_set(state))
    return {"sổ": f"{state.commune} {state.year} {state.symbol}",
            "số tiếp theo": f"{state.last + 1:02d}"}
