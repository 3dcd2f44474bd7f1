"""An nbgrader preprocessor: the graded copy keeps the module's headings, not its reading.

Formgrader and the feedback page show the autograded copy of a notebook. Before this step a
grader scrolled past the whole reading and the how-to before reaching the first answer. Here
each reading section keeps its heading and loses its text, and the introduction keeps only the
module's title; the help-now note, the exercises and every answer stay as they were. The
learner's own notebook in submitted/ is not changed. Turn it off with
``c.ShortenGradedCopy.enabled = False``.
"""

from __future__ import annotations

import re

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

from course_utils.assign.notebook import INTRO_ID, READING_ID

NOTE = "*The reading is left out of the graded copy; the learner's notebook has it in full.*"


class ShortenGradedCopy(NbGraderPreprocessor):
    """Reduce the reading and the how-to to their headings in the autograded notebook."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode,
                                                                               ResourcesDict]:
        """Shorten the introduction and every reading section in place."""
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if cell.cell_type != "markdown":
                continue
            if grade_id == INTRO_ID:
                cell.source = heading(cell.source)
            elif READING_ID.fullmatch(grade_id):
                cell.source = f"{heading(cell.source)}\n\n{NOTE}".strip()
        return nb, resources


def heading(text: str) -> str:
    """The first Markdown heading line of a text, or '' when it has none."""
    found = re.search(r"(?m)^#{1,6} .*$", text)
    return found.group(0) if found else ""
