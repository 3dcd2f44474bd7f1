"""Graders' closed decisions, and which of them a new autograde opened again."""

from __future__ import annotations

from gradebooks import nbgrader_resources, open_gradebook, record, run_hidden_tests, save_master

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


def test_a_score_still_under_review_is_not_a_closed_decision(tmp_path, module):
    item = next(i for i in module.items if i.auto_graded)
    record(tmp_path, module, {"ana": {item.id: 1.0}})
    a = module.assignment
    with open_gradebook(tmp_path) as gb:
        grade = gb.find_grade(f"{item.id}-grade", a, a, "ana")
        grade.manual_score, grade.needs_manual_grade = 0.5, True
        gb.db.commit()
    assert closed_decisions(f"sqlite:///{tmp_path / 'gradebook.db'}", a) == set()


def test_no_decisions_before_means_none_reopened_without_reading_the_gradebook(tmp_path):
    assert reopened(f"sqlite:///{tmp_path / 'missing' / 'gradebook.db'}", "any", set()) == []


def test_decisions_across_a_real_autograde_with_save_grades(tmp_path, module):
    """Both closed; the autograde run again changes one automatic score, and only it is named."""
    from course_utils.assign.notebook import build_notebook
    from course_utils.preprocessors.save_grades import SaveGrades

    a, url = module.assignment, f"sqlite:///{tmp_path / 'gradebook.db'}"
    released = save_master(tmp_path, build_notebook(module, "help"), a, ("ana", "ben"))
    for student in ("ana", "ben"):
        SaveGrades().preprocess(run_hidden_tests(released, {"bp-rank-respite": 2.0}),
                                nbgrader_resources(tmp_path, a, student, tmp_path))
        with open_gradebook(tmp_path) as gb:
            grade = gb.find_grade("bp-rank-respite-grade", a, a, student)
            grade.manual_score, grade.needs_manual_grade = 1.5, False
            gb.db.commit()
    before = closed_decisions(url, a)
    assert before == {(s, a, "bp-rank-respite-grade") for s in ("ana", "ben")}
    for student, score in (("ana", 2.0), ("ben", 1.0)):
        SaveGrades().preprocess(run_hidden_tests(released, {"bp-rank-respite": score}),
                                nbgrader_resources(tmp_path, a, student, tmp_path))
    assert reopened(url, a, before) == ["ben: bp-rank-respite-grade"]
    assert closed_decisions(url, a) == {("ana", a, "bp-rank-respite-grade")}
