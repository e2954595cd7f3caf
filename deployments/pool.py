"""Register every deployment for a work pool's workers (what `prefect deploy --all` would do).

Prefect 3.8.8's `prefect deploy` stops after the first deployment here: it asks the server
for the pool's workers with `limit: null`, which the server refuses (422). Applying the
same deployments from Python reaches the same result.
"""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from prefect.deployments.runner import RunnerDeployment

from deployments.local import deployments

REPO = Path(__file__).resolve().parents[1]


def apply_to_pool(pool: str) -> dict[str, UUID]:
    """Every deployment, run by `pool`'s workers from this checkout; name -> id."""
    applied = {}
    for deployment in deployments():
        deployment.work_pool_name = pool
        applied[f"{deployment.flow_name}/{deployment.name}"] = _apply(deployment, pool)
    return applied


def _apply(deployment: RunnerDeployment, pool: str) -> UUID:
    # Workers start each run in this folder, so the entrypoints resolve against the checkout.
    deployment._path = str(REPO)
    applied = deployment.apply(work_pool_name=pool)
    assert isinstance(applied, UUID)  # called from sync code it is not awaitable
    return applied
