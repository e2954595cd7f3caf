"""How many send-outbox runs a tick may start at once: what their work pool can run."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NONE
from prefect.client.orchestration import get_client
from prefect.exceptions import ObjectNotFound

from flows.deployment_runs import SENDER_DEPLOYMENT
from models.refusal import Refused

# Each sender is a process of its own (~80 MB): never more at once, whatever a pool allows.
SENDERS_AT_ONCE = 8


@task(name="kiểm tra số lượt gửi song song", cache_policy=NONE)
def room_for_senders(count: int) -> int:
    """`count`, when the send-outbox deployment's work pool (and the deployment) can run that
    many at once and it is at most SENDERS_AT_ONCE; else a refusal in one Vietnamese line.
    0 (send within the run) asks nothing of the server."""
    if count <= 0:
        return 0
    try:
        with get_client(sync_client=True) as client:
            deployment = client.read_deployment_by_name(SENDER_DEPLOYMENT)
            pool = deployment.work_pool_name
            pool_limit = client.read_work_pool(pool).concurrency_limit if pool else None
    except ObjectNotFound:
        raise Refused(f"senders = {count}: chưa có deployment {SENDER_DEPLOYMENT} để chia việc "
                      "gửi; đặt senders = 0 để gửi ngay trong lượt này") from None
    limit = deployment.global_concurrency_limit  # the deployment's own (concurrency_limit=)
    own = limit.limit if limit is not None else None
    room = min(n for n in (SENDERS_AT_ONCE, pool_limit, own) if n is not None)
    if count <= room:
        return count
    if room == pool_limit:
        why = f"work pool «{pool}» chỉ chạy {room} lượt cùng lúc"
    elif room == own:
        why = f"deployment {SENDER_DEPLOYMENT} chỉ chạy {room} lượt cùng lúc"
    else:
        why = f"mỗi lượt gửi là một tiến trình, tối đa {SENDERS_AT_ONCE} lượt song song"
    raise Refused(f"senders = {count} quá nhiều: {why}; hãy chọn senders từ 0 đến {room}")
