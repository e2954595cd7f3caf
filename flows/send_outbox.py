"""send-outbox: drain the outbox; several runs on several workers share it without overlap."""

from __future__ import annotations

import os
import socket
from datetime import datetime

from prefect import flow, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NONE

from flows.common import send_all_due
from tasks.clock import now_vn


@task(name="ghi nhận lượt gửi", cache_policy=NONE)
def publish(sent: dict[str, int]) -> str:
    """Which worker process sent how much, as an artifact staff (and the scale script) read."""
    worker = os.environ.get("THIDUA_WORKER_NAME") or f"{socket.gethostname()}:{os.getpid()}"
    create_table_artifact([{"worker": worker, **sent}], key="gui-thu",
                          description="Lượt gửi hộp thư đi")
    return worker


@flow(name="send-outbox", flow_run_name="gửi hộp thư đi")
def send_outbox(now: datetime | None = None, batch: int = 200) -> dict[str, int | str]:
    """Gửi các tin đang chờ trong hộp thư đi; nhiều lượt chạy song song không gửi trùng.

    Args:
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
        batch: Mỗi lần nhận bao nhiêu tin để gửi (nhỏ hơn thì các worker chia đều hơn).
    """
    moment = now or now_vn()
    sent = send_all_due(moment, batch)
    return {"worker": publish(sent), **sent}
