"""The release notebook in a real JupyterLab, in headless Chromium: widgets render and save."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from helpers import ASSIGNMENT, REPO
from lab import CHROMIUM, CHROMIUM_ARGS, jupyter_lab
from pages import learner_config, open_in_lab

pytestmark = pytest.mark.browser
ARTIFACTS = REPO / "tests" / "artifacts"


@pytest.fixture(scope="module")
def lab_page(tmp_path_factory):
    """A page showing the learner's notebook after Run All, in a live JupyterLab set up for learners."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-debian-deps (make test does)")
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "home"
    for folder in (REPO / "release").iterdir():
        shutil.copytree(folder, root / folder.name)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    config = learner_config(tmp / "config")
    with jupyter_lab(root, ARTIFACTS / "jupyterlab.log", config) as (base, token), \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        open_in_lab(page, base, token, f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
        yield page, root / ASSIGNMENT
        browser.close()


def accept_kernel_dialog(page) -> None:
    """Accept JupyterLab's first-open "Select Kernel" dialog if it shows."""
    try:
        page.get_by_role("button", name="Select", exact=True).click(timeout=8_000)
    except Exception:
        pass


def id_at(folder: Path, item_id: str, letter: str) -> str:
    """The option id this learner sees at a letter (their display order, from answers.json)."""
    from course_utils.content.loader import load_module
    from course_utils.core.display_order import DisplayOrder
    from course_utils.core.storage import read_display_seed

    item = load_module(REPO / "content" / ASSIGNMENT).item(item_id)
    seed = read_display_seed(folder)
    assert seed is not None, "the notebook keeps the learner's display order in answers.json"
    return DisplayOrder(seed).order([o.id for o in item.options], item_id)["abcdef".index(letter)]


def saved_value(folder, item_id, expected, seconds=15):
    """Wait until answers.json holds the expected value for an item."""
    deadline = time.monotonic() + seconds
    while True:
        path = folder / "answers.json"
        value = json.loads(path.read_text())["answers"].get(item_id, {}).get("value") \
            if path.exists() else None
        if value == expected:
            return
        assert time.monotonic() < deadline, f"{item_id}: saved {value!r}, expected {expected!r}"
        time.sleep(0.2)


class TestNotebookInBrowser:
    def test_best_response_renders_and_a_click_saves_with_feedback(self, lab_page):
        page, folder = lab_page
        item = page.locator(".cps-best-response").first
        item.wait_for(timeout=90_000)
        item.scroll_into_view_if_needed()
        item.get_by_role("radio", name=re.compile(r"^\(a\)")).click()
        feedback = item.get_by_text("(your choice)")
        feedback.wait_for(timeout=15_000)
        page.screenshot(path=str(ARTIFACTS / "best-response.png"))
        deadline = time.monotonic() + 10
        expected = id_at(folder, "bp-first-words", "a")  # what this learner sees as (a)
        while True:
            answers_file = folder / "answers.json"
            if answers_file.exists():
                saved = json.loads(answers_file.read_text())["answers"]
                if saved.get("bp-first-words", {}).get("value") == expected:
                    break
            assert time.monotonic() < deadline, "the click was not saved to answers.json"
            time.sleep(0.2)

    def test_graded_item_shows_no_verdict_after_a_click(self, lab_page):
        page, folder = lab_page
        graded = page.locator(".cps-best-response").nth(1)
        graded.scroll_into_view_if_needed()
        graded.get_by_role("radio", name=re.compile(r"^\(b\)")).click()
        graded.get_by_text("graded after you submit").wait_for(timeout=15_000)
        assert graded.get_by_text("Best reply").count() == 0
        page.screenshot(path=str(ARTIFACTS / "graded-best-response.png"))

    @pytest.mark.parametrize("kind", ["best-response", "select-all", "rank", "classify",
                                      "written-reply", "reflection", "branching", "observer-checklist"])
    def test_every_kind_renders_with_named_controls(self, lab_page, kind):
        page, _ = lab_page
        item = page.locator(f".cps-{kind}").first
        item.wait_for(timeout=30_000)
        item.scroll_into_view_if_needed()
        role, name = {
            "best-response": ("radiogroup", None), "select-all": ("checkbox", r"^\(a\)"),
            "rank": ("combobox", r"Place of reply \(a\)"),
            "classify": ("combobox", r"Label for statement \(a\)"),
            "written-reply": ("textbox", "Your reply"), "reflection": ("textbox", "Your reflection"),
            "branching": ("button", "Say this reply"),
            "observer-checklist": ("spinbutton", "Simple reflections"),
        }[kind]
        if name is None:
            assert item.get_by_role("radio").count() >= 3
        else:
            assert item.get_by_role(role, name=re.compile(name)).count() == 1
        item.screenshot(path=str(ARTIFACTS / f"kind-{kind}.png"))

    def test_conversation_moves_on_when_a_reply_is_said(self, lab_page):
        page, folder = lab_page
        conversation = page.locator(".cps-branching").first
        conversation.scroll_into_view_if_needed()
        conversation.get_by_role("radio").first.click()
        conversation.get_by_role("button", name="Say this reply").click()
        conversation.get_by_text("You:").wait_for(timeout=15_000)
        conversation.screenshot(path=str(ARTIFACTS / "conversation-after-one-reply.png"))
        deadline = time.monotonic() + 10
        while True:
            saved = json.loads((folder / "answers.json").read_text())["answers"]
            if len(saved.get("bp-branch-grandfather", {}).get("value", [])) == 1:
                break
            assert time.monotonic() < deadline, saved.get("bp-branch-grandfather")
            time.sleep(0.3)


class TestKeyboard:
    def test_choice_menu_and_text_work_from_the_keyboard(self, lab_page):
        """Arrow keys pick a reply and a place, typing fills a reply; all are saved."""
        page, folder = lab_page
        graded = page.locator(".cps-best-response").nth(2)
        graded.scroll_into_view_if_needed()
        graded.get_by_role("radio").first.focus()
        page.keyboard.press("ArrowDown")
        rank = page.locator(".cps-rank").first
        rank.scroll_into_view_if_needed()
        rank.get_by_role("combobox").first.focus()
        page.keyboard.press("ArrowDown")  # from "Choose a place" to place 1
        reply = page.locator(".cps-written-reply").first
        reply.scroll_into_view_if_needed()
        reply.get_by_role("textbox").focus()
        page.keyboard.type("That sounds heavy. What happened?")
        reply.get_by_text("What we noticed").wait_for(timeout=15_000)  # live, debounced findings
        reply.get_by_text("[Open question]").wait_for(timeout=15_000)
        assert reply.locator("mark").count() >= 2
        reply.screenshot(path=str(ARTIFACTS / "live-feedback.png"))
        expected = {"bp-stay-and-connect": id_at(folder, "bp-stay-and-connect", "b"),
                    "bp-rank-text": {id_at(folder, "bp-rank-text", "a"): 1},
                    "bp-reply-family": "That sounds heavy. What happened?"}
        deadline = time.monotonic() + 15
        while True:
            saved = json.loads((folder / "answers.json").read_text())["answers"]
            got = {k: saved.get(k, {}).get("value") for k in expected}
            if got == expected:
                break
            assert time.monotonic() < deadline, got
            time.sleep(0.3)
        page.screenshot(path=str(ARTIFACTS / "keyboard.png"))


AXE = REPO / ".tools" / "node_modules" / "axe-core" / "axe.min.js"


class TestSurvivesReloadAndRestart:
    def test_answer_is_back_after_reload_and_kernel_restart(self, lab_page):
        page, folder = lab_page
        first = page.locator(".cps-best-response").first
        first.scroll_into_view_if_needed()
        first.get_by_role("radio", name=re.compile(r"^\(c\)")).click()
        saved_value(folder, "bp-first-words", id_at(folder, "bp-first-words", "c"))
        page.reload()
        accept_kernel_dialog(page)
        page.get_by_role("menuitem", name="Kernel", exact=True).click()
        page.get_by_role("menuitem", name=re.compile("^Restart Kernel and Run All Cells")).click()
        page.get_by_role("button", name=re.compile("^(Restart|Confirm Kernel Restart)$")).click()
        first = page.locator(".cps-best-response").first
        first.wait_for(timeout=90_000)
        first.scroll_into_view_if_needed()
        radio = first.get_by_role("radio", name=re.compile(r"^\(c\)"))
        radio.wait_for(timeout=30_000)
        deadline = time.monotonic() + 20
        while not radio.is_checked():
            assert time.monotonic() < deadline, "the saved answer was not restored"
            time.sleep(0.3)
        assert first.get_by_text("Your saved answer was restored.").count() == 1
        saved = json.loads((folder / "answers.json").read_text())["answers"]
        kinds = set()
        for item_id, entry in saved.items():
            if entry.get("value") in (None, "", [], {}):
                continue
            box = page.locator(f".cps-id-{item_id}")
            box.scroll_into_view_if_needed()
            box.get_by_text("Your saved answer was restored.").wait_for(timeout=20_000)
            kinds.add(box.get_attribute("class"))
        assert len(saved) >= 5 and len(kinds) >= 4  # several kinds came back, not only one


class TestLearnerSettings:
    def test_staff_tools_and_validate_are_not_offered(self, lab_page):
        page, _ = lab_page
        page.get_by_role("menuitem", name="Nbgrader", exact=True).click()
        menu = page.locator("#jp-mainmenu-nbgrader")
        menu.get_by_text("Assignment List").wait_for(timeout=10_000)
        shown = menu.inner_text()
        page.keyboard.press("Escape")
        assert "Formgrader" not in shown and "Create Assignment" not in shown, shown
        assert page.get_by_role("button", name="Validate", exact=True).count() == 0
        toolbar = page.locator(".jp-NotebookPanel-toolbar")
        assert toolbar.get_by_role("combobox").count() == 0  # no Code/Markdown selector
        assert toolbar.get_by_title(re.compile("Insert a cell|Cut the selected|Paste cells")).count() == 0
        assert page.locator(".jp-cell-toolbar").count() == 0
        assert page.get_by_text("Jupyter news").count() == 0

    def test_letter_keys_in_command_mode_change_no_cell(self, lab_page):
        page, folder = lab_page
        cells = page.locator(".jp-Notebook .jp-Cell")
        before = cells.count()
        page.locator(".jp-Notebook .jp-MarkdownCell").first.click()
        page.keyboard.press("Escape")  # command mode, as after a click on a cell
        for key in ["b", "a", "x", "d", "d", "m", "y", "z", "v"]:
            page.keyboard.press(key)
        time.sleep(0.5)
        assert cells.count() == before

    def test_code_is_hidden(self, lab_page):
        page, _ = lab_page
        text = page.locator(".jp-Notebook").inner_text()
        assert "show_item(" not in text and "from course_utils" not in text


class TestAccessibility:
    def test_focus_is_visible_and_feedback_is_announced(self, lab_page):
        page, _ = lab_page
        item = page.locator(".cps-id-bp-first-words")
        item.scroll_into_view_if_needed()
        radio = item.get_by_role("radio").first
        radio.focus()
        page.keyboard.press("Space")
        outline = radio.evaluate("e => getComputedStyle(e).outlineStyle + ' ' + "
                                 "getComputedStyle(e).outlineWidth")
        assert outline.split()[0] != "none" and outline.split()[1] != "0px", outline
        live = item.locator("[aria-live=polite]")
        assert live.count() >= 2  # the save status and the feedback are both announced

    def test_no_serious_or_critical_finding_in_our_widgets(self, lab_page):
        """axe-core over the whole page; findings inside JupyterLab itself are reported only."""
        page, _ = lab_page
        assert AXE.exists(), f"{AXE} is missing: make test installs axe-core from npm"
        items = page.locator(".cps-item")
        for n in range(items.count()):
            items.nth(n).scroll_into_view_if_needed()
        assert items.count() == 16
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => ({
              id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                ours: !!(document.querySelector(n.target.join(' ')) || document.body)
                        .closest('.cps-item')}))}));
        }""")
        (ARTIFACTS / "axe-being_present.json").write_text(json.dumps(found, indent=1))
        ours = [(v["id"], n["html"]) for v in found for n in v["nodes"] if n["ours"]]
        assert ours == [], ours


class TestGuideNotebooks:
    def test_start_here_links_open_their_module(self, lab_page):
        page, _ = lab_page
        base = page.url.split("/lab/")[0]
        page.goto(f"{base}/lab/tree/start_here/start_here.ipynb")
        accept_kernel_dialog(page)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name=re.compile("^Run All Cells")).click()
        page.locator(".cps-module-list").wait_for(timeout=90_000)
        links = page.locator(".cps-module-list a")
        assert links.count() == 9
        links.first.click()
        page.get_by_role("tab", name=re.compile(f"{ASSIGNMENT}.ipynb")).wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "start-here-link.png"))

    def test_my_progress_renders_its_plots(self, lab_page):
        page, folder = lab_page
        from course_utils.core.storage import AnswerStore

        AnswerStore(folder).set("bp-first-words", "b")  # a practice answer saved earlier
        base = page.url.split("/lab/")[0]
        page.goto(f"{base}/lab/tree/start_here/my_progress.ipynb")
        accept_kernel_dialog(page)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name=re.compile("^Run All Cells")).click()
        plots = page.locator(".jp-OutputArea-output img")
        plots.first.wait_for(timeout=90_000)
        plots.nth(1).wait_for(timeout=30_000)  # both charts, not only the first
        plots.first.scroll_into_view_if_needed()
        assert page.locator(".jp-OutputArea-output img").count() == 2
        page.screenshot(path=str(ARTIFACTS / "my-progress.png"))
