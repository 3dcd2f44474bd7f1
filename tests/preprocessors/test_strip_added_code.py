"""StripAddedCode on notebooks built in memory: added code is kept as a comment, never run."""

from __future__ import annotations

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell
from traitlets.config import Config

from course_utils.preprocessors.strip_added_code import (
    MARK,
    TEXT_MARK,
    StripAddedCode,
    is_commented_out,
    is_plain_text,
)


def master(cell, grade_id: str):
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "locked": True}
    return cell


def strip(cells: list, config: Config | None = None) -> tuple[list, dict]:
    nb, resources = StripAddedCode(config=config or Config()).preprocess(
        new_notebook(cells=cells), {})
    return nb.cells, resources


def test_master_cells_are_untouched():
    cells, resources = strip([master(new_code_cell('show_item("a")'), "show-a"),
                              master(new_markdown_cell("<b>Read</b>"), "intro")])
    assert [c.source for c in cells] == ['show_item("a")', "<b>Read</b>"]
    assert resources["stripped_cells"] == 0


def test_added_code_is_commented_out_line_by_line_and_its_outputs_dropped():
    added = new_code_cell("import os\nos.remove('gradebook.db')", execution_count=3,
                          outputs=[{"output_type": "stream", "name": "stdout", "text": "x"}])
    cells, resources = strip([added])
    lines = cells[0].source.splitlines()
    assert lines[0].startswith(MARK)
    assert lines[1:] == ["# import os", "# os.remove('gradebook.db')"]
    assert cells[0].outputs == [] and cells[0].execution_count is None
    assert resources["stripped_cells"] == 1 and is_commented_out(cells[0])


def test_a_cell_whose_metadata_was_emptied_is_treated_as_added():
    duplicate = new_code_cell("grade = 100")
    duplicate.metadata["nbgrader"] = {}
    cells, _ = strip([duplicate])
    assert is_commented_out(cells[0]) and "nbgrader" not in cells[0].metadata


def test_stripping_twice_changes_nothing_more():
    once, _ = strip([new_code_cell("x = 1")])
    twice, resources = strip(once)
    assert twice[0].source == once[0].source and resources["stripped_cells"] == 0


def test_added_markdown_and_raw_cells_show_their_text_not_their_html():
    cells, _ = strip([new_markdown_cell("<script>alert(1)</script>"),
                      new_raw_cell("<img src=x onerror=alert(1)>")])
    for cell in cells:
        assert cell.cell_type == "markdown" and is_plain_text(cell)
        assert cell.source.startswith(TEXT_MARK) and "```text" in cell.source


def test_a_fence_inside_the_text_cannot_close_the_plain_text_block():
    cells, _ = strip([new_markdown_cell("````\n</pre><script>x</script>")])
    assert "`````text" in cells[0].source


def test_the_notice_is_configurable():
    config = Config()
    config.StripAddedCode.notice = f"{MARK} not run"
    cells, _ = strip([new_code_cell("x = 1")], config)
    assert cells[0].source == f"{MARK} not run\n# x = 1"
