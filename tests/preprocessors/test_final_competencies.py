"""FinalCompetencies: the competency table from final scores; items awaiting a grader left out.

The notebook is the module's as the build writes it, beside its items.json (write_files, as the
build does); the grading cells carry what GetGradeDetails puts on them; the report cell's old
outputs are what competency_report showed at autograde, from the automatic scores.
"""

from __future__ import annotations

import copy
import re

import nbformat
import pytest
from helpers import REPO
from kernel_cells import run_cells

from course_utils.assign.build import module_files
from course_utils.assign.staging import write_files
from course_utils.core.results import record_result
from course_utils.core.vocab import ITEMS_FILE
from course_utils.preprocessors.final_competencies import FinalCompetencies, awaits_grader, final_results

# (auto score, manual score) of each graded item; the reflection (a task cell) is not graded yet.
SCORES = {
    "bp-notice-cues-text": (2.0, None), "bp-validate-feeling": (0.0, 1.0),
    "bp-roadblocks-phone": (1.0, None), "bp-rank-respite": (2.0, None),
    "bp-reply-clinic": (0.9, 2.5), "bp-stay-and-connect": (0.0, None),
    "bp-branch-discharge": (3.0, None), "bp-reflect-presence": (None, None)}
ROW = re.compile(r"<tr><td>(\d+)\. [^<]*</td><td>(\d+)</td><td>([^<]*)</td><td>(\d+)%</td></tr>")
PENDING = "1 graded item(s) still waiting for your grader are not counted yet."


def detail(cell: nbformat.NotebookNode, points: float, auto: float | None,
           manual: float | None) -> None:
    """What GetGradeDetails puts on a grading cell (nbgrader's score: manual, else auto, else 0)."""
    score = manual if manual is not None else auto if auto is not None else 0.0
    cell.metadata["nbgrader"].update(
        score=score, points=points, auto_score=auto, manual_score=manual,
        needs_manual_grade=manual is None and (auto is None or cell.cell_type == "markdown"))


@pytest.fixture
def folder(tmp_path, module):
    """The autograded folder: notebook, items.json, and results.json from the automatic scores."""
    path = tmp_path / "autograded" / "ana" / module.assignment
    write_files(path, module_files(module, (REPO / "content" / "help_now.md").read_text("utf-8")))
    for item in module.items:
        if item.auto_graded:
            record_result(path, item.id, item.competencies, SCORES[item.id][0], item.points)
    return path


def graded(folder, module, scores=SCORES, plot: bool = False) -> nbformat.NotebookNode:
    """The notebook after autograde (the report cell run) and GetGradeDetails."""
    nb = nbformat.read(folder / f"{module.assignment}.ipynb", as_version=4)
    report = next(c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "report")
    report.source = report.source.replace("competency_report()", f"competency_report(plot={plot})")
    nb = run_cells(nbformat.v4.new_notebook(cells=[report]), folder).cells + [
        c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] != "report"]
    nb = nbformat.v4.new_notebook(cells=nb)
    points = {i.id: i.points for i in module.items}
    for cell in nb.cells:
        name = cell.metadata["nbgrader"]["grade_id"]
        item_id = re.sub(r"-(grade|task)$", "", name)
        if item_id != name and item_id in scores:
            detail(cell, points[item_id], *scores[item_id])
    return nb


def report_of(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "report")


def rows(html: str) -> dict[int, tuple[int, str, int]]:
    """Competency -> (items, 'earned of possible', percent) from a table's HTML."""
    return {int(c): (int(n), points, int(pct)) for c, n, points, pct in ROW.findall(html)}


def final_table(folder, nb) -> tuple[list, dict]:
    out, _ = FinalCompetencies().preprocess(copy.deepcopy(nb), {"metadata": {"path": str(folder)}})
    return report_of(out).outputs, rows(report_of(out).outputs[0].data["text/html"])


class TestTheReportCell:
    def test_autograde_made_its_table_from_the_automatic_scores(self, folder, module):
        """The premise: the old table counts the automatic 0 and 0.9, not the grader's 1 and 2.5."""
        old = rows(report_of(graded(folder, module)).outputs[0].data["text/html"])
        assert old[1] == (4, "5.9 of 9", 66)

    def test_the_table_is_made_again_from_the_final_scores(self, folder, module):
        outputs, table = final_table(folder, graded(folder, module))
        assert len(outputs) == 1
        assert table[1] == (4, "8.5 of 9", 94)  # the grader's 1 and 2.5 count, the reflection not
        assert table[4] == (1, "3 of 3", 100)
        assert table[8] == (1, "0 of 1", 0)
        assert table[9] == (7, "11.5 of 14", 82)
        assert "from the final scores above" in outputs[0].data["text/html"]

    def test_an_item_awaiting_its_grader_is_left_out_and_counted(self, folder, module):
        outputs, table = final_table(folder, graded(folder, module))
        assert 12 not in table  # only the reflection is tagged 12
        assert f"<p><em>{PENDING}</em></p>" in outputs[0].data["text/html"]

    def test_once_graded_the_reflection_counts_and_the_note_goes(self, folder, module):
        scores = {**SCORES, "bp-reflect-presence": (None, 1.5)}
        outputs, table = final_table(folder, graded(folder, module, scores))
        assert table[12] == (1, "1.5 of 2", 75)
        assert table[1] == (5, "10 of 11", 91)
        assert "waiting for your grader" not in outputs[0].data["text/html"]

    def test_a_chart_shown_at_autograde_is_drawn_again(self, folder, module):
        nb = graded(folder, module, plot=True)
        assert ["image/png" in o.data for o in report_of(nb).outputs] == [False, True]
        outputs, table = final_table(folder, nb)
        assert ["image/png" in o.data for o in outputs] == [False, True]
        assert outputs[1].data["image/png"] != report_of(nb).outputs[1].data["image/png"]

    @pytest.mark.parametrize("damage", ["missing", "corrupt"])
    def test_an_unreadable_items_file_leaves_the_old_table(self, folder, module, damage):
        nb = graded(folder, module)
        if damage == "missing":
            (folder / ITEMS_FILE).unlink()
        else:
            (folder / ITEMS_FILE).write_text("{not json", encoding="utf-8")
        out, _ = FinalCompetencies().preprocess(copy.deepcopy(nb), {"metadata": {"path": str(folder)}})
        assert report_of(out).outputs == report_of(nb).outputs

    def test_a_notebook_without_a_report_cell_is_left_alone(self, folder, module):
        nb = graded(folder, module)
        nb.cells = [c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] != "report"]
        out, _ = FinalCompetencies().preprocess(copy.deepcopy(nb), {"metadata": {"path": str(folder)}})
        assert out == nb


def grading(grade_id: str, **meta) -> nbformat.NotebookNode:
    made = nbformat.v4.new_code_cell("")
    made.metadata["nbgrader"] = {"grade_id": grade_id, "grade": True, **meta}
    return made


def test_final_scores_count_and_hand_graded_items_wait(module):
    auto = next(i for i in module.items if i.graded and i.auto_graded)
    hand = next(i for i in module.items if i.graded and i.hand_graded)
    nb = nbformat.v4.new_notebook(cells=[
        grading(f"{auto.id}-grade", score=2.0, points=auto.points, auto_score=0.5, manual_score=2.0),
        grading(f"{hand.id}-task", score=None, points=hand.points, needs_manual_grade=True)])
    results, pending = final_results(nb, {i.id: i for i in module.items})
    assert results == {auto.id: {"competencies": list(auto.competencies), "earned": 2.0,
                                 "possible": float(auto.points)}}
    assert pending == 1


def test_awaits_grader():
    assert awaits_grader({"score": None})
    assert awaits_grader({"score": 0.0, "needs_manual_grade": True, "manual_score": None})
    assert not awaits_grader({"score": 1.5, "needs_manual_grade": True, "manual_score": 1.5})
    assert not awaits_grader({"score": 1.0, "needs_manual_grade": False})
