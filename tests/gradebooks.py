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
