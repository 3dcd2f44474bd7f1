"""GetGradeDetails: the final, automatic and manual score of each graded cell, from the gradebook."""

from __future__ import annotations

import nbformat
from gradebooks import override, record

from course_utils.preprocessors.grade_details import GetGradeDetails


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
