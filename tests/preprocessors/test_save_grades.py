"""SaveGrades on the course's real notebook and a real SQLite gradebook, driven as autograde does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gradebooks import nbgrader_resources, open_gradebook, run_hidden_tests, save_master
from nbgrader.preprocessors import SaveAutoGrades

from course_utils.assign.notebook import build_notebook
from course_utils.core.storage import AnswerStore
from course_utils.preprocessors.save_grades import SaveGrades, _answered, _same

STUDENT = "ana"
WRITTEN = "bp-reply-clinic"  # the module's graded written reply: its answer cell is a solution cell


@pytest.fixture(scope="module")
def template(tmp_path_factory, module):
    """The module's notebook as autograde runs it, and a gradebook with its cells, ana submitted."""
    course = tmp_path_factory.mktemp("template")
    nb = save_master(course, build_notebook(module, "help"), module.assignment, (STUDENT,))
    return nb, course / "gradebook.db"


@pytest.fixture
def released(tmp_path, template):
    """The released notebook; tmp_path/gradebook.db is a fresh copy of the template's."""
    nb, db = template
    shutil.copy(db, tmp_path / "gradebook.db")
    return nb


@pytest.fixture
def folder(tmp_path) -> Path:
    """ana's autograded notebook folder, where her answers file is."""
    path = tmp_path / "autograded" / STUDENT / "being_present"
    path.mkdir(parents=True)
    return path


def autograde(course: Path, nb, assignment: str, folder: Path, scores: dict[str, float | None],
              step: type = SaveGrades) -> dict:
    """Run the hidden tests (scores by item; None raised), then save ana's grades with step.

    nbgrader sets NBGRADER_EXECUTION around this stage too, so answers are read read-only.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NBGRADER_EXECUTION", "autograde")
        _, resources = step().preprocess(run_hidden_tests(nb, scores),
                                         nbgrader_resources(course, assignment, STUDENT, folder))
    return resources


def grade(course: Path, assignment: str, item_id: str):
    """(auto score, manual score, needs review) of ana's grade for an item."""
    with open_gradebook(course) as gb:
        found = gb.find_grade(f"{item_id}-grade", assignment, assignment, STUDENT)
        return found.auto_score, found.manual_score, bool(found.needs_manual_grade)


def close(course: Path, assignment: str, item_id: str, manual: float, review: bool = False) -> None:
    """A grader's score in formgrader, marked reviewed (or, with review, left to review)."""
    with open_gradebook(course) as gb:
        found = gb.find_grade(f"{item_id}-grade", assignment, assignment, STUDENT)
        found.manual_score, found.needs_manual_grade = manual, review
        gb.db.commit()


def auto_comment(course: Path, assignment: str, grade_id: str) -> str | None:
    with open_gradebook(course) as gb:
        return gb.find_comment(grade_id, assignment, assignment, STUDENT).auto_comment


class TestClosedScores:
    def test_an_unreviewed_score_is_saved_as_nbgrader_saves_it(self, tmp_path, module, released,
                                                               folder):
        resources = autograde(tmp_path, released, module.assignment, folder,
                              {"bp-validate-feeling": 1.0, "bp-rank-respite": None})
        assert grade(tmp_path, module.assignment, "bp-validate-feeling") == (1.0, None, False)
        assert grade(tmp_path, module.assignment, "bp-rank-respite") == (0.0, None, False)
        assert resources["reopened"] == []

    def test_a_closed_score_stays_closed_when_the_automatic_score_is_the_same(
            self, tmp_path, module, released, folder):
        a = module.assignment
        autograde(tmp_path, released, a, folder, {"bp-validate-feeling": 1.0})
        close(tmp_path, a, "bp-validate-feeling", 0.5)
        resources = autograde(tmp_path, released, a, folder, {"bp-validate-feeling": 1.0})
        assert grade(tmp_path, a, "bp-validate-feeling") == (1.0, 0.5, False)
        assert resources["reopened"] == []

    def test_nbgraders_own_step_would_open_the_same_score_again(self, tmp_path, module, released,
                                                                folder):
        """The case SaveGrades exists for: nbgrader reopens every score a grader set."""
        a = module.assignment
        autograde(tmp_path, released, a, folder, {"bp-validate-feeling": 1.0})
        close(tmp_path, a, "bp-validate-feeling", 0.5)
        autograde(tmp_path, released, a, folder, {"bp-validate-feeling": 1.0}, step=SaveAutoGrades)
        assert grade(tmp_path, a, "bp-validate-feeling") == (1.0, 0.5, True)

    def test_a_closed_score_opens_again_when_the_automatic_score_changed(self, tmp_path, module,
                                                                         released, folder):
        a = module.assignment
        autograde(tmp_path, released, a, folder, {"bp-validate-feeling": 1.0, "bp-rank-respite": 2.0})
        close(tmp_path, a, "bp-validate-feeling", 0.5)
        close(tmp_path, a, "bp-rank-respite", 1.0)
        resources = autograde(tmp_path, released, a, folder,
                              {"bp-validate-feeling": 0.0, "bp-rank-respite": 2.0})
        assert grade(tmp_path, a, "bp-validate-feeling") == (0.0, 0.5, True)
        assert grade(tmp_path, a, "bp-rank-respite") == (2.0, 1.0, False)
        assert resources["reopened"] == ["bp-validate-feeling-grade"]

    def test_a_test_that_now_raises_opens_the_score_again(self, tmp_path, module, released, folder):
        a = module.assignment
        autograde(tmp_path, released, a, folder, {"bp-rank-respite": 2.0})
        close(tmp_path, a, "bp-rank-respite", 2.0)
        resources = autograde(tmp_path, released, a, folder, {"bp-rank-respite": None})
        assert grade(tmp_path, a, "bp-rank-respite") == (0.0, 2.0, True)
        assert resources["reopened"] == ["bp-rank-respite-grade"]

    def test_a_score_still_to_review_is_not_closed_by_an_unchanged_run(self, tmp_path, module,
                                                                       released, folder):
        a = module.assignment
        autograde(tmp_path, released, a, folder, {"bp-validate-feeling": 1.0})
        close(tmp_path, a, "bp-validate-feeling", 0.5, review=True)
        resources = autograde(tmp_path, released, a, folder, {"bp-validate-feeling": 1.0})
        assert grade(tmp_path, a, "bp-validate-feeling") == (1.0, 0.5, True)
        assert resources["reopened"] == []


class TestAnswerComments:
    """The written reply's answer cell (bp-reply-clinic-show) is called unanswered only when it is."""

    def test_a_saved_reply_has_no_automatic_comment(self, tmp_path, module, released, folder):
        AnswerStore(folder).set(WRITTEN, "That sounds hard. What happened after the call?")
        autograde(tmp_path, released, module.assignment, folder, {})
        assert auto_comment(tmp_path, module.assignment, f"{WRITTEN}-show") is None

    def test_nbgrader_would_call_the_same_saved_reply_unanswered(self, tmp_path, module, released,
                                                                 folder):
        """The released code is never changed (the reply is in answers.json), so nbgrader says so."""
        AnswerStore(folder).set(WRITTEN, "That sounds hard. What happened after the call?")
        autograde(tmp_path, released, module.assignment, folder, {}, step=SaveAutoGrades)
        assert auto_comment(tmp_path, module.assignment, f"{WRITTEN}-show") == "No response."

    @pytest.mark.parametrize("saved", [None, "", "   \n\t"], ids=["no-file", "empty", "blank"])
    def test_no_or_a_blank_reply_is_said_to_be_missing(self, tmp_path, module, released, folder,
                                                       saved):
        if saved is not None:
            AnswerStore(folder).set(WRITTEN, saved)
        autograde(tmp_path, released, module.assignment, folder, {})
        assert auto_comment(tmp_path, module.assignment, f"{WRITTEN}-show") == \
            "No answer was saved for this item."

    def test_an_answer_to_another_item_does_not_count(self, tmp_path, module, released, folder):
        AnswerStore(folder).set("bp-reply-family", "A practice reply, not the graded one.")
        autograde(tmp_path, released, module.assignment, folder, {})
        assert auto_comment(tmp_path, module.assignment, f"{WRITTEN}-show") == \
            "No answer was saved for this item."


@pytest.mark.parametrize(("a", "b", "same"), [
    (1.0, 1.0, True), (0.9, 0.9000000000001, True), (0.9, 1.0, False),
    (None, None, True), (None, 0.0, False), (0.0, None, False)])
def test_same_score(a, b, same):
    assert _same(a, b) is same


@pytest.mark.parametrize(("answer", "answered"), [
    ("I hear you.", True), ("   \n", False), (None, False), ([], False), ({}, False),
    (["a", "b"], True), ({"x": "first"}, True), (0, True)])
def test_answered(answer, answered):
    assert _answered(answer) is answered
