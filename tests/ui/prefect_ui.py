"""How the test reaches the fields of Prefect's UI (the V2 UI, where `/` leads a browser with
no saved preference): by the Vietnamese titles the clerk reads, never by internal names."""

from __future__ import annotations

import re
import warnings
from datetime import date
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.conftest import REPO

# Each run leaves its own (untracked); docs/screenshots/ keeps a reviewed set for the README.
SHOTS = REPO / "test-output" / "screenshots"
RESUME = "Resume Flow Run"  # the dialog's title in Prefect's UI
DIALOG_WINDOW = 3000  # px: a dialog is 80 % of the window's height, the council's form 2,400


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
    where.locator("button[aria-haspopup=listbox]").click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    return [text.strip() for text in options.all_inner_texts()]


def choose(page: Page, where: Locator, value: str) -> None:
    """Pick one choice of a drop-down; the field then shows it."""
    if not page.get_by_role("option").first.is_visible():
        offered(page, where)
    page.get_by_role("option", name=value, exact=True).click()
    expect(where.locator("button[aria-haspopup=listbox]")).to_have_text(value)


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
