"""ShortenGradedCopy: the graded copy keeps the title and the reading's headings only."""

from __future__ import annotations

import nbformat

from course_utils.assign.notebook import INTRO_ID
from course_utils.preprocessors.graded_copy import NOTE, ShortenGradedCopy, heading


def cell(grade_id: str, source: str) -> nbformat.NotebookNode:
    made = nbformat.v4.new_markdown_cell(source)
    made.metadata["nbgrader"] = {"grade_id": grade_id}
    return made


def test_intro_and_reading_keep_their_headings_and_the_rest_stays():
    nb = nbformat.v4.new_notebook(cells=[
        cell(INTRO_ID, "# Module 1: Being present\n\nHow to use this page: press the buttons."),
        cell("help-now", "## Before you start\n\nCall or text 988."),
        cell("reading-1", "## Why presence comes first\n\nA long reading text."),
        cell("bp-x-title", "## 3. Select all that apply (graded, 2 points)"),
    ])
    out, _ = ShortenGradedCopy().preprocess(nb, {})
    assert out.cells[0].source == "# Module 1: Being present"
    assert out.cells[1].source == "## Before you start\n\nCall or text 988."
    assert out.cells[2].source == f"## Why presence comes first\n\n{NOTE}"
    assert out.cells[3].source == "## 3. Select all that apply (graded, 2 points)"


def test_a_text_without_heading_has_none():
    assert heading("no heading here\n#not one either") == ""
    assert heading("text\n### Third level\nmore") == "### Third level"
