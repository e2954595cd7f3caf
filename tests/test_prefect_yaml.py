"""prefect.yaml says the same as deployments/local.py: same schedule, same limit."""

from __future__ import annotations

import yaml

from deployments.local import DAILY_AT, TIMEZONE, deployments
from tests.conftest import REPO


def test_prefect_yaml_matches_the_served_deployments() -> None:
    config = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    by_name = {d["name"]: d for d in config["deployments"]}
    tick = by_name["hang-ngay"]
    assert tick["schedules"] == [{"cron": DAILY_AT, "timezone": TIMEZONE}]
    assert tick["concurrency_limit"] == {"limit": 1, "collision_strategy": "CANCEL_NEW"}
    served = {d.name for d in deployments()}
    assert set(by_name) == served
    for deployment in by_name.values():
        module, function = deployment["entrypoint"].split(":")
        assert (REPO / module).exists() and f"def {function}(" in (REPO / module).read_text()
