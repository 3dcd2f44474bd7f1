"""GetGradeDetails: the final, automatic and manual score of each graded cell, from the gradebook."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from gradebooks import nbgrader_resources, open_gradebook, override, record, run_hidden_tests, save_master
from nbgrader.preprocessors import GetGrades

from course_utils.assign.notebook import build_notebook
from course_utils.preprocessors.grade_details import GetGradeDetails
from course_utils.preprocessors.save_grades import SaveGrades

STUDENT = "ana"


def test_a_graders_score_comes_with_the_automatic_one(tmp_path, module):
    item = next(i for i in module.items if i.auto_graded)
    record(tmp_path, module, {"ana": {item.id: 0.5}})
    override(tmp_path, module, "ana", item.id, float(item.points))
    code = nbformat.v4.new_code_cell("grade_sealed(...)")
    code.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": f"{item.id}-grade",
                                 "points": item.points}
    nb = nbformat.v4.new_notebook(cells=[code])
    resources = {"nbgrader": {"notebook": module.assignment, "assignment": module.assignment,
                              "student": "ana", "db_url": f"sqlite:///{tmp_path / 'gradebook.db'}"}}
    out, resources = GetGradeDetails().preprocess(nb, resources)
    meta = out.cells[0].metadata["nbgrader"]
    assert (meta["score"], meta["auto_score"], meta["manual_score"]) == (item.points, 0.5, item.points)
    assert isinstance(meta["needs_manual_grade"], bool)


@pytest.fixture(scope="module")
def template(tmp_path_factory, module):
    """ana's notebook autograded by the course's SaveGrades (no answers saved) and its gradebook."""
    course = tmp_path_factory.mktemp("template")
    released = save_master(course, build_notebook(module, "help"), module.assignment, (STUDENT,))
    autograded = run_hidden_tests(released, {"bp-validate-feeling": 1.0, "bp-rank-respite": 1.5})
    SaveGrades().preprocess(autograded, nbgrader_resources(course, module.assignment, STUDENT,
                                                           course))
    return autograded, course / "gradebook.db"


@pytest.fixture
def autograded(tmp_path, template):
    """The autograded notebook; tmp_path/gradebook.db is a fresh copy of the template's."""
    nb, db = template
    shutil.copy(db, tmp_path / "gradebook.db")
    return nb


def details(tmp_path, module, nb, step: type = GetGradeDetails) -> dict[str, dict]:
    """Each cell's nbgrader metadata after the feedback step, by grade_id."""
    out, _ = step().preprocess(nbformat.from_dict(nb),
                               nbgrader_resources(tmp_path, module.assignment, STUDENT))
    return {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"] for c in out.cells}


def change(tmp_path, module, grade_id: str, **values) -> None:
    """A grader's change in formgrader to a grade (scores) or comment (manual_comment)."""
    a = module.assignment
    with open_gradebook(tmp_path) as gb:
        row = (gb.find_comment if "manual_comment" in values else gb.find_grade)(
            grade_id, a, a, STUDENT)
        for name, value in values.items():
            setattr(row, name, value)
        gb.db.commit()


def test_an_automatic_score_alone(tmp_path, module, autograded):
    meta = details(tmp_path, module, autograded)["bp-rank-respite-grade"]
    assert {k: meta[k] for k in ("score", "auto_score", "manual_score", "needs_manual_grade",
                                 "points")} == {"score": 1.5, "auto_score": 1.5,
                                                "manual_score": None, "needs_manual_grade": False,
                                                "points": 2.0}


def test_a_grader_lowering_a_score_is_the_final_score(tmp_path, module, autograded):
    change(tmp_path, module, "bp-validate-feeling-grade", manual_score=0.0, needs_manual_grade=False)
    meta = details(tmp_path, module, autograded)["bp-validate-feeling-grade"]
    assert (meta["score"], meta["auto_score"], meta["manual_score"]) == (0.0, 1.0, 0.0)
    assert meta["needs_manual_grade"] is False


def test_a_reflection_not_yet_graded_says_it_needs_its_grader(tmp_path, module, autograded):
    meta = details(tmp_path, module, autograded)["bp-reflect-presence-task"]
    assert (meta["auto_score"], meta["manual_score"], meta["needs_manual_grade"]) == (None, None, True)


def test_a_graded_reflection_has_the_graders_score(tmp_path, module, autograded):
    change(tmp_path, module, "bp-reflect-presence-task", manual_score=1.5, needs_manual_grade=False)
    meta = details(tmp_path, module, autograded)["bp-reflect-presence-task"]
    assert (meta["score"], meta["manual_score"], meta["needs_manual_grade"]) == (1.5, 1.5, False)


def test_the_automatic_comment_is_left_out(tmp_path, module, autograded):
    """SaveGrades said no answer was saved; GetGrades would show that, GetGradeDetails does not."""
    ours = details(tmp_path, module, autograded)["bp-reply-clinic-show"]
    theirs = details(tmp_path, module, autograded, GetGrades)["bp-reply-clinic-show"]
    assert theirs["comment"] == "No answer was saved for this item."
    assert ours["comment"] is None


def test_the_graders_comments_come_through(tmp_path, module, autograded):
    change(tmp_path, module, "bp-reply-clinic-show", manual_comment="You *named* the feeling.")
    change(tmp_path, module, "bp-reflect-presence-task", manual_comment="Thank you for this.")
    found = details(tmp_path, module, autograded)
    assert found["bp-reply-clinic-show"]["comment"] == "You *named* the feeling."
    assert found["bp-reflect-presence-task"]["comment"] == "Thank you for this."
