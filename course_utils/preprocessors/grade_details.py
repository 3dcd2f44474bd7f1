"""An nbgrader preprocessor for feedback: GetGrades, and also how each score came about.

nbgrader's GetGrades puts the final score of each graded cell on the cell (`score`, the
grader's if one was set, else the automatic one) and its comment. The feedback page also says
when a grader replaced the automatic score, so this adds the gradebook's `auto_score`,
`manual_score` and `needs_manual_grade` beside it. The comment is the grader's own only:
nbgrader's automatic "No response." says a solution cell's code was left as released, which is
always so here (answers are saved to answers.json, not typed into cells). Use it in place of
GetGrades in ``c.GenerateFeedback.preprocessors``.
"""

from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import GetGrades


class GetGradeDetails(GetGrades):
    """Save each cell's final, automatic and manual score and its comment from the gradebook."""

    def _get_comment(self, cell: NotebookNode, resources: ResourcesDict) -> None:
        comment = self.gradebook.find_comment(
            cell.metadata["nbgrader"]["grade_id"], self.notebook_id, self.assignment_id,
            self.student_id)
        cell.metadata.nbgrader["comment"] = comment.manual_comment

    def _get_score(self, cell: NotebookNode, resources: ResourcesDict) -> None:
        super()._get_score(cell, resources)
        grade = self.gradebook.find_grade(
            cell.metadata["nbgrader"]["grade_id"], self.notebook_id, self.assignment_id,
            self.student_id)
        cell.metadata.nbgrader["auto_score"] = grade.auto_score
        cell.metadata.nbgrader["manual_score"] = grade.manual_score
        cell.metadata.nbgrader["needs_manual_grade"] = bool(grade.needs_manual_grade)
