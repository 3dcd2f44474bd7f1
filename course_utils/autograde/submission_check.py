"""Before and after autograde: whether a submission can be graded, and what a grader should know."""

from __future__ import annotations

import json
from pathlib import Path

from course_utils.core.folders import folder
from course_utils.preprocessors.restore_cells import is_restored
from course_utils.preprocessors.strip_added_code import is_commented_out, is_plain_text


def expected_notebooks(course: Path, assignment: str) -> list[str]:
    """The notebook names of an assignment's master version in source/."""
    return sorted(p.name for p in (folder(course, "source") / assignment).glob("*.ipynb"))


def problem_before_grading(course: Path, assignment: str, student: str) -> str:
    """Why nbgrader cannot grade this submission as it is, with what to do; '' if it can."""
    submitted = folder(course, "submitted")
    submission = submitted / student / assignment
    where = f"{submitted.name}/{student}/{assignment}"
    if not submission.is_dir():
        return f"{where}/ does not exist: nothing was submitted."
    present = sorted(p.name for p in submission.glob("*.ipynb"))
    for name in expected_notebooks(course, assignment):
        if name not in present:
            others = [n for n in present if n not in expected_notebooks(course, assignment)]
            found = f"found {', '.join(others)} instead (renamed?)" if others else "found no notebook"
            return (f"{where}/{name} is missing; {found}. Give the notebook its original name "
                    "and grade this learner again. Nothing was graded.")
        reason = _unreadable_notebook(submission / name)
        if reason:
            release = folder(course, "release").name
            return (f"{where}/{name} {reason}. The learner's answers.json is untouched: to grade "
                    f"it, copy {release}/{assignment}/{name} over the damaged notebook (the answers "
                    "live in answers.json, not in the notebook) and grade again. Nothing was graded.")
    return ""


def notes_after_grading(course: Path, assignment: str, student: str) -> list[str]:
    """What a grader should know about an autograded submission (added code, answer file)."""
    from course_utils.core.storage import AnswerStore

    graded = folder(course, "autograded") / student / assignment
    cells, unreadable = _autograded_cells(graded)
    notes = [f"{name} could not be read after grading ({why}); open it in formgrader to check"
             for name, why in unreadable]
    for test, what in ((is_restored, "deleted cell(s) restored from the master notebook"),
                       (is_commented_out, "added code cell(s) kept as comments, not run"),
                       (is_plain_text, "added text cell(s) shown as plain text")):
        found = sum(1 for cell in cells if test(cell))
        if found:
            notes.append(f"{found} {what}")
    store = AnswerStore(graded, read_only=True)  # never move or rewrite the learner's file
    if store.problem:
        notes.append(store.status)
    elif not store.answers():
        notes.append("No saved answers in the submission (no answers.json, or one with no "
                     "answers): every auto-graded item scored 0.")
    return notes


def _autograded_cells(folder: Path) -> tuple[list, list[tuple[str, str]]]:
    """Every cell of the notebooks in an autograded folder, and the notebooks that would not read."""
    import nbformat

    cells, unreadable = [], []
    for path in sorted(folder.glob("*.ipynb")):
        try:
            cells += nbformat.read(path, as_version=4).cells
        except Exception as err:  # nbformat raises many kinds on a malformed notebook
            unreadable.append((path.name, type(err).__name__))
    return cells, unreadable


def _unreadable_notebook(path: Path) -> str:
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        return "is not UTF-8 text, so it is not a notebook"
    except json.JSONDecodeError as err:
        return f"is not a valid notebook (not valid JSON at line {err.lineno})"
    except OSError as err:
        return f"could not be opened ({err.strerror})"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return "is not a valid notebook (it has no list of cells)"
    return ""
