"""Turn a module into its nbgrader master notebook (the version in source/)."""

from __future__ import annotations

import re

import nbformat
from nbformat.notebooknode import NotebookNode

from course_utils.items.kind import kind_of
from course_utils.items.model import Item, Module
from course_utils.items.public import sealed_spec

SCHEMA_VERSION = 3
KERNEL_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
EXAM = "practice_exam"
INTRO_ID = "intro"  # the title and how-to cell
READING_ID = re.compile(r"reading-\d+")  # one cell per section of the reading
TRIAD_ID = "triad"  # the triad practice guide, after the reading
HOW_TO = """\
[Back to Start here](../start_here/start_here.ipynb) · [Go to the exercises](#Exercises) ·
[Submit](#Submit)

**How this page works.** Read the sections below, then do the exercises further down. Each
exercise shows a situation and asks you to choose, tick, order or write a reply. Use the mouse,
or the keyboard: Tab moves to the next control, the arrow keys move between replies, and Space
chooses or ticks.

- Your answers are **saved by themselves** as soon as you choose or type. Close the page
  whenever you like: your answers are here when you come back.
- **Practice** exercises tell you straight away how you did and why. They do not count toward
  your grade.
- **Graded** exercises only say "Saved". You can change them until you submit; your trainer's
  feedback explains them afterwards. An answer that is partly right earns part of the points.
- In a **graded conversation** each reply you say is final, as in a real talk, so take your time.
- The replies may be listed in a different order from a classmate's. Your feedback uses the
  letters you saw.
- A **written reply** gets a first score from the course, and your grader reads it and may change
  it. A **reflection** is read by your grader only.
- A **role-play** is a conversation in your own words: type what you would say and press Send;
  the person answers. A graded one scores half its points for the share of your replies that
  connected (a reflection, validation or open question that takes up what they said), counted
  over at least four replies, and half for the person opening up by the end; your grader may
  change the score. You can stop at any time.
- **To submit,** go to the end of this page and press **Submit my answers**.

*Opened in JupyterLab and the exercises show only a note? Choose Run > Run All Cells in the menu.*
"""
GRADED_NOTE = "# Graded after you submit: your score and feedback for this item will appear here."
# The answer cell of a graded item in the learner's own words is an nbgrader solution cell, so a
# grader can comment on it in formgrader. Its solution region is empty: the answer itself is in
# answers.json, and ClearSolutions.code_stub (nbgrader_config.py) fills the region in release/.
ANSWER_REGION = "### BEGIN SOLUTION\n### END SOLUTION"


def build_notebook(module: Module, help_now: str) -> NotebookNode:
    """The master notebook: title, help-now note, reading, triad guide, then every item's cells."""
    cells = [
        _markdown(f"# Module {module.number}: {module.title}\n\n{HOW_TO}", INTRO_ID),
        _markdown(help_now.strip(), "help-now"),
        _code("from course_utils import show_item, show_submit, start\n\nstart()", "setup", locked=True),
    ]
    for n, section in enumerate(split_reading(module.reading), start=1):
        cells.append(_markdown(section, f"reading-{n}"))
    if module.triad:
        cells.append(_markdown(module.triad, TRIAD_ID))
    cells.append(_markdown("## Exercises", "exercises"))
    for n, item in enumerate(module.items, start=1):
        cells.extend(item_cells(item, n))
    cells.append(_markdown("## Your results by competency", "report-title"))
    plot = ", plot=True" if module.assignment == EXAM else ""
    cells.append(_code(f"from course_utils.report import competency_report\n\n"
                       f"competency_report({plot.lstrip(', ')})", "report", locked=True))
    cells.append(_markdown(
        "## Submit\n\nCheck that every graded exercise says \"Saved\", then press **Submit my "
        "answers** below. In JupyterLab you can also submit from the menu *Nbgrader > Assignment "
        "List*. Your answers file travels with the submission.", "end"))
    cells.append(_code("show_submit()", "submit", locked=True))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = KERNEL_METADATA
    return nb


def item_cells(item: Item, number: int) -> list[NotebookNode]:
    """The heading, exercise cell and (graded) grading cell of one item."""
    plural = "s" if item.points != 1 else ""
    status = f"graded, {item.points:g} point{plural}" if item.graded else "practice"
    show = _code(f'show_item("{item.id}")', f"{item.id}-show", locked=True)
    if item.auto_graded and kind_of(item).own_words:
        show = _code(f'show_item("{item.id}")\n{ANSWER_REGION}', f"{item.id}-show", solution=True)
    cells = [_markdown(f"### {number}. {kind_of(item).title} ({status})", f"{item.id}-title"), show]
    if not item.graded:
        return cells
    if item.hand_graded:
        cells.append(_markdown(task_text(item), f"{item.id}-task", task=True, points=item.points))
        return cells
    source = (f"{GRADED_NOTE}\n### BEGIN HIDDEN TESTS\n"
              "from course_utils.grading import grade_sealed\n"
              f'grade_sealed("{item.id}", "{sealed_spec(item)}")\n'
              "### END HIDDEN TESTS")
    cells.append(_code(source, f"{item.id}-grade", grade=True, locked=True, points=item.points))
    return cells


def task_text(item: Item) -> str:
    """A hand-graded item's task cell: how it is graded and what graders look for."""
    text = (f"**Graded by hand ({item.points:g} points).** Your grader reads the reflection you "
            "wrote above and scores it using this list of what graders look for:")
    return "\n".join([text, "", *(f"- {point}" for point in item.rubric)])


def split_reading(reading: str) -> list[str]:
    """Split a reading into one Markdown cell per '## ' section."""
    parts = re.split(r"(?m)^(?=## )", reading.strip())
    return [p.strip() for p in parts if p.strip()]


def _meta(grade_id: str, *, grade: bool = False, locked: bool = True, task: bool = False,
          solution: bool = False, points: float | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked,
            "schema_version": SCHEMA_VERSION, "solution": solution, "task": task}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _markdown(source: str, cell_id: str, *, task: bool = False,
              points: float | None = None) -> NotebookNode:
    cell = nbformat.v4.new_markdown_cell(source, id=cell_id)
    cell.metadata = _meta(cell_id, task=task, points=points)
    return cell


def _code(source: str, cell_id: str, *, grade: bool = False, locked: bool = False,
          solution: bool = False, points: float | None = None) -> NotebookNode:
    cell = nbformat.v4.new_code_cell(source, id=cell_id)
    cell.metadata = _meta(cell_id, grade=grade, locked=locked and not solution,
                          solution=solution, points=points)
    cell.metadata["jupyter"] = {"source_hidden": True}  # learners see what it shows, not the code
    return cell
