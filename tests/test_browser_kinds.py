"""Every item kind answered in a real browser, on the module page (Voilà) and in JupyterLab, once
with the mouse and once by keyboard: answers saved, practice feedback shown at once, graded items
showing no verdict."""

from __future__ import annotations

import re
import shutil
import time

import pytest
from helpers import ASSIGNMENT, REPO
from lab import CHROMIUM, CHROMIUM_ARGS, jupyter_lab
from pages import ARTIFACTS, answer, learner_config, open_in_lab, open_page, saved

pytestmark = pytest.mark.browser
VERDICTS = re.compile(r"Best reply|Not the best reply|Best place|Applies|Does not apply|Right:|Not quite|"
                      r"What we noticed|Present and supportive|A roadblock\.|Okay, but|"
                      r"Taking the replies two at a time")  # a ranking's verdict, whatever the order
SESSIONS = [("page", "mouse"), ("page", "keyboard"), ("lab", "mouse"), ("lab", "keyboard")]


@pytest.fixture(params=SESSIONS, ids=[f"{s}-{m}" for s, m in SESSIONS], scope="module")
def session(request, tmp_path_factory):
    """A fresh module page, or a notebook in JupyterLab after Run All, over a copy of the release."""
    from playwright.sync_api import sync_playwright

    surface, mode = request.param
    tmp = tmp_path_factory.mktemp(f"kinds-{surface}-{mode}")
    root = tmp / "home"
    shutil.copytree(REPO / "release" / ASSIGNMENT, root / ASSIGNMENT)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / f"jupyterlab-{surface}-{mode}.log"
    with jupyter_lab(root, log, learner_config(tmp / "config")) as (base, token), \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        path = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
        (open_page if surface == "page" else open_in_lab)(page, base, token, path)
        yield f"{surface}-{mode}", mode, page, root / ASSIGNMENT
        browser.close()


PRACTICE = [("bp-first-words", "best_response"), ("bp-notice-cues-respite", "select_all"),
            ("bp-roadblocks-dropin", "classify"), ("bp-rank-text", "rank"),
            ("bp-reply-family", "written_reply"), ("bp-branch-grandfather", "branching")]
GRADED = [("bp-validate-feeling", "best_response"), ("bp-notice-cues-text", "select_all"),
          ("bp-roadblocks-phone", "classify"), ("bp-rank-respite", "rank"),
          ("bp-reply-clinic", "written_reply"), ("bp-branch-discharge", "branching"),
          ("bp-reflect-presence", "reflection"), ("bp-triad-observer", "observer_checklist")]


@pytest.mark.parametrize(("item_id", "kind"), PRACTICE, ids=[k for _, k in PRACTICE])
def test_practice_item_saves_and_gives_feedback_at_once(session, item_id, kind):
    name, mode, page, folder = session
    item = page.locator(f".cps-id-{item_id}")
    answer(mode, page, item, kind)
    places = item.get_by_role("combobox").count()
    # A ranking is checked once whole: wait until every reply's own place is saved. (The arrow keys
    # pass through places already taken, so a saved ranking can be whole but still have a repeat
    # while the last presses are on their way; a check then would rightly say "give each reply its
    # own place".)
    saved(folder, item_id, lambda value: bool(value) and (
        kind != "rank" or len(value) == places == len(set(value.values()))))
    check = item.get_by_role("button", name="Check my answer")
    if check.count():
        if mode == "mouse":
            check.click()
        else:
            check.focus()
            page.keyboard.press("Enter")
    item.get_by_text(VERDICTS).first.wait_for(timeout=15_000)
    item.screenshot(path=str(ARTIFACTS / f"{name}-practice-{kind}.png"))


@pytest.mark.parametrize(("item_id", "kind"), GRADED, ids=[k for _, k in GRADED])
def test_graded_item_saves_and_shows_no_verdict(session, item_id, kind):
    name, mode, page, folder = session
    item = page.locator(f".cps-id-{item_id}")
    answer(mode, page, item, kind)
    saved(folder, item_id, lambda value: bool(value) and (
        kind != "observer_checklist" or (value["tallies"]["simple_reflections"] == 3
                                         and len(value["roadblocks"]) == 1 and value["observer"])))
    time.sleep(0.8)  # longer than the live-feedback debounce
    assert item.get_by_text(VERDICTS).count() == 0
    assert item.get_by_role("button", name="Check my answer").count() == 0
    item.screenshot(path=str(ARTIFACTS / f"{name}-graded-{kind}.png"))
