"""send-outbox: drain the outbox; several runs on several workers share it without overlap."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from prefect import flow
from pydantic import Field

from flows.desk import answer, answered
from infra.clock import now_vn
from tasks.desk.campaigns import outbox_sent
from tasks.desk.sending import Sending
from tasks.messages.steps import configured_channels, publish_sending, send_due


@flow(name="send-outbox", flow_run_name="gửi hộp thư đi")
@answered
def send_outbox(now: datetime | None = None,
                batch: Annotated[int, Field(ge=1, le=10_000)] = 200) -> dict[str, int | str]:
    """Gửi các tin đang chờ trong hộp thư đi; nhiều lượt chạy song song không gửi trùng.

    Args:
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
        batch: Mỗi lần nhận bao nhiêu tin để gửi (nhỏ hơn thì các worker chia đều hơn).
    """
    moment = now or now_vn()
    sent = send_due(moment, batch)
    worker = publish_sending(sent)
    answer(outbox_sent(worker, Sending(configured_channels(), sent=sent)))
    return {"worker": worker, **sent.figures()}
