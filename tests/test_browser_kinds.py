"""Every item kind answered in a real JupyterLab, once with the mouse and once by keyboard:
answers saved, practice feedback shown at once, graded items showing no verdict."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from helpers import ASSIGNMENT, REPO
from lab import CHROMIUM, CHROMIUM_ARGS, jupyter_lab

pytestmark = pytest.mark.browser
ARTIFACTS = REPO / "tests" / "artifacts"
VERDICTS = re.compile(r"Best reply|Not the best reply|Best place|Applies|Does not apply|Right:|Not quite|"
                      r"What we noticed|Present and supportive|A roadblock\.|Okay, but")


@pytest.fixture(params=["mouse", "keyboard"], scope="module")
def session(request, tmp_path_factory):
    """A fresh JupyterLab page over a copy of the release, after Run All."""
    from playwright.sync_api import sync_playwright

    root = tmp_path_factory.mktemp(f"kinds-{request.param}") / "home"
    shutil.copytree(REPO / "release" / ASSIGNMENT, root / ASSIGNMENT)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / f"jupyterlab-{request.param}.log"
    with jupyter_lab(root, log) as (base, token), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/lab/tree/{ASSIGNMENT}/{ASSIGNMENT}.ipynb?token={token}")
        try:
            page.get_by_role("button", name="Select", exact=True).click(timeout=20_000)
        except Exception:
            pass
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name=re.compile("^Run All Cells")).click()
        page.locator(".cps-item").first.wait_for(timeout=90_000)
        news = page.get_by_role("button", name="No", exact=True)
        if news.count():
            news.first.click()
        yield request.param, page, root / ASSIGNMENT
        browser.close()


def saved(folder: Path, item_id: str, check, seconds: float = 15) -> None:
    """Wait until the answer saved for item_id satisfies check."""
    deadline = time.monotonic() + seconds
    value = None
    while time.monotonic() < deadline:
        path = folder / "answers.json"
        if path.exists():
            value = json.loads(path.read_text())["answers"].get(item_id, {}).get("value")
            if value is not None and check(value):
                return
        time.sleep(0.2)
    raise AssertionError(f"{item_id}: saved {value!r}")


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
        menu = item.get_by_role("combobox").first
        if mode == "mouse":
            menu.select_option(index=1)
        else:
            menu.focus()
            page.keyboard.press("ArrowDown")
            page.keyboard.press("ArrowDown")
    elif kind in ("written_reply", "reflection"):
        box = item.get_by_role("textbox")
        if mode == "mouse":
            box.click()
        else:
            box.focus()
        page.keyboard.type("It sounds like that hurt. What happened next?")
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


PRACTICE = [("bp-first-words", "best_response"), ("bp-notice-cues-respite", "select_all"),
            ("bp-roadblocks-dropin", "classify"), ("bp-rank-text", "rank"),
            ("bp-reply-family", "written_reply"), ("bp-branch-grandfather", "branching")]
GRADED = [("bp-validate-feeling", "best_response"), ("bp-notice-cues-text", "select_all"),
          ("bp-roadblocks-phone", "classify"), ("bp-rank-respite", "rank"),
          ("bp-reply-clinic", "written_reply"), ("bp-branch-discharge", "branching"),
          ("bp-reflect-presence", "reflection")]


@pytest.mark.parametrize(("item_id", "kind"), PRACTICE, ids=[k for _, k in PRACTICE])
def test_practice_item_saves_and_gives_feedback_at_once(session, item_id, kind):
    mode, page, folder = session
    item = page.locator(f".cps-id-{item_id}")
    answer(mode, page, item, kind)
    saved(folder, item_id, lambda value: bool(value))
    check = item.get_by_role("button", name="Check my answer")
    if check.count():
        if mode == "mouse":
            check.click()
        else:
            check.focus()
            page.keyboard.press("Enter")
    item.get_by_text(VERDICTS).first.wait_for(timeout=15_000)
    item.screenshot(path=str(ARTIFACTS / f"{mode}-practice-{kind}.png"))


@pytest.mark.parametrize(("item_id", "kind"), GRADED, ids=[k for _, k in GRADED])
def test_graded_item_saves_and_shows_no_verdict(session, item_id, kind):
    mode, page, folder = session
    item = page.locator(f".cps-id-{item_id}")
    answer(mode, page, item, kind)
    saved(folder, item_id, lambda value: bool(value))
    time.sleep(0.8)  # longer than the live-feedback debounce
    assert item.get_by_text(VERDICTS).count() == 0
    assert item.get_by_role("button", name="Check my answer").count() == 0
    item.screenshot(path=str(ARTIFACTS / f"{mode}-graded-{kind}.png"))
