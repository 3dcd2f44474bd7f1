"""An nbgrader preprocessor for feedback: the competency table from the gradebook's final scores.

At autograde the report cell (course_utils/learner/report.py) tabulates the automatic scores;
a grader's later change in formgrader, and any hand-graded item, would never reach it. Here the
table is made again from the final score GetGrades put on each grading cell, with each item's
competencies from the items file beside the autograded notebook (restored from source/ at
autograde). An item still waiting for its grader is left out and counted in a note. Run it
after GetGrades (or GetGradeDetails).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from course_utils.core.results import by_competency
from course_utils.items.public import ItemsFileError, load_items
from course_utils.learner.report import FINAL_CAPTION, chart_bundle, table_html


class FinalCompetencies(NbGraderPreprocessor):
    """Replace the report cell's autograde-time table with one from the final scores."""

    report_cell = Unicode(
        "report", help="grade_id of the code cell whose output is the competency table.",
    ).tag(config=True)
    pending_note = Unicode(
        "{n} graded item(s) still waiting for your grader are not counted yet.",
        help="Said under the table when some items have no final score yet; {n} is how many.",
    ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode,
                                                                               ResourcesDict]:
        """Rewrite the report cell's outputs; leave them as they were if items cannot be read."""
        cell = next((c for c in nb.cells if c.cell_type == "code"
                     and c.metadata.get("nbgrader", {}).get("grade_id") == self.report_cell), None)
        if cell is None:
            return nb, resources
        folder = Path(resources.get("metadata", {}).get("path") or ".")
        try:
            items = load_items(folder)
        except ItemsFileError as err:
            self.log.warning("Competency table left as autograde made it: %s", err)
            return nb, resources
        results, pending = final_results(nb, items)
        rows = by_competency(results)
        html = table_html(rows, FINAL_CAPTION)
        if pending:
            html += f"<p><em>{escape(self.pending_note.format(n=pending))}</em></p>"
        plot = any("image/png" in o.get("data", {}) for o in cell.outputs)
        cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html,
                                                                      "text/plain": FINAL_CAPTION})]
        if plot and rows:
            chart = chart_bundle(rows, "your score by competency")
            cell.outputs.append(nbformat.v4.new_output("display_data", data=chart))
        return nb, resources


def final_results(nb: NotebookNode, items: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Each graded item's final score as a results record, and how many await a grader."""
    scored = {c.metadata["nbgrader"].get("grade_id"): c.metadata["nbgrader"] for c in nb.cells
              if "score" in c.metadata.get("nbgrader", {})}
    results: dict[str, Any] = {}
    pending = 0
    for item in items.values():
        meta = scored.get(f"{item.id}-grade") or scored.get(f"{item.id}-task")
        if not item.graded or meta is None:
            continue
        if awaits_grader(meta):
            pending += 1
            continue
        results[item.id] = {"competencies": list(item.competencies), "earned": float(meta["score"]),
                            "possible": float(meta.get("points") or item.points)}
    return results, pending


def awaits_grader(meta: dict[str, Any]) -> bool:
    """Whether a grading cell's item has no final score yet (hand-graded, not yet scored)."""
    return meta.get("score") is None or (bool(meta.get("needs_manual_grade"))
                                         and meta.get("manual_score") is None)
