"""Grades written into a real SQLite gradebook through nbgrader's API, as autograde and formgrader do."""

from __future__ import annotations

import functools
import os
import sys
import warnings
from pathlib import Path

import pytest

from course_utils.items.model import Module


@functools.cache
def alembic_head() -> str:
    """The schema version nbgrader stamps on a new gradebook (its `alembic heads`, run once)."""
    import nbgrader.api

    with pytest.MonkeyPatch.context() as patch:  # nbgrader runs the alembic of its environment
        patch.setenv("PATH", os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]))
        return nbgrader.api.get_alembic_version()


def open_gradebook(course: Path):
    """The course's gradebook.db through nbgrader's Gradebook, created if missing."""
    import nbgrader.api

    head = alembic_head()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nbgrader.api, "get_alembic_version", lambda: head)
        return nbgrader.api.Gradebook(f"sqlite:///{Path(course) / 'gradebook.db'}")


def record(course: Path, module: Module, grades: dict[str, dict[str, float | None]]) -> None:
    """Each student's auto scores by item id in course/gradebook.db, as autograde writes them.

    The assignment's notebook is named after it, with a grade cell <item>-grade per auto-graded
    item and a task cell per hand-graded one (kept if nbgrader made them already); an item left
    out, or None, stays unscored.
    """
    a = module.assignment
    with open_gradebook(course) as gb, warnings.catch_warnings():
        # nbgrader's add_submission builds its rows before adding them, and SQLAlchemy says so.
        warnings.filterwarnings("ignore", "Object of type", module="nbgrader")
        gb.update_or_create_assignment(a)
        gb.update_or_create_notebook(a, a)
        for item in module.items:
            if item.auto_graded:
                gb.update_or_create_grade_cell(f"{item.id}-grade", a, a, max_score=item.points,
                                               cell_type="code")
            elif item.hand_graded:
                gb.update_or_create_task_cell(f"{item.id}-task", a, a, max_score=item.points,
                                              cell_type="markdown")
        for student, scores in grades.items():
            gb.update_or_create_student(student)
            gb.add_submission(a, student)
            for item_id, points in scores.items():
                gb.find_grade(f"{item_id}-grade", a, a, student).auto_score = points
            gb.db.commit()


def override(course: Path, module: Module, student: str, item_id: str, manual: float,
             extra_credit: float | None = None) -> None:
    """A grader's change in formgrader: the grade's manual score (and extra credit)."""
    with open_gradebook(course) as gb:
        grade = gb.find_grade(f"{item_id}-grade", module.assignment, module.assignment, student)
        grade.manual_score = manual
        grade.extra_credit = extra_credit
        gb.db.commit()


# The answer cells' stub, as the course's nbgrader_config.py sets it for ClearSolutions.
CODE_STUB = {"python": "# Your reply is saved by the exercise above."}


def save_master(course: Path, nb, assignment: str, students: tuple[str, ...] = ()):
    """Save a master notebook's cells as `nbgrader generate_assignment` does; submit for students.

    Returns the notebook as autograde runs it: solution regions cleared (the course's stub),
    checksums computed, hidden tests kept. The notebook is named after the assignment.
    """
    import copy

    from nbgrader.preprocessors import ClearSolutions, ComputeChecksums, SaveCells
    from traitlets.config import Config

    with open_gradebook(course) as gb:
        gb.update_or_create_assignment(assignment)
    url = f"sqlite:///{Path(course) / 'gradebook.db'}"
    resources = {"nbgrader": {"db_url": url, "assignment": assignment, "notebook": assignment}}
    config = Config()
    config.ClearSolutions.code_stub = CODE_STUB
    released = copy.deepcopy(nb)
    for step in (ClearSolutions(config=config), ComputeChecksums(), SaveCells()):
        released, resources = step.preprocess(released, resources)
    with open_gradebook(course) as gb, warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Object of type", module="nbgrader")
        for student in students:
            gb.update_or_create_student(student)
            gb.add_submission(assignment, student)
    return released


def nbgrader_resources(course: Path, assignment: str, student: str, folder: Path | None = None
                       ) -> dict:
    """The resources nbgrader passes its preprocessors for one student's notebook."""
    resources: dict = {"nbgrader": {"db_url": f"sqlite:///{Path(course) / 'gradebook.db'}",
                                    "assignment": assignment, "notebook": assignment,
                                    "student": student}}
    if folder is not None:
        resources["metadata"] = {"path": str(folder)}
    return resources


def run_hidden_tests(nb, scores: dict[str, float | None]):
    """A copy of nb whose hidden tests (<item>-grade) have the outputs a kernel run gave them.

    A score is what the test returned (an execute_result); None is a test that raised.
    """
    import copy

    import nbformat

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        name = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if not name.endswith("-grade") or name.removesuffix("-grade") not in scores:
            continue
        score = scores[name.removesuffix("-grade")]
        cell.outputs = [
            nbformat.v4.new_output("error", ename="ValueError", evalue="", traceback=[])
            if score is None else
            nbformat.v4.new_output("execute_result", data={"text/plain": repr(score)},
                                   execution_count=1)]
    return nb
