"""An nbgrader preprocessor: put back the master's cells a learner deleted, drop forged ones.

Every cell of this course's master notebooks carries an nbgrader grade_id and is locked, so the
learner's notebook should hold exactly those cells (plus any the learner added). nbgrader's own
OverwriteCells.add_missing_cells (0.9) restores only grade cells and fails on this layout: it
raises KeyError when the cell before a deleted grade cell is not a grade cell, when
DeduplicateIds has emptied a duplicate's metadata, or when an added cell carries a grade_id that
is not in the gradebook. This preprocessor runs before OverwriteCells and leaves it nothing to
do: cells with unknown or emptied nbgrader metadata lose it (StripAddedCode then comments out
their code), and every missing master cell is copied back from source/ after the master cell
that precedes it. The course's answer cells (nbgrader solution cells, so graders can comment on
them; the answer itself is in answers.json) get their released code back: nbgrader would run a
solution cell as the learner left it.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import ClearSolutions, NbGraderPreprocessor

RESTORED = "cpsw_restored"


class RestoreCells(NbGraderPreprocessor):
    """Restore deleted master cells in place; remove nbgrader metadata the master never had."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode,
                                                                               ResourcesDict]:
        """Clean forged metadata, then insert each missing master cell where it belongs."""
        master = self._master(resources)
        if master is None:
            return nb, resources
        order = [c.metadata["nbgrader"]["grade_id"] for c in master.cells
                 if c.metadata.get("nbgrader", {}).get("grade_id")]
        by_id = {c.metadata["nbgrader"]["grade_id"]: c for c in master.cells
                 if c.metadata.get("nbgrader", {}).get("grade_id")}
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader")
            if meta is not None and meta.get("grade_id") not in by_id:
                del cell.metadata["nbgrader"]
            elif meta is not None and by_id[meta["grade_id"]].metadata["nbgrader"].get("solution"):
                self._reset_answer_cell(cell, by_id[meta["grade_id"]], resources)
        restored = 0
        for k, grade_id in enumerate(order):
            present = {c.metadata.get("nbgrader", {}).get("grade_id"): i
                       for i, c in enumerate(nb.cells)}
            if grade_id in present:
                continue
            before = [present[g] for g in order[:k] if g in present]
            cell = copy.deepcopy(by_id[grade_id])
            cell.metadata[RESTORED] = True
            if any(c.get("id") == cell.get("id") for c in nb.cells):
                cell["id"] = f"{grade_id}-restored"
            nb.cells.insert(max(before) + 1 if before else 0, cell)
            restored += 1
        if restored:
            self.log.warning("%d cell(s) missing from the submission were restored from the "
                             "master notebook", restored)
        resources["restored_cells"] = restored
        return nb, resources

    def _reset_answer_cell(self, cell: NotebookNode, master: NotebookNode,
                           resources: ResourcesDict) -> None:
        """Give an answer cell the code it was released with (the answer is in answers.json)."""
        released = copy.deepcopy(master)
        ClearSolutions(config=self.config).preprocess_cell(
            released, {"language": resources.get("language", "python")}, 0)
        if cell.source != released.source:
            self.log.warning("Answer cell %s was changed; its released code was put back",
                             master.metadata["nbgrader"]["grade_id"])
            cell.source = released.source
        if cell.cell_type != master.cell_type and master.cell_type == "code":
            cell.pop("attachments", None)  # a Markdown cell's; a code cell has outputs instead
            cell.outputs, cell.execution_count = [], None
        cell.cell_type = master.cell_type

    def _master(self, resources: ResourcesDict) -> NotebookNode | None:
        info = resources.get("nbgrader", {})
        coursedir = CourseDirectory(config=self.config)
        folder = coursedir.format_path(coursedir.source_directory, ".", info.get("assignment", ""))
        path = Path(folder) / f"{info.get('notebook', '')}.ipynb"
        try:
            return nbformat.read(path, as_version=4)
        except (OSError, ValueError) as err:
            self.log.warning("Master notebook %s could not be read (%s); no cell restored", path, err)
            return None


def is_restored(cell: NotebookNode) -> bool:
    """Whether an autograded cell was copied back from the master notebook."""
    return bool(cell.metadata.get(RESTORED))
