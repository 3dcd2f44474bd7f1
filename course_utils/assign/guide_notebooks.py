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

1. **Open a module** from the list above. Run it with *Run > Run All Cells*.
2. **Read**, then **answer** the exercises with the mouse or the keyboard: Tab moves between
   controls, arrow keys choose a reply or a menu entry, Space ticks a box.
3. **Practice** items tell you at once how you did and why. **Graded** items say "Saved" and
   show no verdict: your trainer's feedback explains them after grading.
4. **Conversations** let you talk with a peer turn by turn: what you say changes how they answer.
5. **Your answers are saved by themselves**, the moment you change them, in the file
   `answers.json` beside each module's notebook. Close the notebook or restart the kernel any
   time: your answers come back. If that file is ever damaged, the notebook says so, keeps a
   copy for your trainer, and lets you go on.
6. **Submit** when you are ready: save the notebook, click **Validate**, then use *Submit* in
   the *Assignments* tab. Your answers travel with the notebook.
7. **Read your feedback**: when your trainer releases it, *Fetch Feedback* in the *Assignments*
   tab shows each graded item, why each option helps or hurts, and your score by competency.
8. **See your progress** any time in [My progress](my_progress.ipynb).
"""


def build_start_here(modules: list[Module], help_now: str) -> NotebookNode:
    """How the workbook works, links to every module, and where to get help now."""
    links = "\n".join(f"{m.number}. [{m.title}](../{m.assignment}/{m.assignment}.ipynb)"
                      for m in modules)
    cells = [
        _markdown(WELCOME, "welcome"),
        _markdown(help_now.strip(), "help-now"),
        _markdown(f"## The modules\n\n{links}\n\nThe practice exam is best left until you have "
                  "worked through the modules.", "modules"),
        _markdown(HOW_IT_WORKS, "how-it-works"),
    ]
    return _notebook(cells)


def build_my_progress(help_now: str) -> NotebookNode:
    """A notebook that plots the learner's practice results from their saved answers."""
    cells = [
        _markdown("# My progress\n\nRun this notebook (*Run > Run All Cells*) to see how your "
                  "**practice** items went, by SAMHSA competency category and by module. It "
                  "reads the answers saved beside each module; graded items are left out until "
                  "your trainer's feedback. Run it again after more practice.", "intro"),
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
                  "assignment it shows the score distribution, item difficulty and discrimination,"
                  " how often each option was chosen by the top and bottom third of learners, and"
                  " a heat map of learners by SAMHSA competency category, with flagged items. "
                  "`cpsw report` writes the same as HTML pages.", "intro"),
        _code("from course_utils.instructor.cohort_report import show_dashboard\n\nshow_dashboard(\"..\")",
              "dashboard"),
    ]
    return _notebook(cells)
