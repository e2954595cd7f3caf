"""Each flow's deployment name, written once: deployments/ registers them, flows start them."""

from __future__ import annotations

DEPLOYMENTS = {
    "daily-tick": "hang-ngay",
    "launch-campaign": "phat-dong",
    "compile-period-report": "tong-hop-bao-cao",
    "council-review": "hoi-dong-xet",
    "final-summary": "tong-ket",
    "return-for-correction": "tra-lai",
    "import-unit-report": "nhap-bao-cao-excel",
    "import-nominations": "nhap-khen-thuong-excel",
    "record-unit-report": "nhap-bao-cao",
    "submit-nomination": "nhap-ho-so",
    "send-outbox": "gui-thu",
    "set-number-book": "so-van-ban",
    "import-plan": "nhap-ke-hoach-excel",
    "record-higher-decision": "ghi-quyet-dinh-cap-tren",
}


# send-outbox also runs on its own every few minutes (retries, crash recovery): a second
# deployment, so that one never overlaps itself while daily-tick's senders run side by side.
SCHEDULED_SENDING = "gui-thu-dinh-ky"


def deployment_path(flow_name: str) -> str:
    """`flow-name/deployment-name`, as run_deployment and `prefect deployment run` take it."""
    return f"{flow_name}/{DEPLOYMENTS[flow_name]}"
