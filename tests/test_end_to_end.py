"""A learner's whole journey through real nbgrader commands and real kernels.

release -> fetch -> answer in a kernel through the widgets -> new kernel restores the answers ->
validate -> submit -> collect -> autograde (exact scores) -> feedback -> export.
"""

from __future__ import annotations

import csv
import getpass
import json
import shutil
from html import escape, unescape
from pathlib import Path

import nbformat
import pytest
from helpers import ASSIGNMENT, REPO, copy_course
from nbclient import NotebookClient

from course_utils.assign.build import build
from course_utils.assign.nbgrader_run import run_nbgrader
from course_utils.core.display_order import DisplayOrder
from course_utils.core.storage import read_display_seed

pytestmark = pytest.mark.slow
REPLY = "It sounds like today knocked the wind out of you. What feels heaviest right now?"


def plan(module) -> tuple[dict, dict, list[str]]:
    """Answers to every item, the exact score each graded item must get, and kernel code that
    gives those answers the way clicks and typing do."""
    answers, expected, code = {}, {}, ["from course_utils.learner.exercise import active_views as v"]
    seen_best = 0
    for item in module.items:
        ids = [o.id for o in item.options]
        ref = f'v["{item.id}"]'
        if item.kind == "best_response":
            seen_best += item.graded
            pick = item.key if seen_best != 2 else next(i for i in ids if i != item.key)
            answers[item.id], fraction = pick, float(pick == item.key)
            code.append(f'{ref}.radio.value = "{pick}"')
        elif item.kind == "select_all":
            wrong = next(i for i in ids if i not in item.key)
            picks = [i for i in ids if i in item.key or i == wrong]
            answers[item.id] = picks
            fraction = max(0.0, (len(item.key) - 1) / len(item.key))
            code += [f'{ref}.boxes["{i}"].value = True' for i in picks]
        elif item.kind == "rank":
            order = list(item.key)
            order[0], order[1] = order[1], order[0]
            answers[item.id] = {oid: n for n, oid in enumerate(order, start=1)}
            pairs = len(ids) * (len(ids) - 1) // 2
            fraction = 2 * (pairs - 1) / pairs - 1  # one pair out of order, beyond chance
            code += [f'{ref}.menus["{oid}"].value = {n}' for oid, n in answers[item.id].items()]
        elif item.kind == "classify":
            key = dict(item.key)
            labels = {oid: key[oid] if n < 2 else next(x for x in item.labels if x != key[oid])
                      for n, oid in enumerate(ids)}
            answers[item.id], fraction = labels, 2 / len(ids)
            code += [f'{ref}.menus["{oid}"].value = "{lab}"' for oid, lab in labels.items()]
        elif item.kind == "branching":
            # A roadblock first, then the most present reply at every later turn.
            by_id, turn, path, qualities = {t.id: t for t in item.turns}, item.turns[0], [], []
            while turn is not None:
                pick = (min if not path else max)(turn.replies, key=lambda r: r.quality)
                path.append(pick.id)
                qualities.append(pick.quality)
                code += [f'{ref}.radio.value = "{pick.id}"', f"{ref}.say_button.click()"]
                turn = by_id.get(pick.next)
            answers[item.id] = path
            fraction = sum(qualities) / (2 * len(qualities))
        elif item.kind == "roleplay":
            # The module's present script, sent turn by turn: every reply connects, the peer opens
            # up (tests/items/test_roleplay_play.py) -> full marks.
            script = (REPO / "tests" / "data" / "roleplay_scripts" / f"{item.id}.present.txt")
            replies = [line for line in script.read_text(encoding="utf-8").splitlines() if line.strip()]
            answers[item.id], fraction = {"replies": replies, "seed": 0}, 1.0
            code += [c for r in replies for c in (f"{ref}.text.value = {r!r}", f"{ref}.send()")]
        elif item.kind == "observer_checklist":
            # What the observer counted, one roadblock heard, and both notes, through the widget.
            tallies = {"simple_reflections": 4, "complex_reflections": 2, "open_questions": 3,
                       "closed_questions": 1}
            notes = {"observer": f"The listener let a pause be; the speaker went on. ({item.id})",
                     "listener": "I rushed once; next time I wait."}
            answers[item.id], fraction = {"tallies": tallies, "roadblocks": ["advising"], **notes}, None
            code += [f'{ref}.counts["{k}"].value = {n}' for k, n in tallies.items()]
            code += [f'{ref}.roadblocks["advising"].value = True']
            code += [f'{ref}.notes["{k}"].value = {text!r}' for k, text in notes.items()]
        else:
            heard = " ".join(item.scenario.peer_says.split()[:6]).strip(".,!?\"'")
            answers[item.id] = f"{REPLY} You said \"{heard}\". ({item.id})"
            # Worked by hand: a reflection that picks up the peer's words, an open question,
            # no roadblock -> the full rubric.
            fraction = 1.0 if item.kind == "written_reply" else None
            code.append(f'{ref}.text.value = {answers[item.id]!r}')
        if item.graded and fraction is not None:
            expected[item.id] = round(item.points * fraction, 2)
    return answers, expected, code


def execute(notebook: Path, extra: list[str] = ()) -> nbformat.NotebookNode:
    """Run a notebook in a fresh kernel (as a learner's Run All), then any extra code."""
    nb = nbformat.read(notebook, as_version=4)
    for source in extra:
        nb.cells.append(nbformat.v4.new_code_cell(source))
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors, errors
    return nb


def html_outputs(cell) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)


@pytest.fixture(scope="module")
def journey(tmp_path_factory, module):
    """Run the whole journey once; the tests below check each stage."""
    root = tmp_path_factory.mktemp("journey")
    course = copy_course(root / "course")
    build(course, log=lambda _m: None)
    exchange = root / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    common = [f"--Exchange.root={exchange}", "--CourseDirectory.course_id=being-present"]
    run_nbgrader(["release_assignment", ASSIGNMENT, *common], course)
    learner_home = root / "learner"
    learner_home.mkdir()
    run_nbgrader(["fetch_assignment", ASSIGNMENT, *common], learner_home)
    folder = learner_home / ASSIGNMENT
    notebook = folder / f"{ASSIGNMENT}.ipynb"
    answers, expected, code = plan(module)
    execute(notebook, ["\n".join(code)])  # the learner answers every item
    restarted = execute(notebook)  # a new kernel: the answers must come back
    validate_log = run_nbgrader(["validate", str(notebook)], learner_home)
    # A file of the same name in source/ must never overwrite the learner's answers.
    (course / "source" / ASSIGNMENT / "answers.json").write_text(
        json.dumps({"format": 1, "answers": {}}))
    run_nbgrader(["submit", ASSIGNMENT, *common], learner_home)
    run_nbgrader(["collect", ASSIGNMENT, *common], course)
    run_nbgrader(["autograde", ASSIGNMENT, *common], course)
    run_nbgrader(["generate_feedback", ASSIGNMENT, *common], course)
    run_nbgrader(["export", "--to", str(root / "grades.csv"), *common], course)
    return dict(course=course, folder=folder, restarted=restarted, answers=answers,
                expected=expected, validate_log=validate_log, student=getpass.getuser(),
                grades_csv=root / "grades.csv")


class TestLearnerJourney:
    def test_answers_saved_beside_the_notebook(self, journey, module):
        saved = json.loads((journey["folder"] / "answers.json").read_text())["answers"]
        assert {k: v["value"] for k, v in saved.items()} == journey["answers"]
        assert len(saved) == len(module.items)

    def test_new_kernel_restores_every_answer(self, journey, module):
        cells = {c.get("id"): c for c in journey["restarted"].cells}
        assert f"Restored {len(module.items)} saved answer(s)" in html_outputs(cells["setup"])
        seen = DisplayOrder(read_display_seed(journey["folder"]))
        assert seen.seed is not None  # the learner's own order, kept with the answers
        # The live page shows only the widget (the plain copy is for formgrader and feedback):
        # each item's widget says its saved answer came back.
        state = journey["restarted"].metadata["widgets"]["application/vnd.jupyter.widget-state+json"]
        values = [str(m.get("state", {}).get("value", "")) for m in state["state"].values()]
        restored = [v for v in values if "Your saved answer was restored." in v]
        assert len(restored) == len(module.items)
        for item in module.items:
            widget = [o for o in cells[f"{item.id}-show"].outputs
                      if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
            assert widget, f"{item.id}: no widget shown"
            assert "cps-answer" not in html_outputs(cells[f"{item.id}-show"]), item.id

    def test_validate_passes(self, journey):
        assert "Success! Your notebook passes all the tests." in journey["validate_log"]

    def test_autograde_gives_exact_score_of_every_item(self, journey, module):
        from nbgrader.api import Gradebook

        db = f"sqlite:///{journey['course'] / 'gradebook.db'}"
        with Gradebook(db) as gb:
            sub = gb.find_submission(ASSIGNMENT, journey["student"])
            grades = {g.name: g for nb in sub.notebooks for g in nb.grades}
        assert journey["expected"], "the plan must include graded items"
        for item_id, score in journey["expected"].items():
            assert grades[f"{item_id}-grade"].score == score, item_id
            assert not grades[f"{item_id}-grade"].needs_manual_grade
        manual = [i.id for i in module.items if i.hand_graded]
        assert manual
        for item_id in manual:
            assert grades[f"{item_id}-task"].needs_manual_grade, item_id
        # The expectations include real partial credit, not only 0 or full marks.
        assert any(0 < s < module.item(i).points for i, s in journey["expected"].items())

    def test_graders_see_the_written_reply(self, journey, module):
        autograded = journey["course"] / "autograded" / journey["student"] / ASSIGNMENT
        nb = nbformat.read(autograded / f"{ASSIGNMENT}.ipynb", as_version=4)
        cells = {c.get("id"): c for c in nb.cells}
        for item in module.items:
            if item.kind == "written_reply" and item.graded:
                assert escape(journey["answers"][item.id]) in html_outputs(cells[f"{item.id}-show"])

    def test_feedback_explains_every_graded_item(self, journey, module):
        feedback = unescape((journey["course"] / "feedback" / journey["student"] / ASSIGNMENT
                             / f"{ASSIGNMENT}.html").read_text())
        assert "grade_item(" not in feedback and "BEGIN HIDDEN TESTS" not in feedback
        for item in module.items:
            if item.graded and item.key is not None:
                key_id = item.key if item.kind == "best_response" else item.options[0].id
                assert item.option(key_id).explanation in feedback, item.id
                assert f"Score: {float(journey['expected'][item.id])} / {float(item.points)}" in feedback

    def test_export_has_the_auto_graded_total(self, journey):
        rows = list(csv.DictReader(journey["grades_csv"].open()))
        row = next(r for r in rows
                   if r["student_id"] == journey["student"] and r["assignment"] == ASSIGNMENT)
        assert float(row["raw_score"]) == pytest.approx(sum(journey["expected"].values()))
        assert REPLY not in journey["grades_csv"].read_text()


class TestDamagedAnswersFile:
    def test_notebook_still_runs_says_what_happened_and_keeps_the_old_file(self, built_course,
                                                                          tmp_path):
        folder = tmp_path / ASSIGNMENT
        shutil.copytree(built_course / "release" / ASSIGNMENT, folder)
        (folder / "answers.json").write_text('{"format": 1, "answers": {"bp-first')
        nb = execute(folder / f"{ASSIGNMENT}.ipynb",
                     ['from course_utils.learner.exercise import active_views as v\n'
                      'v["bp-first-words"].radio.value = "b"'])
        setup = next(c for c in nb.cells if c.get("id") == "setup")
        assert "could not be read" in html_outputs(setup) and "kept as" in html_outputs(setup)
        kept = list(folder.glob("answers.unreadable-*.json"))
        assert len(kept) == 1 and kept[0].read_text().endswith('"bp-first')
        saved = json.loads((folder / "answers.json").read_text())["answers"]
        assert saved["bp-first-words"]["value"] == "b"
