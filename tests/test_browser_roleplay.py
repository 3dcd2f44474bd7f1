"""The practice role-play in a real JupyterLab, in headless Chromium: replies typed and sent, the peer
answers with findings shown, and the talk comes back after a reload and a kernel restart."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import ASSIGNMENT, REPO
from lab import CHROMIUM, CHROMIUM_ARGS, jupyter_lab
from pages import ARTIFACTS, learner_config, open_in_lab, saved

pytestmark = pytest.mark.browser
ITEM = "bp-roleplay-letter"
REPLIES = ["Eight months of waiting, and then just one page. That sounds crushing.",
           "You should call them and ask why."]


@pytest.fixture(scope="module")
def lab_page(built_course, tmp_path_factory):
    """The role-play of the freshly built module, in a JupyterLab page after Run All."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-debian-deps (make test does)")
    tmp = tmp_path_factory.mktemp("roleplay")
    root = tmp / "home"
    shutil.copytree(built_course / "release" / ASSIGNMENT, root / ASSIGNMENT)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with jupyter_lab(root, ARTIFACTS / "jupyterlab-roleplay.log", learner_config(tmp / "config")) \
            as (base, token), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        open_in_lab(page, base, token, f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
        yield page, root / ASSIGNMENT
        browser.close()


def peer_lines() -> list[str]:
    """What Teodor answers to REPLIES (seed 0), from the content's own role-play."""
    from course_utils.content.loader import load_module
    from course_utils.items.roleplay_play import play_talk

    item = load_module(REPO / "content" / ASSIGNMENT).item(ITEM)
    return [step.peer for step in play_talk(item, REPLIES, 0).steps]


def test_replies_are_answered_and_come_back_after_reload_and_restart(lab_page):
    page, folder = lab_page
    lines = peer_lines()
    item = page.locator(f".cps-id-{ITEM}")
    item.scroll_into_view_if_needed()
    assert item.get_by_text("Help now: call or text").count() == 1
    for n, (reply, line) in enumerate(zip(REPLIES, lines, strict=True)):
        box = item.get_by_role("textbox", name="Your reply")
        box.click()
        page.keyboard.type(reply)
        item.get_by_role("button", name="Send", exact=True).click()
        item.get_by_text(line).wait_for(timeout=15_000)
        saved(folder, ITEM, lambda value, n=n: len(value["replies"]) == n + 1)
        assert box.input_value() == ""
    item.get_by_text("Advising, giving solutions: a misstep.").wait_for(timeout=15_000)
    assert item.locator("mark.cps-roadblock").count() >= 1
    item.screenshot(path=str(ARTIFACTS / "roleplay-two-replies.png"))
    assert saved(folder, ITEM, lambda value: True) == {"replies": REPLIES, "seed": 0}

    page.reload()
    try:
        page.get_by_role("button", name="Select", exact=True).click(timeout=8_000)
    except Exception:
        pass  # no "Select Kernel" dialog
    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    page.get_by_role("menuitem", name=re.compile("^Restart Kernel and Run All Cells")).click()
    page.get_by_role("button", name=re.compile("^(Restart|Confirm Kernel Restart)$")).click()
    item = page.locator(f".cps-id-{ITEM}")
    item.wait_for(timeout=90_000)
    item.scroll_into_view_if_needed()
    item.get_by_text("Your saved answer was restored.").wait_for(timeout=30_000)
    transcript = item.locator(".cps-transcript")
    for text in [*REPLIES, *lines]:
        assert transcript.get_by_text(text).count() == 1, text
    item.get_by_text(": a misstep.").wait_for(timeout=15_000)  # practice: the last turn again
    item.screenshot(path=str(ARTIFACTS / "roleplay-restored.png"))
    assert saved(folder, ITEM, lambda value: True) == {"replies": REPLIES, "seed": 0}
