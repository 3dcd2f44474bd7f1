"""The pre-check before autograde and the notes after it, on submissions built in a temporary course."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from course_utils.autograde.submission_check import (
    expected_notebooks,
    notes_after_grading,
    problem_before_grading,
)
from course_utils.core.storage import AnswerStore
from course_utils.preprocessors.restore_cells import RESTORED
from course_utils.preprocessors.strip_added_code import MARK, TEXT_MARK

A, LEARNER = "module", "ana"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A course with one master notebook and a faithful submission of it."""
    for stage in (tmp_path / "source" / A, tmp_path / "submitted" / LEARNER / A):
        stage.mkdir(parents=True)
        nbformat.write(new_notebook(cells=[new_code_cell('show_item("a")')]), stage / "module.ipynb")
    return tmp_path


def submitted(course: Path) -> Path:
    return course / "submitted" / LEARNER / A


def test_the_master_names_the_notebooks_expected(course):
    assert expected_notebooks(course, A) == ["module.ipynb"]


def test_a_faithful_submission_can_be_graded(course):
    assert problem_before_grading(course, A, LEARNER) == ""


def test_nothing_submitted_is_said_plainly(course):
    assert "nothing was submitted" in problem_before_grading(course, A, "ben")


def test_the_folder_the_course_config_names_is_read_and_named(course):
    (course / "nbgrader_config.py").write_text(
        'c = get_config()\nc.CourseDirectory.submitted_directory = "handed_in"\n')
    (course / "submitted").rename(course / "handed_in")
    assert problem_before_grading(course, A, LEARNER) == ""
    assert problem_before_grading(course, A, "ben") == (
        f"handed_in/ben/{A}/ does not exist: nothing was submitted.")


def test_a_renamed_notebook_is_named_with_what_to_do(course):
    (submitted(course) / "module.ipynb").rename(submitted(course) / "module (1).ipynb")
    reason = problem_before_grading(course, A, LEARNER)
    assert f"submitted/{LEARNER}/{A}/module.ipynb is missing" in reason
    assert "module (1).ipynb instead (renamed?)" in reason and "original name" in reason


@pytest.mark.parametrize(("content", "said"), [
    (b"\xff\xfe not text", "is not UTF-8 text"),
    (b'{"cells": [', "not valid JSON at line 1"),
    (b'{"cells": "none"}', "has no list of cells"),
    (b"[1, 2]", "has no list of cells"),
])
def test_an_unreadable_notebook_is_flagged_and_the_answers_are_not_touched(course, content, said):
    (submitted(course) / "module.ipynb").write_bytes(content)
    answers = submitted(course) / "answers.json"
    answers.write_text('{"keep": "me"}', "utf-8")
    reason = problem_before_grading(course, A, LEARNER)
    assert said in reason and f"copy release/{A}/module.ipynb" in reason
    assert answers.read_text("utf-8") == '{"keep": "me"}'


def autograded(course: Path, cells: list, answers: dict | None) -> Path:
    folder = course / "autograded" / LEARNER / A
    folder.mkdir(parents=True)
    nbformat.write(new_notebook(cells=cells), folder / "module.ipynb")
    if answers is not None:
        AnswerStore(folder, read_only=False).set(*next(iter(answers.items())))
    return folder


def test_a_clean_graded_submission_has_no_notes(course):
    autograded(course, [new_code_cell("x")], {"a": "b"})
    assert notes_after_grading(course, A, LEARNER) == []


def test_restored_stripped_and_plain_text_cells_are_counted_for_the_grader(course):
    restored = new_code_cell("x")
    restored.metadata[RESTORED] = True
    cells = [restored, new_code_cell(f"{MARK}\n# y"), new_code_cell(f"{MARK}\n# z"),
             nbformat.v4.new_markdown_cell(f"{TEXT_MARK}\n\n```text\nhi\n```")]
    autograded(course, cells, {"a": "b"})
    assert notes_after_grading(course, A, LEARNER) == [
        "1 deleted cell(s) restored from the master notebook",
        "2 added code cell(s) kept as comments, not run",
        "1 added text cell(s) shown as plain text"]


def test_no_answers_file_says_every_item_scored_zero(course):
    autograded(course, [new_code_cell("x")], None)
    assert any("No saved answers" in n for n in notes_after_grading(course, A, LEARNER))


def test_a_damaged_answers_file_is_reported_and_left_as_it_was(course):
    folder = autograded(course, [new_code_cell("x")], None)
    (folder / "answers.json").write_text("{half", "utf-8")
    notes = notes_after_grading(course, A, LEARNER)
    assert notes and "answers.json" in notes[-1]
    assert (folder / "answers.json").read_text("utf-8") == "{half"
    assert sorted(p.name for p in folder.iterdir()) == ["answers.json", "module.ipynb"]


def test_an_unreadable_graded_notebook_is_named_and_does_not_stop_the_notes(course):
    restored = new_code_cell("x")
    restored.metadata[RESTORED] = True
    folder = autograded(course, [restored], {"a": "b"})
    (folder / "other.ipynb").write_text(json.dumps({"cells": 1}), "utf-8")
    notes = notes_after_grading(course, A, LEARNER)
    assert notes[0].startswith("other.ipynb could not be read after grading")
    assert "1 deleted cell(s) restored from the master notebook" in notes
