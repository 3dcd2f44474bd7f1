"""Turn a module into its nbgrader master notebook (the version in source/)."""

from __future__ import annotations

import pprint
import re

import nbformat
from nbformat.notebooknode import NotebookNode

from course_utils.items.kind import kind_of
from course_utils.items.model import Item, Module
from course_utils.items.public import to_public

SCHEMA_VERSION = 3
KERNEL_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
EXAM = "practice_exam"
HOW_TO = """\
**How this notebook works.** Run the cells from the top (menu *Run > Run All Cells*). Each
exercise appears as a set of buttons, boxes or menus: use the mouse or the keyboard (Tab to move
between controls, arrow keys to choose a reply or a menu entry, Space to tick a box). Your
answers are saved automatically the moment you change them, in the file `answers.json` next to
this notebook, and they come back when you reopen it.

- **Practice** items show feedback straight away. They do not count toward your grade.
- **Graded** items show no verdict until your trainer returns feedback. Partial credit:
  *select all* scores (right picks - wrong picks) / number of right answers, never below 0;
  *rank* scores the pairs of replies you put in the key's order beyond the half that a random
  order gets (all pairs right: full marks; half or fewer: 0);
  *name the roadblock* scores the share of statements labeled right;
  *a conversation* scores the quality of the path you take (each reply counts 2 when fully
  present, 1 when okay, 0 for a roadblock). In a graded conversation each reply is final.
- The options of every exercise appear in an order of their own for each learner, so the
  letters (a), (b), (c) may differ from a classmate's. Your feedback uses your letters.
- **Written replies** get an automatic rubric score when graded (picks up what this person said
  and reflects or validates it 40%, invites more 30%, stays with their words with no roadblock
  30%), which your grader can change. In practice items, feedback on your reply appears as you
  type. **Reflections** are read by a person only.

When you are done: save the notebook, click **Validate**, then submit it in the *Assignments* tab.
"""
GRADED_NOTE = "# Graded after you submit: your score and feedback for this item will appear here."


def build_notebook(module: Module, help_now: str) -> NotebookNode:
    """The master notebook: title, help-now note, reading, then every item's cells."""
    cells = [
        _markdown(f"# Module {module.number}: {module.title}\n\n{HOW_TO}", "intro"),
        _markdown(help_now.strip(), "help-now"),
        _code("from course_utils import show_item, start\n\nstart()", "setup", locked=True),
    ]
    for n, section in enumerate(split_reading(module.reading), start=1):
        cells.append(_markdown(section, f"reading-{n}"))
    cells.append(_markdown("## Exercises", "exercises"))
    for n, item in enumerate(module.items, start=1):
        cells.extend(item_cells(item, n))
    cells.append(_markdown("## Your results by competency", "report-title"))
    plot = ", plot=True" if module.assignment == EXAM else ""
    cells.append(_code(f"from course_utils.report import competency_report\n\n"
                       f"competency_report({plot.lstrip(', ')})", "report", locked=True))
    cells.append(_markdown(
        "## Before you submit\n\nSave the notebook (Ctrl+S), click **Validate** in the toolbar, "
        "then submit from the *Assignments* tab. Your answers travel with the notebook.", "end"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = KERNEL_METADATA
    return nb


def item_cells(item: Item, number: int) -> list[NotebookNode]:
    """The heading, exercise cell and (graded) grading cell of one item."""
    plural = "s" if item.points != 1 else ""
    status = f"graded, {item.points:g} point{plural}" if item.graded else "practice"
    cells = [
        _markdown(f"### {number}. {kind_of(item).title} ({status})", f"{item.id}-title"),
        _code(f'show_item("{item.id}")', f"{item.id}-show", locked=True),
    ]
    if not item.graded:
        return cells
    if item.hand_graded:
        task = (f"**Graded by hand ({item.points:g} points).** Your grader reads the reflection you "
                "wrote above and scores it using the list of what graders look for shown with it.")
        cells.append(_markdown(task, f"{item.id}-task", task=True, points=item.points))
        return cells
    spec = pprint.pformat(to_public(item, reveal=True), width=96, sort_dicts=False)
    source = (f"{GRADED_NOTE}\n### BEGIN HIDDEN TESTS\n"
              f"from course_utils.grading import grade_item\n\ngrade_item({spec})\n"
              "### END HIDDEN TESTS")
    cells.append(_code(source, f"{item.id}-grade", grade=True, locked=True, points=item.points))
    return cells


def split_reading(reading: str) -> list[str]:
    """Split a reading into one Markdown cell per '## ' section."""
    parts = re.split(r"(?m)^(?=## )", reading.strip())
    return [p.strip() for p in parts if p.strip()]


def _meta(grade_id: str, *, grade: bool = False, locked: bool = True, task: bool = False,
          points: float | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked,
            "schema_version": SCHEMA_VERSION, "solution": False, "task": task}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _markdown(source: str, cell_id: str, *, task: bool = False,
              points: float | None = None) -> NotebookNode:
    cell = nbformat.v4.new_markdown_cell(source, id=cell_id)
    cell.metadata = _meta(cell_id, task=task, points=points)
    return cell


def _code(source: str, cell_id: str, *, grade: bool = False, locked: bool = False,
          points: float | None = None) -> NotebookNode:
    cell = nbformat.v4.new_code_cell(source, id=cell_id)
    cell.metadata = _meta(cell_id, grade=grade, locked=locked, points=points)
    return cell
