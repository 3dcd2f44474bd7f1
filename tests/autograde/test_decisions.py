"""Graders' closed decisions, and which of them a new autograde opened again."""

from __future__ import annotations

from gradebooks import open_gradebook, record

from course_utils.autograde.decisions import closed_decisions, reopened


def test_closed_scores_are_found_and_reopened_ones_named(tmp_path, module):
    item = next(i for i in module.items if i.auto_graded)
    record(tmp_path, module, {"ana": {item.id: 1.0}, "ben": {item.id: 0.0}})
    url, a = f"sqlite:///{tmp_path / 'gradebook.db'}", module.assignment
    assert closed_decisions(url, a) == set()
    with open_gradebook(tmp_path) as gb:
        for student in ("ana", "ben"):
            grade = gb.find_grade(f"{item.id}-grade", a, a, student)
            grade.manual_score, grade.needs_manual_grade = 0.5, False
        gb.db.commit()
    before = closed_decisions(url, a)
    assert before == {(s, a, f"{item.id}-grade") for s in ("ana", "ben")}
    assert reopened(url, a, before) == []
    with open_gradebook(tmp_path) as gb:
        gb.find_grade(f"{item.id}-grade", a, a, "ben").needs_manual_grade = True
        gb.db.commit()
    assert reopened(url, a, before) == [f"ben: {item.id}-grade"]


def test_an_assignment_not_in_the_gradebook_has_no_decisions(tmp_path, module):
    record(tmp_path, module, {})
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    assert closed_decisions(url, "no_such_assignment") == set()
    assert reopened(url, "no_such_assignment", {("a", "b", "c")}) == []
