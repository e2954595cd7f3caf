"""Keep the staff's drop-downs in step with the database and the uploads while `thidua serve`
runs: a plan loaded, launched or closed, a report or dossier stored or returned, a round moving
on, a new day (deadlines pass) show in the forms within seconds, an upload at once."""

from __future__ import annotations

import threading

from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import DeploymentUpdate
from prefect.exceptions import ObjectNotFound

from deployments.choices import Choices
from deployments.local import deployments
from deployments.uploads import UPLOADED, upload_address
from tasks.intake.steps import intake_choices, intake_fingerprint
from tasks.records.steps import awaiting_higher, choices_fingerprint

POLL_SECONDS = 3.0  # a clerk who loads a plan and opens the form finds it there


def current_choices() -> Choices:
    """What is loaded and uploaded now; rounds as of today."""
    loaded, uploads, files_url = intake_choices()
    return Choices(loaded, tuple(uploads), upload_address(files_url), tuple(awaiting_higher()))


def fingerprint() -> tuple[object, ...]:
    """Changes whenever what the forms offer may have changed."""
    return (choices_fingerprint(), intake_fingerprint(),
            tuple((a.campaign, a.round_code) for a in awaiting_higher()))


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
        UPLOADED.set()
        self._thread.join(timeout=self._poll + 1)

    def _run(self) -> None:
        while not self._stop.is_set():
            UPLOADED.wait(self._poll)  # an upload wakes it at once
            UPLOADED.clear()
            if self._stop.is_set():
                return
            try:
                now = fingerprint()
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
    return current_choices(), fingerprint()
