"""What a learner does on a module, in a module page (Voilà) or in JupyterLab, shared by the browser tests."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from helpers import REPO

ARTIFACTS = REPO / "tests" / "artifacts"
# Text that only code shows: none of it may be visible on a learner's page.
PYTHON_TEXT = ("show_item(", "show_submit(", "show_modules(", "from course_utils", "import ",
               "grade_item(", "competency_report(", "start()")


def learner_config(folder: Path) -> Path:
    """A learner configuration folder (no exchange), as the course installs it."""
    from course_utils.learner.learner_settings import write_learner_config

    write_learner_config(folder, course_id="being-present")
    return folder


def open_page(page, base: str, token: str, path: str, first: str = ".cps-item") -> None:
    """Open a notebook as a module page, and wait until it has run."""
    page.goto(f"{base}/voila/render/{path}?token={token}")
    page.locator(first).first.wait_for(timeout=120_000)


def open_in_lab(page, base: str, token: str, path: str) -> None:
    """Open a notebook in JupyterLab and run it all, as the module's first note says."""
    page.goto(f"{base}/lab/tree/{path}?token={token}")
    try:
        page.get_by_role("button", name="Select", exact=True).click(timeout=15_000)
    except Exception:
        pass  # no "Select Kernel" dialog: the default kernel was taken
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name=re.compile("^Run All Cells")).click()
    page.locator(".cps-item").first.wait_for(timeout=90_000)


def visible_python(page) -> list[str]:
    """The code fragments a learner can see on the page (none, on a learner's page)."""
    text = page.locator("body").inner_text()
    return [fragment for fragment in PYTHON_TEXT if fragment in text]


def saved(folder: Path, item_id: str, check, seconds: float = 15) -> object:
    """Wait until the answer saved for item_id satisfies check; the value."""
    deadline = time.monotonic() + seconds
    value = None
    while time.monotonic() < deadline:
        path = folder / "answers.json"
        if path.exists():
            value = json.loads(path.read_text())["answers"].get(item_id, {}).get("value")
            if value is not None and check(value):
                return value
        time.sleep(0.2)
    raise AssertionError(f"{item_id}: saved {value!r}")


def fill_checklist(mode: str, page, item) -> None:
    """Count three simple reflections, tick one roadblock and write a note as observer."""
    count, tick = item.get_by_role("spinbutton").first, item.get_by_role("checkbox").first
    if mode == "mouse":
        count.fill("3")
        tick.click()
    else:
        count.focus()
        for _ in range(3):
            page.keyboard.press("ArrowUp")
        tick.focus()
        page.keyboard.press("Space")
    item.get_by_role("textbox").first.focus()
    page.keyboard.type("The listener let a pause be.")


def answer(mode: str, page, item, kind: str) -> None:
    """Answer one item the way a learner would, with the mouse or with keys only."""
    item.scroll_into_view_if_needed()
    if kind in ("best_response", "select_all"):
        control = item.get_by_role("radio" if kind == "best_response" else "checkbox").first
        if mode == "mouse":
            control.click()
        else:
            control.focus()
            page.keyboard.press("Space")
    elif kind in ("rank", "classify"):
        menus = item.get_by_role("combobox")
        count = menus.count() if kind == "rank" else 1  # a ranking is checked once it is whole
        for n in range(count):
            menu = menus.nth(n)
            if mode == "mouse":
                menu.select_option(index=n + 1)  # index 0 is the "Choose ..." prompt
            else:
                menu.focus()
                for _ in range(n + 1):
                    page.keyboard.press("ArrowDown")
    elif kind in ("written_reply", "reflection"):
        box = item.get_by_role("textbox")
        if mode == "mouse":
            box.click()
        else:
            box.focus()
        page.keyboard.type("It sounds like that hurt. What happened next?")
    elif kind == "observer_checklist":
        fill_checklist(mode, page, item)
    else:  # branching
        radio = item.get_by_role("radio").first
        say = item.get_by_role("button", name="Say this reply")
        if mode == "mouse":
            radio.click()
            say.click()
        else:
            radio.focus()
            page.keyboard.press("Space")
            say.focus()
            page.keyboard.press("Enter")
