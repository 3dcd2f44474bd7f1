"""An nbgrader preprocessor: code cells a learner added are kept for graders to read, not run.

The course's notebooks take no code from learners: every answer is saved by a widget to
answers.json, and every code cell of the master notebook is locked and restored by nbgrader's
OverwriteCells. A code cell without a known grade_id after OverwriteCells (added, duplicated,
split, or with forged nbgrader metadata) can only hold code the course did not ask for, and
would run with the grader's rights during autograde. It is commented out and marked, before the
notebook is executed. Likewise an added Markdown or raw cell is shown as plain text, so HTML or
script in it cannot run in a grader's formgrader page or in feedback. Turn it off with
``c.StripAddedCode.enabled = False``.
"""

from __future__ import annotations

import re

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

MARK = "# [not run by the autograder]"
TEXT_MARK = "*[Added by the learner: shown as plain text by the autograder.]*"


class StripAddedCode(NbGraderPreprocessor):
    """Comment out every code cell that is not a cell of the master notebook."""

    notice = Unicode(
        f"{MARK} This code cell is not part of the assignment (it was added, copied or split by "
        "the learner), so it was kept as a comment and not run. This course's notebooks need "
        "no code: answers are saved by the exercises.",
        help="The first line of a code cell that was commented out instead of run.",
    ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode,
                                                                               ResourcesDict]:
        """Comment out added code cells and count them in resources['stripped_cells']."""
        count = 0
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id"):
                continue
            if cell.cell_type in ("markdown", "raw"):
                _as_plain_text(cell)
                continue
            if cell.cell_type != "code" or is_commented_out(cell):
                continue
            cell.metadata.pop("nbgrader", None)
            commented = "\n".join(f"# {line}" for line in cell.source.splitlines())
            cell.source = f"{self.notice}\n{commented}"
            cell.outputs = []
            cell.execution_count = None
            count += 1
        if count:
            self.log.warning("%d code cell(s) added by the learner were commented out, not run",
                             count)
        resources["stripped_cells"] = count
        return nb, resources


def _as_plain_text(cell: NotebookNode) -> None:
    """Turn an added Markdown or raw cell into a Markdown cell showing its text, not its HTML."""
    if is_plain_text(cell):
        return
    longest = max((len(run) for run in re.findall(r"`+", cell.source)), default=0)
    fence = "`" * max(3, longest + 1)
    cell.cell_type = "markdown"
    cell.pop("outputs", None)
    cell.pop("execution_count", None)
    cell.pop("attachments", None)
    cell.metadata.pop("nbgrader", None)
    cell.metadata.pop("format", None)
    cell.metadata.pop("raw_mimetype", None)
    cell.source = f"{TEXT_MARK}\n\n{fence}text\n{cell.source}\n{fence}"


def is_commented_out(cell: NotebookNode) -> bool:
    """Whether an autograded cell is added code that was kept as a comment, not run."""
    return cell.cell_type == "code" and cell.source.startswith(MARK)


def is_plain_text(cell: NotebookNode) -> bool:
    """Whether an autograded cell is an added Markdown or raw cell shown as plain text."""
    return cell.cell_type == "markdown" and cell.source.startswith(TEXT_MARK)
