"""An nbgrader preprocessor: nbgrader's SaveAutoGrades, with two refinements for this course.

1. **A grader's decision stays closed.** nbgrader marks every cell a grader has scored as
   "needs manual grading" again whenever the notebook is autograded again, even when nothing
   changed. Here a cell a grader scored and closed stays closed when its automatic score is the
   same as before; when the automatic score changed (a content fix, a new answer), it is opened
   again as nbgrader does, and the count is logged and kept in resources['reopened'].
2. **"No response." only when there was none.** The answer cells of this course (nbgrader
   solution cells, so graders can comment on them) never change: the answer is saved in
   answers.json. nbgrader would call every one of them unanswered; here the automatic comment
   says so only when no answer was saved for the item.

It replaces ``nbgrader.preprocessors.SaveAutoGrades`` in ``Autograde.autograde_preprocessors``.
"""

from __future__ import annotations

from pathlib import Path

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import SaveAutoGrades
from traitlets import Unicode

from course_utils.core.storage import AnswerStore

ANSWER_SUFFIX = "-show"  # an answer cell's grade_id is the item id and this suffix


class SaveGrades(SaveAutoGrades):
    """Save automatic scores and comments as nbgrader does, keeping graders' closed decisions."""

    no_answer = Unicode("No answer was saved for this item.",
                        help="The automatic comment on an answer cell with no saved answer.",
                        ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode,
                                                                               ResourcesDict]:
        """Save grades and comments; resources['reopened'] lists cells opened again."""
        resources["reopened"] = []
        self._folder = Path(resources.get("metadata", {}).get("path") or ".")
        nb, resources = super().preprocess(nb, resources)
        if resources["reopened"]:
            self.log.warning("%d score(s) a grader had set were opened again for review: their "
                             "automatic score changed (%s)", len(resources["reopened"]),
                             ", ".join(resources["reopened"]))
        return nb, resources

    def _add_score(self, cell: NotebookNode, resources: ResourcesDict) -> None:
        grade = self.gradebook.find_grade(cell.metadata["nbgrader"]["grade_id"], self.notebook_id,
                                          self.assignment_id, self.student_id)
        auto_before, closed = grade.auto_score, grade.manual_score is not None \
            and not grade.needs_manual_grade
        super()._add_score(cell, resources)
        if not closed:
            return
        if _same(grade.auto_score, auto_before):
            grade.needs_manual_grade = False
            self.gradebook.db.commit()
        else:
            resources["reopened"].append(grade.name)

    def _add_comment(self, cell: NotebookNode, resources: ResourcesDict) -> None:
        super()._add_comment(cell, resources)
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        if utils.is_task(cell) or not grade_id.endswith(ANSWER_SUFFIX):
            return
        comment = self.gradebook.find_comment(grade_id, self.notebook_id, self.assignment_id,
                                              self.student_id)
        answered = _answered(AnswerStore(self._folder).get(grade_id[:-len(ANSWER_SUFFIX)]))
        comment.auto_comment = None if answered else self.no_answer
        self.gradebook.db.commit()


def _same(a: float | None, b: float | None) -> bool:
    """Whether two automatic scores are equal (None only equals None)."""
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) < 1e-9


def _answered(answer: object) -> bool:
    """Whether a saved answer holds anything (a blank text is no answer)."""
    if isinstance(answer, str):
        return bool(answer.strip())
    return answer not in (None, [], {}, ())
