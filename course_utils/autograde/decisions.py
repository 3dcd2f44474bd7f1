"""Graders' decisions across a new autograde: the scores graders closed, and those opened again.

course_utils/preprocessors/save_grades.py keeps a closed score closed unless its automatic score
changed; `cpsw autograde` lists the ones it opened again.
"""

from __future__ import annotations

from nbgrader.api import Gradebook, MissingEntry

Key = tuple[str, str, str]  # student, notebook, cell


def closed_decisions(url: str, assignment: str) -> set[Key]:
    """Every score a grader set in formgrader that no longer needs review."""
    return {key for key, manual, review in _grades(url, assignment)
            if manual is not None and not review}


def reopened(url: str, assignment: str, before: set[Key]) -> list[str]:
    """'student: cell' for each of `before` that now needs review again, sorted."""
    if not before:
        return []
    return sorted(f"{key[0]}: {key[2]}" for key, _manual, review in _grades(url, assignment)
                  if key in before and review)


def _grades(url: str, assignment: str) -> list[tuple[Key, float | None, bool]]:
    """(student, notebook, cell), manual score and needs-review flag of every grade."""
    with Gradebook(url) as gb:
        try:
            submissions = gb.find_assignment(assignment).submissions
        except MissingEntry:
            return []
        return [((sub.student_id, nb.name, grade.name), grade.manual_score,
                 bool(grade.needs_manual_grade))
                for sub in submissions for nb in sub.notebooks for grade in nb.grades]
