"""Two learners, real kernels and real nbgrader: each their own display order, both graded exactly.

Amara works on a hub (JUPYTERHUB_USER names her order); Ben works without one (a random seed is
kept with his answers). Each answers by screen position, as a learner clicks.
"""

from __future__ import annotations

import json
import shutil
from html import unescape
from pathlib import Path

import nbformat
import pytest
from helpers import ASSIGNMENT
from nbclient import NotebookClient

from course_utils.assign.nbgrader_run import run_nbgrader
from course_utils.content.loader import load_module
from course_utils.core.display_order import DisplayOrder
from course_utils.core.storage import read_display_seed
from course_utils.items.conversation import replay
from course_utils.items.scoring import score_item

pytestmark = pytest.mark.slow
LEARNERS = {"amara": "amara", "ben": None}  # student id -> JupyterHub user (None: no hub)
REPORT = """
import json
from course_utils.learner.exercise import active_views as v
print("SHOWN" + json.dumps({k: [label for label, _ in view.radio.options]
                            for k, view in v.items() if view.item.kind == "best_response"}))
"""


def clicks(best: str, conversation: str) -> str:
    """Kernel code: the 2nd reply on screen for one item, the 1st at every conversation turn."""
    return (f'v["{best}"].radio.index = 1\n'
            f'c = v["{conversation}"]\n'
            "while c.radio.options:\n    c.radio.index = 0\n    c.say_button.click()\n")


def run(notebook: Path, extra: str) -> dict:
    """A fresh kernel runs the notebook and the extra code; returns the options each item showed."""
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(REPORT + extra))
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    return json.loads(text.split("SHOWN", 1)[1].splitlines()[0])


@pytest.fixture(scope="module")
def cohort(built_course, tmp_path_factory):
    course = Path(shutil.copytree(built_course, tmp_path_factory.mktemp("two") / "course"))
    module = load_module(course / "content" / ASSIGNMENT)
    best = next(i for i in module.items if i.kind == "best_response" and i.graded)
    conversation = next(i for i in module.items if i.kind == "branching" and i.graded)
    seen = {}
    with pytest.MonkeyPatch.context() as patch:
        for student, hub_user in LEARNERS.items():
            folder = course / "submitted" / student / ASSIGNMENT
            shutil.copytree(course / "release" / ASSIGNMENT, folder)
            (folder / "timestamp.txt").write_text("2026-12-01 10:00:00.000000 UTC\n")
            if hub_user:
                patch.setenv("JUPYTERHUB_USER", hub_user)
            else:
                patch.delenv("JUPYTERHUB_USER", raising=False)
            notebook = folder / f"{ASSIGNMENT}.ipynb"
            first = run(notebook, clicks(best.id, conversation.id))
            again = run(notebook, "")  # kernel restart: the same order must come back
            seen[student] = dict(first=first, again=again, seed=read_display_seed(folder))
    run_nbgrader(["autograde", ASSIGNMENT], course)
    run_nbgrader(["generate_feedback", ASSIGNMENT], course)
    return dict(course=course, module=module, best=best, conversation=conversation, seen=seen)


def grade(course: Path, student: str, item_id: str) -> float:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        sub = gb.find_submission(ASSIGNMENT, student)
        return next(g.score for nb in sub.notebooks for g in nb.grades if g.name == f"{item_id}-grade")


class TestTwoLearners:
    def test_seeds_come_from_the_hub_user_or_are_random(self, cohort):
        assert cohort["seen"]["amara"]["seed"] == "user:amara"
        assert cohort["seen"]["ben"]["seed"].startswith("random:")

    def test_each_sees_the_order_their_seed_gives(self, cohort):
        module = cohort["module"]
        for seen in cohort["seen"].values():
            display = DisplayOrder(seen["seed"])
            for item_id, labels in seen["first"].items():
                item = next(i for i in module.items if i.id == item_id)
                texts = {o.id: o.text for o in item.options}
                shown = [texts[o] for o in display.order([o.id for o in item.options], item_id)]
                assert [label[4:] for label in labels] == shown

    def test_the_two_orders_differ(self, cohort):
        # One item can show both the same order by chance (1 in 24); all of them cannot.
        amara, ben = cohort["seen"]["amara"]["first"], cohort["seen"]["ben"]["first"]
        assert amara.keys() == ben.keys() and len(amara) >= 3
        assert amara != ben

    def test_each_learner_sees_their_own_order_after_a_restart(self, cohort):
        for seen in cohort["seen"].values():
            assert seen["first"] == seen["again"]

    def test_letters_follow_the_screen_position(self, cohort):
        for seen in cohort["seen"].values():
            for labels in seen["first"].values():
                assert [label[:3] for label in labels] == [f"({c})" for c in "abcde"[:len(labels)]]

    def test_both_are_graded_exactly_on_what_they_clicked(self, cohort):
        best, conversation = cohort["best"], cohort["conversation"]
        scores = set()
        for student, seen in cohort["seen"].items():
            display = DisplayOrder(seen["seed"])
            clicked = display.order([o.id for o in best.options], best.id)[1]
            expected = score_item(best, clicked).earned
            assert grade(cohort["course"], student, best.id) == expected
            path: list[str] = []
            _, turn = replay(conversation.turns, path)
            while turn is not None:
                path.append(display.turn_order(conversation.id, turn)[0])
                _, turn = replay(conversation.turns, path)
            assert grade(cohort["course"], student, conversation.id) == \
                score_item(conversation, path).earned
            scores.add(expected)
        # What was on screen decided the score: the same click is a different reply for each.
        assert len({DisplayOrder(s["seed"]).order([o.id for o in best.options], best.id)[1]
                    for s in cohort["seen"].values()}) == 2 or len(scores) == 1

    def test_feedback_and_formgrader_use_the_learners_letters(self, cohort):
        best = cohort["best"]
        for student in LEARNERS:
            page = unescape((cohort["course"] / "feedback" / student / ASSIGNMENT
                             / f"{ASSIGNMENT}.html").read_text())
            assert "(b) Best reply (your choice)" in page or "(b) Not the best reply (your choice)" in page
            nb = nbformat.read(cohort["course"] / "autograded" / student / ASSIGNMENT
                               / f"{ASSIGNMENT}.ipynb", as_version=4)
            shown = next(c for c in nb.cells if c.get("id") == f"{best.id}-show")
            html = "".join(o.get("data", {}).get("text/html", "") for o in shown.outputs)
            assert "Chosen reply (b):" in unescape(html)
