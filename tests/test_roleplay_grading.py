"""A graded role-play through the real path: typed in a kernel, autograded, hand-changed, fed back.

Two learners play module 2's graded role-play in real kernels (the widget's Send, as a click
would). `cpsw autograde` scores them by the stated rule; the graded copy a grader opens in
formgrader holds the transcript, how each reply was read and the debrief, under a score box and
a comment box; a grader's changed score and comment reach `cpsw feedback`'s page, stated once.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import nbformat
import pytest
from helpers import REPO, run_cpsw
from nbclient import NotebookClient

from course_utils.content.loader import load_module

pytestmark = pytest.mark.slow
ASSIGNMENT = "active_listening"
SCRIPTS = REPO / "tests" / "data" / "roleplay_scripts"
MODULE = load_module(REPO / "content" / ASSIGNMENT)
ITEM = next(i for i in MODULE.items if i.kind == "roleplay" and i.graded)
COMMENT = "You stayed with her words all the way; the score stands, and this is why."


def script(name: str) -> list[str]:
    text = (SCRIPTS / f"{ITEM.id}.{name}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def play(folder: Path, replies: list[str]) -> None:
    """A fresh kernel runs the learner's notebook and sends each reply through the widget."""
    notebook = folder / f"{ASSIGNMENT}.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    sends = "".join(f"view.text.value = {r!r}\nview.send()\n" for r in replies)
    nb.cells.append(nbformat.v4.new_code_cell(
        f"from course_utils.learner.exercise import active_views\nview = active_views[{ITEM.id!r}]\n"
        + sends))
    NotebookClient(nb, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()


def gradebook_grade(course: Path, student: str):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return gb.find_grade(f"{ITEM.id}-grade", ASSIGNMENT, ASSIGNMENT, student).score


@pytest.fixture(scope="module")
def graded(built_course, tmp_path_factory) -> Path:
    course = Path(shutil.copytree(built_course, tmp_path_factory.mktemp("rp") / "course"))
    for student, name in (("ana", "present"), ("ben", "missteps")):
        folder = course / "submitted" / student / ASSIGNMENT
        shutil.copytree(course / "release" / ASSIGNMENT, folder)
        (folder / "timestamp.txt").write_text("2026-12-04 10:00:00.000000 UTC\n")
        play(folder, script(name))
    done = run_cpsw(course, "autograde", ASSIGNMENT)
    assert done.returncode == 0, done.stdout + done.stderr
    return course


class TestGradedRoleplay:
    def test_the_stated_rule_scores_each_talk(self, graded):
        assert gradebook_grade(graded, "ana") == ITEM.points  # all connected, opened
        assert gradebook_grade(graded, "ben") == 0.0  # missteps, withdrew

    def test_the_graded_copy_shows_the_transcript_the_reading_of_each_reply_and_the_debrief(self, graded):
        nb = nbformat.read(graded / "autograded" / "ana" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        cells = {c.get("id"): c for c in nb.cells}
        shown = unescape("".join(o.get("text", "") + o.get("data", {}).get("text/html", "")
                                 + o.get("data", {}).get("text/plain", "")
                                 for o in cells[f"{ITEM.id}-show"].outputs))
        assert "Your role-play" in shown and ITEM.roleplay.name in shown
        assert all(reply.split(",")[0] in shown for reply in script("present"))
        grade_output = "".join(o.get("text", "") + str(o.get("data", {}))
                               for o in cells[f"{ITEM.id}-grade"].outputs)
        assert "connected" in grade_output and "Debrief" in grade_output
        meta = cells[f"{ITEM.id}-show"].metadata["nbgrader"]
        assert meta["solution"], "the answer cell takes the grader's comment in formgrader"

    def test_a_graders_score_and_comment_reach_the_feedback_page_once(self, graded):
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{graded / 'gradebook.db'}") as gb:
            gb.find_grade(f"{ITEM.id}-grade", ASSIGNMENT, ASSIGNMENT, "ben").manual_score = 1.0
            gb.find_comment(f"{ITEM.id}-show", ASSIGNMENT, ASSIGNMENT, "ben").manual_comment = COMMENT
            gb.db.commit()
        done = run_cpsw(graded, "feedback", ASSIGNMENT, "--student", "ben")
        assert done.returncode == 0, done.stdout + done.stderr
        page = (graded / "feedback" / "ben" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
        start = page.index(f'data-item="{ITEM.id}"')
        ends = [i for i in (page.find('class="cps-answer"', start + 1),
                            page.find("Your results by competency", start)) if i > 0]
        section = page[start:min(ends)]
        assert re.findall(r"Score: [^<]*", section) == [f"Score: 1.0 / {ITEM.points}"]
        assert COMMENT in unescape(section)
        assert "Debrief" in section and "withdrew" in section
