"""A newcomer's whole path on one machine, in headless Chromium: the first screen is Start here,
Get my modules fetches the modules through nbgrader, a module opens as a page with no Python,
answers are kept across a reload with their practice feedback, letter keys edit nothing, a
graded reply counts only once it is said, Submit goes through nbgrader's exchange and the
instructor collects it. Each kind's accessibility tree is compared with a stored snapshot."""

from __future__ import annotations

import json
import os
import re
import shutil
import time

import pytest
from helpers import ASSIGNMENT, REPO
from lab import CHROMIUM, CHROMIUM_ARGS, jupyter_lab
from pages import ARTIFACTS, saved, visible_python

pytestmark = pytest.mark.browser
ARIA = REPO / "tests" / "data" / "aria"
KINDS = ["best-response", "select-all", "rank", "classify", "written-reply", "reflection", "branching",
         "roleplay", "observer-checklist"]
FIRST_MODULE = "1. Being present with someone in distress"
SNAPSHOT_SEED = "user:aria-snapshot"  # one fixed display order, so the snapshots are stable


@pytest.fixture(scope="module")
def newcomer(tmp_path_factory):
    """A course released to a local exchange, and a learner's browser on their first screen."""
    from playwright.sync_api import sync_playwright

    from course_utils.instructor.local_course import prepare

    tmp = tmp_path_factory.mktemp("newcomer")
    course = tmp / "course"
    for name in ("source", "release"):
        shutil.copytree(REPO / name, course / name)
    shutil.copy(REPO / "nbgrader_config.py", course)
    local = prepare(course, tmp / "lab")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with jupyter_lab(local.home, ARTIFACTS / "jupyterlab-newcomer.log", local.config) as (base, token), \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(f"{base}/?token={token}")
        page.locator(".cps-module-list").wait_for(timeout=120_000)
        yield {"page": page, "base": base, "course": course, "local": local,
               "folder": local.home / ASSIGNMENT}
        browser.close()


def module_page(newcomer):
    """The learner's page of module 1, opened from Start here's link."""
    page = newcomer["page"]
    page.goto(f"{newcomer['base']}/voila/render/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
    page.locator(".cps-item").first.wait_for(timeout=120_000)
    return page


def snapshot_yaml(text: str) -> str:
    """An accessibility snapshot with the parts that differ between runs taken out."""
    return re.sub(r"\d\d:\d\d", "hh:mm", text).strip() + "\n"


class TestNewcomer:
    def test_the_first_screen_is_start_here_with_no_python(self, newcomer):
        page = newcomer["page"]
        assert "/voila/render/start_here/start_here.ipynb" in page.url
        page.get_by_role("heading", name="Start here: Being Present").wait_for(timeout=10_000)
        assert visible_python(page) == []
        assert page.locator(".cps-module-list").get_by_text("not on this computer yet").count() == 9
        page.screenshot(path=str(ARTIFACTS / "learner-start-here.png"))

    def test_get_my_modules_fetches_them_through_nbgrader(self, newcomer):
        page = newcomer["page"]
        page.get_by_role("button", name="Get my modules").click()
        page.get_by_role("link", name=FIRST_MODULE).wait_for(timeout=240_000)
        assert (newcomer["folder"] / f"{ASSIGNMENT}.ipynb").is_file()
        assert page.get_by_role("button", name="Get my modules").is_hidden()
        page.screenshot(path=str(ARTIFACTS / "learner-modules-ready.png"))

    def test_a_module_opens_as_a_page_with_no_python(self, newcomer):
        page = newcomer["page"]
        # One fixed display order for the accessibility snapshots below.
        (newcomer["folder"] / "answers.json").write_text(json.dumps(
            {"format": 1, "answers": {}, "display_seed": SNAPSHOT_SEED}))
        page.get_by_role("link", name=FIRST_MODULE).click()
        page.locator(".cps-item").first.wait_for(timeout=120_000)
        assert f"/voila/render/{ASSIGNMENT}/{ASSIGNMENT}.ipynb" in page.url
        assert page.locator(".cps-item").count() == 16
        assert visible_python(page) == []
        assert page.locator(".jp-CodeCell .jp-InputArea:visible, .cm-editor:visible").count() == 0
        page.screenshot(path=str(ARTIFACTS / "learner-module-page.png"))

    @pytest.mark.parametrize("kind", KINDS)
    def test_each_kind_has_the_accessibility_tree_of_its_snapshot(self, newcomer, kind):
        page = newcomer["page"]
        item = page.locator(f".cps-{kind}").first
        item.scroll_into_view_if_needed()
        got = snapshot_yaml(item.aria_snapshot())
        path = ARIA / f"{kind}.yml"
        if os.environ.get("CPSW_UPDATE_SNAPSHOTS"):
            path.write_text(got, encoding="utf-8")
        assert path.exists(), f"{path} is missing: run with CPSW_UPDATE_SNAPSHOTS=1 once and review it"
        assert got == path.read_text(encoding="utf-8"), (
            f"{kind}: the accessibility tree changed; if on purpose, rerun with CPSW_UPDATE_SNAPSHOTS=1 "
            f"and review the diff of {path}")
        assert "radiogroup" not in got or re.search(r'radiogroup "[^"]+"', got), "a radio group has no name"

    def test_keyboard_order_from_the_top_reaches_the_first_exercise(self, newcomer):
        page = newcomer["page"]
        page.evaluate("() => { window.scrollTo(0, 0); document.activeElement?.blur(); }")
        page.locator("h1").first.click()  # the top of the page, as a reader starts
        stops = []
        for _ in range(12):
            page.keyboard.press("Tab")
            stops.append(page.evaluate(
                "() => { const e = document.activeElement;"
                " return (e.closest('.cps-item') ? 'item:' : '') + e.tagName + ':'"
                " + (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40); }"))
            if stops[-1].startswith("item:"):
                break
        assert stops[:3] == ["A:Back to Start here", "A:Go to the exercises", "A:Submit"], stops
        assert stops[-1].startswith("item:INPUT"), stops  # then straight to the first reply

    def test_a_reload_brings_back_answers_and_practice_feedback(self, newcomer):
        page = newcomer["page"]
        item = page.locator(".cps-id-bp-first-words")
        item.scroll_into_view_if_needed()
        item.get_by_role("radio").nth(2).click()
        item.get_by_text("(your choice)").wait_for(timeout=15_000)
        saved(newcomer["folder"], "bp-first-words", bool)
        page.reload()
        item = page.locator(".cps-id-bp-first-words")
        item.wait_for(timeout=120_000)
        item.scroll_into_view_if_needed()
        assert item.get_by_role("radio").nth(2).is_checked()
        item.get_by_text("(your choice)").wait_for(timeout=15_000)  # the feedback came back too
        assert page.get_by_text("Error displaying widget").count() == 0

    def test_letter_keys_on_the_page_change_no_file(self, newcomer):
        page = newcomer["page"]
        notebook = newcomer["folder"] / f"{ASSIGNMENT}.ipynb"
        before = notebook.read_bytes()
        answers_before = json.loads((newcomer["folder"] / "answers.json").read_text())["answers"]
        page.get_by_text("Which reply best shows Tanya").click()
        for key in ["b", "a", "d", "d", "x", "m", "z", "Delete", "Backspace"]:
            page.keyboard.press(key)
        time.sleep(1)
        assert notebook.read_bytes() == before
        answers = json.loads((newcomer["folder"] / "answers.json").read_text())["answers"]
        assert {k: v["value"] for k, v in answers.items()} == \
            {k: v["value"] for k, v in answers_before.items()}

    def test_a_graded_reply_counts_only_once_it_is_said(self, newcomer):
        page = newcomer["page"]
        talk = page.locator(".cps-id-bp-branch-discharge")
        talk.scroll_into_view_if_needed()
        talk.get_by_text("each reply you say is final").wait_for(timeout=10_000)  # said up front
        talk.get_by_role("radio").first.focus()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        time.sleep(1)
        answers = json.loads((newcomer["folder"] / "answers.json").read_text())["answers"]
        assert "bp-branch-discharge" not in answers
        talk.get_by_role("button", name="Say this reply").click()
        saved(newcomer["folder"], "bp-branch-discharge", lambda value: len(value) == 1)

    def test_submit_asks_first_then_the_instructor_collects_it(self, newcomer):
        from course_utils.instructor.local_course import collect

        page = newcomer["page"]
        panel = page.locator(".cps-submit")
        panel.scroll_into_view_if_needed()
        panel.get_by_role("button", name="Submit my answers").click()
        panel.get_by_role("button", name="Not yet").click()
        panel.get_by_text("Not submitted").wait_for(timeout=10_000)
        inbound = newcomer["local"].exchange / "being-present" / "inbound"
        assert list(inbound.iterdir()) == []
        panel.get_by_role("button", name="Submit my answers").click()
        panel.get_by_role("button", name="Yes, submit now").click()
        panel.get_by_text(f"Submitted {ASSIGNMENT}").wait_for(timeout=120_000)
        page.screenshot(path=str(ARTIFACTS / "learner-submitted.png"))
        assert len(list(inbound.iterdir())) == 1
        lines = collect(newcomer["course"], newcomer["local"].exchange)
        assert f"{ASSIGNMENT}: 1 submission(s) collected" in lines
        [submitted] = (newcomer["course"] / "submitted").glob(f"*/{ASSIGNMENT}/answers.json")
        assert json.loads(submitted.read_text()) == \
            json.loads((newcomer["folder"] / "answers.json").read_text())


class TestJupyterLabSecondWay:
    def test_reopened_with_a_fresh_kernel_it_shows_notes_not_widget_errors(self, newcomer):
        from pages import open_in_lab

        page = newcomer["page"]
        base = newcomer["base"]
        open_in_lab(page, base, "", f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
        assert visible_python(page) == []
        page.keyboard.press("Control+s")
        notebook = newcomer["folder"] / f"{ASSIGNMENT}.ipynb"
        deadline = time.monotonic() + 20
        while "widget-view" in notebook.read_text() or "placeholder" not in notebook.read_text():
            assert time.monotonic() < deadline, "the saved notebook still holds widget views"
            time.sleep(0.5)
        page.get_by_role("menuitem", name="Kernel", exact=True).click()
        page.get_by_role("menuitem", name=re.compile("^Shut Down Kernel")).click()
        page.reload()
        page.locator(".cps-placeholder").first.wait_for(timeout=60_000)
        assert page.get_by_text("model not found").count() == 0
        assert page.get_by_text("Error displaying widget").count() == 0
        page.screenshot(path=str(ARTIFACTS / "lab-reopened.png"))

    def test_the_assignment_list_submits_too(self, newcomer):
        page = newcomer["page"]
        page.goto(f"{newcomer['base']}/lab")
        page.get_by_role("menuitem", name="Nbgrader", exact=True).click()
        page.get_by_text("Assignment List", exact=True).click()
        downloaded = page.locator("#fetched_assignments_list")
        downloaded.get_by_text(ASSIGNMENT).first.wait_for(timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "lab-assignment-list.png"))
        inbound = newcomer["local"].exchange / "being-present" / "inbound"
        before = len(list(inbound.iterdir()))
        row = downloaded.locator(".list_item", has_text=ASSIGNMENT).first
        row.get_by_role("button", name="Submit").click()
        deadline = time.monotonic() + 90
        while len(list(inbound.iterdir())) == before:
            assert time.monotonic() < deadline, "the Assignment List's Submit sent nothing"
            time.sleep(0.5)
