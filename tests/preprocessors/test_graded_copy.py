"""ShortenGradedCopy: the graded copy keeps the title and the reading's headings only."""

from __future__ import annotations

import copy

import nbformat

from course_utils.assign.notebook import INTRO_ID, READING_ID
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


def built(module) -> nbformat.NotebookNode:
    """The module's master notebook as the build writes it, with the course's help-now note."""
    from helpers import REPO

    from course_utils.assign.notebook import build_notebook

    return build_notebook(module, (REPO / "content" / "help_now.md").read_text(encoding="utf-8"))


def test_the_built_notebook_keeps_only_its_title_and_reading_headings(module):
    before = built(module)
    out, _ = ShortenGradedCopy().preprocess(copy.deepcopy(before), {})
    assert out.cells[0].source == f"# Module {module.number}: {module.title}"
    readings = [(b, a) for b, a in zip(before.cells, out.cells, strict=True)
                if READING_ID.fullmatch(a.metadata["nbgrader"]["grade_id"])]
    assert len(readings) >= 2
    for was, now in readings:
        first_line = was.source.splitlines()[0]
        assert first_line.startswith("## ")
        assert now.source == f"{first_line}\n\n{NOTE}"


def test_every_other_cell_of_the_built_notebook_is_untouched(module):
    before = built(module)
    out, _ = ShortenGradedCopy().preprocess(copy.deepcopy(before), {})
    shortened = {INTRO_ID} | {c.metadata["nbgrader"]["grade_id"] for c in before.cells
                              if READING_ID.fullmatch(c.metadata["nbgrader"]["grade_id"])}
    kept = [(b, a) for b, a in zip(before.cells, out.cells, strict=True)
            if b.metadata["nbgrader"]["grade_id"] not in shortened]
    assert {b.metadata["nbgrader"]["grade_id"] for b, _ in kept} >= {
        "help-now", "exercises", "setup", "report", "submit", "bp-reply-clinic-show",
        "bp-reflect-presence-task"}
    assert all(a == b for b, a in kept)


def test_a_reading_section_without_heading_keeps_the_note_only():
    out, _ = ShortenGradedCopy().preprocess(
        nbformat.v4.new_notebook(cells=[cell("reading-2", "Just text, no heading.")]), {})
    assert out.cells[0].source == NOTE


def test_code_cells_with_a_reading_id_are_left_alone():
    code = nbformat.v4.new_code_cell("# a comment, not a heading\nx = 1")
    code.metadata["nbgrader"] = {"grade_id": "reading-1"}
    out, _ = ShortenGradedCopy().preprocess(nbformat.v4.new_notebook(cells=[code]), {})
    assert out.cells[0].source == "# a comment, not a heading\nx = 1"


def test_turned_off_it_changes_nothing():
    """nbgrader calls each preprocessor; `enabled = False` (config) makes the call a no-op."""
    nb = nbformat.v4.new_notebook(cells=[cell(INTRO_ID, "# Title\n\nHow to use this page.")])
    out, _ = ShortenGradedCopy(enabled=False)(nb, {})
    assert out.cells[0].source == "# Title\n\nHow to use this page."
