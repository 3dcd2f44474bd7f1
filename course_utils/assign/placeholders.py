"""Release notebooks carry a plain note where each exercise will appear once the notebook runs."""

from __future__ import annotations

from pathlib import Path

import nbformat

from course_utils.core.vocab import PLACEHOLDER_HTML, PLACEHOLDER_TEXT

# Cells whose output is a live widget: every exercise, the module list and the Submit panel.
LIVE_SUFFIXES = ("-show",)
LIVE_IDS = ("submit", "module-list")


def placeholder_output() -> dict:
    """The output a notebook file holds where an exercise will appear."""
    return {"output_type": "display_data", "metadata": {},
            "data": {"text/html": PLACEHOLDER_HTML, "text/plain": PLACEHOLDER_TEXT}}


def is_live(cell: nbformat.NotebookNode) -> bool:
    """Whether a code cell's output is a widget that exists only while the notebook runs."""
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
    return cell.get("cell_type") == "code" and (grade_id.endswith(LIVE_SUFFIXES) or grade_id in LIVE_IDS)


def add_placeholders(path: Path) -> int:
    """Give each live cell of a notebook file the placeholder output; the number of cells changed."""
    nb = nbformat.read(path, as_version=4)
    changed = 0
    for cell in nb.cells:
        if is_live(cell):
            cell.outputs = [nbformat.from_dict(placeholder_output())]
            changed += 1
    nbformat.write(nb, path)
    return changed
