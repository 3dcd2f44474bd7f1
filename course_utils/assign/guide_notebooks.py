"""The Start here and My progress notebooks, released to learners as the start_here folder."""

from __future__ import annotations

import nbformat
from nbformat.notebooknode import NotebookNode

from course_utils.assign.notebook import KERNEL_METADATA, _code, _markdown
from course_utils.items.model import Module

GUIDE_ASSIGNMENT = "start_here"

WELCOME = """\
# Start here: Being Present

Welcome. This workbook helps you practise being fully present with a peer in distress: listening
with your whole attention, checking what you notice instead of assuming, validating feelings,
and avoiding the replies that leave people feeling misunderstood. Each module has a short
reading and exercises built from real-life situations.
"""
HOW_IT_WORKS = """\
## How the workbook works

1. **Open a module** from the list above: click its title. It opens as a page with a reading and
   exercises.
2. **Read**, then **answer** the exercises with the mouse or the keyboard: Tab moves to the next
   control, the arrow keys move between replies, Space chooses or ticks.
3. **Practice** exercises tell you at once how you did and why. **Graded** exercises say "Saved"
   and show no verdict: your trainer's feedback explains them after grading.
4. **Conversations** let you talk with a peer turn by turn: what you say changes how they answer.
5. **Your answers are saved by themselves**, the moment you choose or type. Close the page any
   time: your answers come back when you open it again. If something goes wrong with them, the
   page says so and keeps a copy for your trainer.
6. **Submit** when you are ready: at the end of each module page, press **Submit my answers**.
   You can submit again before the deadline; your trainer grades the latest one.
7. **Read your feedback** when your trainer says it is ready: in JupyterLab, open the menu
   *Nbgrader > Assignment List* and press *Fetch Feedback* next to the module. The feedback shows
   each graded exercise, why each reply helps or hurts, and your results by competency.
8. **See your progress** any time in [My progress](my_progress.ipynb).
"""


def build_start_here(modules: list[Module], help_now: str) -> NotebookNode:
    """How the workbook works, links to every module, and where to get help now."""
    listed = "".join(f"\n    {(m.assignment, f'{m.number}. {m.title}')!r}," for m in modules)
    cells = [
        _markdown(WELCOME, "welcome"),
        _markdown(help_now.strip(), "help-now"),
        _markdown("## The modules\n\nClick a module's title to open it. A module marked *not on "
                  "this computer yet* comes with **Get my modules**, once your trainer has "
                  "released it. The practice exam is best left until you have worked through "
                  "the modules.", "modules"),
        _code(f"from course_utils import show_modules\n\nshow_modules([{listed}\n], \"..\")",
              "module-list", locked=True),
        _markdown(HOW_IT_WORKS, "how-it-works"),
    ]
    return _notebook(cells)


def build_my_progress(help_now: str) -> NotebookNode:
    """A notebook that plots the learner's practice results from their saved answers."""
    cells = [
        _markdown("# My progress\n\n[Back to Start here](start_here.ipynb)\n\nHow your "
                  "**practice** exercises went, by SAMHSA competency category and by module, from "
                  "the answers saved beside each module. Graded exercises are left out until your "
                  "trainer's feedback. Open this page again after more practice. (In JupyterLab, "
                  "choose *Run > Run All Cells* first.)", "intro"),
        _markdown(help_now.strip(), "help-now"),
        _code("from course_utils.progress import show_progress\n\nshow_progress(\"..\")",
              "progress", locked=True),
    ]
    return _notebook(cells)


def _notebook(cells: list[NotebookNode]) -> NotebookNode:
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = KERNEL_METADATA
    return nb


def build_dashboard() -> NotebookNode:
    """The instructor dashboard: the cohort report's figures for every assignment (not released)."""
    cells = [
        _markdown("# Instructor dashboard\n\nFor instructors only: never release this notebook. "
                  "Run it in the course folder's `notebooks/` after autograding. For each "
                  "assignment, from the gradebook's final scores (a grader's override counts), "
                  "it shows the score distribution, item difficulty and discrimination,"
                  " how often each option was chosen by the top and bottom third of learners, and"
                  " a heat map of learners by SAMHSA competency category, with flagged items. "
                  "`cpsw report` writes the same as HTML pages.", "intro"),
        _code("from course_utils.instructor.cohort_report import show_dashboard\n\nshow_dashboard(\"..\")",
              "dashboard"),
    ]
    return _notebook(cells)
