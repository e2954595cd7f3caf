"""Every run answers the clerk who started it, and a refusal reads as one.

`@answered` goes under `@flow`: a `Refused` raised anywhere in the run ends it Failed with the
refusal's one Vietnamese line as the state message and every reason in the run's summary
artifact, never a traceback; a run that called `answer(summary)` ends Completed with the
summary's gist as its state message (a warning, such as no channel configured, comes first).
Prefect logs a failed task's exception with its traceback and the engine logs a failed
deployment run as an "unexpected exception": the filter installed here says a refusal's line
instead, on the loggers of flow and task runs.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from contextvars import ContextVar
from typing import ParamSpec, TypeVar, cast

from prefect.runtime import flow_run
from prefect.states import Completed, Failed

from models.refusal import Refused
from tasks.desk.steps import publish_summary
from tasks.desk.summary import RunSummary

P = ParamSpec("P")
R = TypeVar("R")
RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs")
_gist: ContextVar[str | None] = ContextVar("thidua_gist", default=None)


def answered(fn: Callable[P, R]) -> Callable[P, R]:
    """The flow's end: Failed with the line of a refusal, or Completed with its answer's gist.
    The engine unwraps either state, so a caller still gets the result or the refusal."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        token = _gist.set(None)
        try:
            result = fn(*args, **kwargs)
            said = _gist.get()
        except Refused as refused:
            publish_summary(RunSummary(title=f"Từ chối: {_run_name()}",
                                       problems=refused.reasons))
            return cast(R, Failed(message=refused.line(), data=refused))
        finally:
            _gist.reset(token)
        return result if said is None else cast(R, Completed(message=said, data=result))

    # Prefect validates parameters against the signature in the wrapper's module: give it the
    # flow's own types, not the strings `from __future__ import annotations` leaves.
    run.__signature__ = inspect.signature(fn, eval_str=True)  # type: ignore[attr-defined]
    return run


def answer(summary: RunSummary) -> str:
    """Publish the run's summary; the run ends Completed with its gist as the state message."""
    said = publish_summary(summary)
    _gist.set(said)
    return said


def _run_name() -> str:
    name = flow_run.get_name()
    return str(name) if name else "lượt chạy"


class RefusalsInWords(logging.Filter):
    """A record carrying a `Refused` says its line, without the traceback; the engine's
    "unexpected exception" for a refused run is dropped (its Failed state says why)."""

    KEPT = 1000  # run ids remembered to reword their "Finished in state" line

    def __init__(self) -> None:
        super().__init__()
        self.refused: dict[str, str] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        """Reword the record when it is about a refusal; False drops it."""
        error = record.exc_info[1] if record.exc_info else None
        run = str(getattr(record, "task_run_id", None) or getattr(record, "flow_run_id", ""))
        if isinstance(error, Refused):
            if str(record.msg).startswith("Engine execution exited"):
                return False
            record.msg, record.args = f"Từ chối: {error.line()}", ()
            record.exc_info, record.exc_text = None, None
            if len(self.refused) >= self.KEPT:
                self.refused.pop(next(iter(self.refused)))
            self.refused[run] = error.line()
        elif run in self.refused and str(record.msg).startswith("Finished in state Failed"):
            record.msg, record.args = f"Kết thúc: từ chối ({self.refused.pop(run)})", ()
        return True


def install_filter() -> None:
    """Put the filter on the run loggers once per process."""
    for name in RUN_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RefusalsInWords) for f in logger.filters):
            logger.addFilter(RefusalsInWords())


install_filter()
