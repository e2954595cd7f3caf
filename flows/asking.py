"""Questions a run asks the clerk in the Prefect UI, answered even after a restart.

A deployment's run (served by `thidua serve`, or on a worker) suspends: its process ends and
the run waits as Paused on the server alone, so stopping and starting `thidua serve` loses
nothing. Answered, the server schedules the run again and the runner starts the flow from the
top; Prefect keeps which questions were asked and every answer, so the repeated steps before
the question run again (they must be safe to repeat) and the question asked last returns its
answer at once. Earlier answers were refused before the run asked again: they are not read.
A run without a deployment (the tests, the in-process demo) cannot be scheduled again: it
pauses in its own process and polls for the answer.
"""

from __future__ import annotations

import re
from typing import TypeVar, cast

from prefect.context import FlowRunContext
from prefect.flow_runs import pause_flow_run, suspend_flow_run
from prefect.input import RunInput
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


class Questions:
    """The run's numbered questions (`prefix`-1, -2 …) and whether the run asked before."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        context = FlowRunContext.get()
        run = context.flow_run if context else None
        self.served = bool(run and run.deployment_id)
        keys = (run.empirical_policy.pause_keys or set()) if run else set()
        numbers = [int(found[1]) for key in keys
                   if (found := re.fullmatch(rf"{re.escape(prefix)}-(\d+)", key))]
        self.asked = max(numbers, default=1) - 1  # run again: the last question first
        self.resumed = bool(numbers)  # this is the run again, after an answer

    def ask(self, form: type[M], *, note: str, timeout: int, poll: float) -> M | None:
        """The clerk's answer to `form` (with `note` above it); None when an answer given
        before a restart no longer fits the form (the roster or the round changed since)."""
        self.asked += 1
        key = f"{self.prefix}-{self.asked}"
        question = RunInput.subclass_from_base_model_type(form).with_initial_data(
            description=note)
        try:
            if self.served:
                answer = suspend_flow_run(wait_for_input=question, timeout=timeout, key=key)
            else:
                # Typed int, but only ever slept on: a fraction of a second works.
                answer = pause_flow_run(  # type: ignore[call-overload]
                    wait_for_input=question, timeout=timeout, poll_interval=poll, key=key)
        except ValidationError:
            return None
        return cast(M, answer)  # the question's class derives from the form's
