"""Keep the staff's drop-downs in step with the database while `thidua serve` runs: a plan
loaded, launched or closed shows in the forms within seconds, without a restart."""

from __future__ import annotations

import threading

from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import DeploymentUpdate
from prefect.exceptions import ObjectNotFound

from deployments.choices import Choices
from deployments.local import deployments
from tasks.records.steps import choices_fingerprint, loaded_choices

POLL_SECONDS = 3.0  # a clerk who loads a plan and opens the form finds it there


def current_choices() -> Choices:
    """What is loaded now."""
    return Choices(loaded_choices())


def push_forms(choices: Choices) -> int:
    """Give every served deployment on the server its form for `choices`; how many."""
    pushed = 0
    with get_client(sync_client=True) as client:
        for deployment in deployments(choices):
            try:
                found = client.read_deployment_by_name(
                    f"{deployment.flow_name}/{deployment.name}")
            except ObjectNotFound:
                continue  # not served here (a server shared with other deployments)
            client.update_deployment(found.id, DeploymentUpdate(
                parameter_openapi_schema=deployment._parameter_openapi_schema.model_dump()))
            pushed += 1
    return pushed


class FormKeeper:
    """A background thread that pushes new forms whenever what is loaded changes."""

    def __init__(self, seen: object, poll_seconds: float = POLL_SECONDS) -> None:
        self._seen = seen
        self._poll = poll_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="thidua-forms", daemon=True)

    def start(self) -> FormKeeper:
        """Start watching."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop watching (within one poll)."""
        self._stop.set()
        self._thread.join(timeout=self._poll + 1)

    def _run(self) -> None:
        while not self._stop.wait(self._poll):
            try:
                now = choices_fingerprint()
                if now != self._seen:
                    push_forms(current_choices())
                    self._seen = now
            except Exception as failed:
                print(f"Chưa cập nhật được lựa chọn trên biểu mẫu: {failed}", flush=True)


def watch(seen: object) -> FormKeeper:
    """Start a keeper from what was loaded when the forms were last built."""
    return FormKeeper(seen).start()


def loaded_now() -> tuple[Choices, object]:
    """The choices now and their fingerprint, read together at start."""
    return current_choices(), choices_fingerprint()
