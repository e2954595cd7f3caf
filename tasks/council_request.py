"""Open a council review for a closed round by starting the served council-review deployment."""

from __future__ import annotations

from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment
from prefect.exceptions import ObjectNotFound

COUNCIL_DEPLOYMENT = "council-review/hoi-dong-xet"


def request_review(campaign: str, round_code: str) -> str:
    """Start the review (it pauses for the council's form); say what happened, in Vietnamese."""
    try:
        run = run_deployment(name=COUNCIL_DEPLOYMENT, timeout=0, as_subflow=False,
                             parameters={"campaign": campaign, "round_code": round_code})
    except ObjectNotFound:
        return (f"{campaign}/{round_code}: đã hết hạn nhận hồ sơ; chưa có deployment "
                f"{COUNCIL_DEPLOYMENT}, hãy chạy Hội đồng xét từ giao diện")
    assert isinstance(run, FlowRun)  # called from sync code it is not awaitable
    return f"{campaign}/{round_code}: đã hết hạn nhận hồ sơ, mở phiên Hội đồng xét {run.name}"
