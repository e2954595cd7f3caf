"""How the test reaches the fields of Prefect's UI (the V2 UI, where `/` leads a browser with
no saved preference): by the Vietnamese titles the clerk reads, never by internal names."""

from __future__ import annotations

import re
import warnings
from datetime import date
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect

from tests.conftest import REPO
from tests.ui.conftest import Desk

# Each run leaves its own (untracked); docs/screenshots/ keeps a reviewed set for the README.
SHOTS = REPO / "test-output" / "screenshots"
RESUME = "Resume Flow Run"  # the dialog's title in Prefect's UI
DIALOG_WINDOW = 3000  # px: a dialog is 80 % of the window's height, the council's form 2,400
# Upper bounds only: every wait ends as soon as the page or the API says so. A run from the UI
# takes 5-6 s on a quiet machine (its process starting); a busy one, several times that.
RUN_SECONDS = 300.0
ENDED = ("FAILED", "CRASHED", "CANCELLED")


def run_form(page: Page, desk: Desk, flow: str, name: str) -> None:
    """A deployment's Custom run form, its fields drawn."""
    page.goto(f"{desk.ui}/v2/deployments/deployment/{desk.deployment_id(flow, name)}/run")
    expect(page.get_by_role("button", name="Submit")).to_be_visible()


def submitted(page: Page, tries: int = 3) -> str:
    """Press Submit; the new run's id, from the server's own answer (not from the toast that
    offers "View run": it may come and go while a busy machine draws the page). A 503 from
    the server's SQLite (database is locked) is pressed again, as the clerk would, and said
    as a warning."""
    for attempt in range(1, tries + 1):
        with page.expect_response(lambda r: r.request.method == "POST"
                                  and r.url.endswith("/create_flow_run")) as created:
            page.get_by_role("button", name="Submit").click()
        answer = created.value
        if answer.status < 500:
            assert answer.ok, (answer.status, answer.text())
            return str(answer.json()["id"])
        warnings.warn(f"Submit answered {answer.status} (try {attempt} of {tries}): the "
                      "clerk presses Submit again", stacklevel=2)
    raise AssertionError(f"Submit failed {tries} times in a row")


def wait_state(desk: Desk, run_id: str, state: str, pause_key: str | None = None) -> str:
    """Until the run is in `state` (and waits for that answer); its state message. A run that
    ended otherwise fails at once, with its message."""
    def reached() -> str | None:
        run: dict[str, Any] = desk.get(f"/flow_runs/{run_id}")["state"]
        if run["type"] in ENDED and run["type"] != state:
            raise AssertionError(f"the run ended {run['type']}: {run['message']}")
        if run["type"] == state and (
                pause_key is None or run["state_details"].get("pause_key") == pause_key):
            return str(run["message"] or run["name"])
        return None
    found: str = desk.wait_for(f"the run to be {state} {pause_key or ''}", reached,
                               timeout=RUN_SECONDS)
    return found


def shot(target: Page | Locator, name: str) -> Path:
    """Save what the clerk sees now under test-output/screenshots: a page, or one dialog.

    The window is made as tall as the page (a full-page shot would cut the side bar short),
    or tall enough for a dialog's whole form, only for the shot: a tall window makes the run
    page behind the dialog (its timeline) redraw slowly on a busy machine."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    page = target if isinstance(target, Page) else target.page
    size = page.viewport_size or {"width": 1280, "height": 900}
    height = int(page.evaluate("document.documentElement.scrollHeight")) \
        if isinstance(target, Page) else DIALOG_WINDOW
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    try:
        target.screenshot(path=path, animations="disabled")  # a popover fully faded in
    finally:
        page.set_viewport_size(size)
    return path


def field(scope: Page | Locator, title: str) -> Locator:
    """The innermost form field (or card of fields) with this exact title."""
    page = scope if isinstance(scope, Page) else scope.page
    label = page.locator("label").get_by_text(title, exact=True)  # `has` is relative: no scope
    return scope.locator("div.group").filter(has=label).last


def offered(page: Page, where: Locator) -> list[str]:
    """Open a drop-down and read its choices (left open)."""
    opened(page, where)
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    return [text.strip() for text in options.all_inner_texts()]


def opened(page: Page, where: Locator) -> Locator:
    """The field's drop-down, open: once any list opened before has gone (it fades out after
    a choice, and its options would be taken for this one's)."""
    button = where.locator("button[aria-haspopup=listbox]")
    if button.get_attribute("aria-expanded") != "true":
        expect(page.get_by_role("listbox")).to_have_count(0)
        button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    return button


def choose(page: Page, where: Locator, value: str) -> None:
    """Pick one choice of a drop-down; the field then shows it."""
    button = opened(page, where)
    page.get_by_role("option", name=value, exact=True).click()
    expect(button).to_have_text(value)


def tick(page: Page, where: Locator, names: list[str]) -> None:
    """Tick names in a multiple choice; each then shows as a chip under it."""
    offered(page, where)
    for name in names:
        page.get_by_role("option", name=name, exact=True).click()
    page.keyboard.press("Escape")
    for name in names:
        expect(where.get_by_text(name, exact=True)).to_be_visible()


def pick_day(page: Page, where: Locator, day: date) -> None:
    """Choose a day in the date picker (it opens on the current month)."""
    where.locator("button[aria-haspopup=dialog]").click()
    page.locator(f'[role=gridcell][data-day="{day.isoformat()}"] button').click()
    expect(where).to_contain_text(shown_day(day))


def shown_day(day: date) -> str:
    """How the date picker shows a day: "December 2nd, 2026"."""
    suffix = "th" if 11 <= day.day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(
        day.day % 10, "th")
    return f"{day:%B} {day.day}{suffix}, {day.year}"


def open_resume(page: Page, ui: str, run_id: str) -> Locator:
    """The paused run's page, its menu → Resume; the dialog with the council's form."""
    page.goto(f"{ui}/v2/runs/flow-run/{run_id}")
    # Served, a council waiting for its answer is Suspended (no process held), else Paused.
    expect(page.get_by_text(re.compile(r"^(Paused|Suspended)$")).first).to_be_visible()
    page.get_by_role("button", name="Open menu").first.click()
    page.get_by_role("menuitem", name="Resume").click()
    dialog = page.get_by_role("dialog", name=RESUME)
    expect(dialog.get_by_role("group").first).to_be_visible()
    return dialog


def resume(page: Page, dialog: Locator, tries: int = 3) -> None:
    """Press Resume, as the clerk does again when Prefect's server answers 503.

    The server's SQLite refuses the resume's write (database is locked) when another write
    lands between its reads and that write (`thidua serve`'s runner marks its deployments
    polled every second); the UI says so and keeps the dialog open. A retry is reported as
    a warning, so the test still shows how often the clerk meets it."""
    for attempt in range(1, tries + 1):
        with page.expect_response(lambda r: r.request.method == "POST"
                                  and r.url.endswith("/resume")) as answered:
            dialog.get_by_role("button", name="Resume").click()
        status = answered.value.status
        if status < 500:
            expect(dialog).to_be_hidden()
            return
        warnings.warn(f"Resume answered {status} (try {attempt} of {tries}): the clerk "
                      "presses Resume again", stacklevel=2)
    raise AssertionError(f"Resume failed {tries} times in a row")
