"""The Prefect task that publishes a run's summary in its Artifacts tab."""

from __future__ import annotations

from prefect import task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE

from tasks.desk.summary import RunSummary, gist, render


@task(name="tóm tắt lượt chạy", cache_policy=NONE)
def publish_summary(summary: RunSummary) -> str:
    """The summary as the run's Markdown artifact (unless it is not kept); its gist, for the
    run's state message."""
    said = gist(summary)
    if summary.kept:
        create_markdown_artifact(render(summary), description=said[:200])
    return said
