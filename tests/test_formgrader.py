"""A grader's change in formgrader, in headless Chromium, reaching feedback, report and export.

Two learners' submissions are answered in real kernels and autograded with `cpsw autograde`. A
grader opens one learner's submission in nbgrader's formgrader (a real JupyterLab server),
raises the score of a written reply and explains why in its comment box. Then `cpsw feedback
--student` remakes that learner's page, which states the item's score once, shows the comment
and counts the new score in the competency table; `cpsw report` and `cpsw export` use it too.
"""

from __future__ import annotations

import csv
import re
import shutil
import time
from html import unescape
from pathlib import Path

import nbformat
import pytest
from helpers import ASSIGNMENT, REPO, run_cpsw
from lab import CHROMIUM, CHROMIUM_ARGS, jupyter_lab
from nbclient import NotebookClient

from course_utils.content.loader import load_module

pytestmark = pytest.mark.browser
ARTIFACTS = REPO / "tests" / "artifacts"
REPLIES = {"ana": "You sound worn out. Do you want to tell me more about what happened?",
           "ben": "You should just find a new clinic, honestly."}
NEW_SCORE = 2.5
COMMENT = "You named the tiredness under the words; the rubric missed that, so I raised it."


def answer(folder: Path, item_id: str, reply: str) -> None:
    """A fresh kernel runs the learner's notebook and types the written reply, as a learner would."""
    notebook = folder / f"{ASSIGNMENT}.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "from course_utils.learner.exercise import active_views as v\n"
        f"v[{item_id!r}].text.value = {reply!r}\n"))
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()


def grade(course: Path, student: str, cell: str):
    """(auto score, manual score) of one grade cell in the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        found = gb.find_grade(cell, ASSIGNMENT, ASSIGNMENT, student)
        return found.auto_score, found.manual_score


def comment(course: Path, student: str, cell: str) -> str | None:
    """The grader's comment on one cell in the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return gb.find_comment(cell, ASSIGNMENT, ASSIGNMENT, student).manual_comment


def submission_notebook_id(course: Path, student: str) -> str:
    """The id formgrader uses in the address of a learner's submitted notebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return gb.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student).id


def feedback_page(course: Path, student: str) -> str:
    return (course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()


def item_section(page: str, item_id: str) -> str:
    """The feedback page from an item's answer to the next item's answer (or the results)."""
    start = page.index(f'data-item="{item_id}"')
    ends = [i for i in (page.find('class="cps-answer"', start + 1),
                        page.find("Your results by competency", start)) if i > 0]
    return page[start:min(ends)]


def competency_points(page: str) -> dict[str, float]:
    """Points earned per competency in the page's final-score table."""
    table = page[page.index('class="cps-report"'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr><td>([^<]+)</td><td>\d+</td><td>([\d.]+) of [\d.]+</td>", table)
    assert rows, table
    return {unescape(name): float(points) for name, points in rows}


def difficulty(course: Path, item_id: str) -> float:
    """The item's difficulty (share of points earned) on its row of the cohort report."""
    done = run_cpsw(course, "report", ASSIGNMENT)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (course / "reports" / ASSIGNMENT / "index.html").read_text()
    row = re.search(rf"<tr><td>{re.escape(item_id)}</td>(.*?)</tr>", page, re.DOTALL)
    assert row, f"no row for {item_id} in the report"
    cells = re.findall(r"<td>([^<]*)</td>", row.group(1))
    return float(cells[3])


def exported_total(course: Path, student: str, target: Path) -> float:
    done = run_cpsw(course, "export", "--to", str(target))
    assert done.returncode == 0, done.stdout + done.stderr
    with target.open(newline="") as f:
        return next(float(r["raw_score"]) for r in csv.DictReader(f)
                    if r["student_id"] == student and r["assignment"] == ASSIGNMENT)


@pytest.fixture(scope="module")
def graded(built_course, tmp_path_factory) -> dict:
    """Both learners answered and autograded, the first feedback made; then the grader's visit."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-debian-deps (make test does)")
    tmp = tmp_path_factory.mktemp("formgrader")
    course = Path(shutil.copytree(built_course, tmp / "course"))
    module = load_module(course / "content" / ASSIGNMENT)
    item = next(i for i in module.items if i.kind == "written_reply" and i.graded)
    for student, reply in REPLIES.items():
        folder = course / "submitted" / student / ASSIGNMENT
        shutil.copytree(course / "release" / ASSIGNMENT, folder)
        (folder / "timestamp.txt").write_text("2026-12-01 10:00:00.000000 UTC\n")
        answer(folder, item.id, reply)
    done = run_cpsw(course, "autograde", ASSIGNMENT)
    assert done.returncode == 0, done.stdout + done.stderr
    first = run_cpsw(course, "feedback", ASSIGNMENT)
    assert first.returncode == 0, first.stdout + first.stderr
    before = dict(page=feedback_page(course, "ana"), difficulty=difficulty(course, item.id),
                  total=exported_total(course, "ana", tmp / "before.csv"),
                  auto=grade(course, "ana", f"{item.id}-grade")[0])
    assert before["auto"] < NEW_SCORE  # the grader raises it: a change the tests can see

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    visit: dict = {}
    with jupyter_lab(course, ARTIFACTS / "formgrader.log") as (base, token), \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # The token in a header: formgrader's own API calls are then signed in too.
        page = browser.new_page(viewport={"width": 1280, "height": 900},
                                extra_http_headers={"Authorization": f"token {token}"})
        url = f"{base}/formgrader/submissions/{submission_notebook_id(course, 'ana')}/"
        page.goto(url)
        score_box = page.locator(f"input#{item.id}-grade")
        score_box.wait_for(timeout=60_000)
        answer_box = page.locator(f'.cps-answer[data-item="{item.id}"]')
        visit["screens"] = page.evaluate("document.body.scrollHeight / window.innerHeight")
        visit["gap"] = score_box.bounding_box()["y"] - answer_box.bounding_box()["y"]
        visit["code"] = page.locator(".input_area").all_inner_texts()
        visit["prompts"] = page.locator(".prompt").all_inner_texts()
        score_box.fill(str(NEW_SCORE))
        score_box.press("Tab")
        box = page.locator(f"textarea#{item.id}-show-comment")
        box.fill(COMMENT)
        box.press("Tab")
        deadline = time.monotonic() + 30
        while (grade(course, "ana", f"{item.id}-grade")[1] != NEW_SCORE
               or comment(course, "ana", f"{item.id}-show") != COMMENT):
            assert time.monotonic() < deadline, "formgrader did not save the score and comment"
            time.sleep(0.3)
        page.screenshot(path=str(ARTIFACTS / "formgrader-written-reply.png"))
        browser.close()

    again = run_cpsw(course, "feedback", ASSIGNMENT, "--student", "ana")
    return dict(course=course, item=item, before=before, visit=visit, again=again, tmp=tmp)


class TestGraderChangeInFormgrader:
    def test_the_page_is_short_and_the_score_box_is_near_the_answer(self, graded):
        visit = graded["visit"]
        assert not any("grade_item(" in code or "{" in code for code in visit["code"]), \
            "hidden tests are one or two lines, with no spec in sight"
        lines = [[line for line in code.splitlines() if line.strip() and not line.startswith("#")]
                 for code in visit["code"]]
        assert max(len(code) for code in lines) <= 2
        assert not any("In" in p or "Out" in p for p in visit["prompts"]), "no In [n] / Out[n] prompts"
        assert 0 < visit["gap"] < 900, "the answer and its score box fit on one screen"
        assert visit["screens"] < 16, f"the graded copy is {visit['screens']:.1f} screens long"

    def test_feedback_remakes_only_that_learners_page_and_says_so(self, graded):
        again = graded["again"]
        assert again.returncode == 0, again.stdout + again.stderr
        assert "changed: ana" in again.stdout
        assert "ben" not in again.stdout

    def test_the_item_shows_one_score_the_comment_and_the_suggestion(self, graded):
        page = feedback_page(graded["course"], "ana")
        section = item_section(page, graded["item"].id)
        assert re.findall(r"Score: [^<]*", section) == [f"Score: {NEW_SCORE} / 3.0"]
        assert COMMENT in unescape(section)
        auto = graded["before"]["auto"]
        assert f"The automatic rubric suggested {auto:g} of 3" in section
        assert "In&nbsp;[" not in page and "In [" not in page

    def test_the_competency_table_counts_the_new_score(self, graded):
        before = competency_points(graded["before"]["page"])
        after = competency_points(feedback_page(graded["course"], "ana"))
        delta = NEW_SCORE - graded["before"]["auto"]
        names = {name for name in after for number in graded["item"].competencies
                 if name.startswith(f"{number}. ")}
        assert names, "the item's competencies are in the table"
        for name in after:
            expected = before[name] + (delta if name in names else 0)
            assert after[name] == pytest.approx(expected, abs=0.006), name

    def test_report_and_export_use_the_graders_score(self, graded):
        course, before = graded["course"], graded["before"]
        delta = NEW_SCORE - before["auto"]
        item = graded["item"]
        expected = before["difficulty"] + delta / (item.points * len(REPLIES))
        assert difficulty(course, item.id) == pytest.approx(expected, abs=0.006)
        total = exported_total(course, "ana", graded["tmp"] / "after.csv")
        assert total == pytest.approx(before["total"] + delta)
