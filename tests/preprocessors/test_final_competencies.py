"""FinalCompetencies: the competency table from final scores; items awaiting a grader left out."""

from __future__ import annotations

import nbformat

from course_utils.preprocessors.final_competencies import awaits_grader, final_results


def grading(grade_id: str, **meta) -> nbformat.NotebookNode:
    made = nbformat.v4.new_code_cell("")
    made.metadata["nbgrader"] = {"grade_id": grade_id, "grade": True, **meta}
    return made


def test_final_scores_count_and_hand_graded_items_wait(module):
    auto = next(i for i in module.items if i.graded and i.auto_graded)
    hand = next(i for i in module.items if i.graded and i.hand_graded)
    nb = nbformat.v4.new_notebook(cells=[
        grading(f"{auto.id}-grade", score=2.0, points=auto.points, auto_score=0.5, manual_score=2.0),
        grading(f"{hand.id}-task", score=None, points=hand.points, needs_manual_grade=True)])
    results, pending = final_results(nb, {i.id: i for i in module.items})
    assert results == {auto.id: {"competencies": list(auto.competencies), "earned": 2.0,
                                 "possible": float(auto.points)}}
    assert pending == 1


def test_awaits_grader():
    assert awaits_grader({"score": None})
    assert awaits_grader({"score": 0.0, "needs_manual_grade": True, "manual_score": None})
    assert not awaits_grader({"score": 1.5, "needs_manual_grade": True, "manual_score": 1.5})
    assert not awaits_grader({"score": 1.0, "needs_manual_grade": False})
