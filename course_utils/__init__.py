"""Being Present: shared helpers for the peer-support workbook.

Names are imported lazily so that a grading cell (which needs only scoring) never pulls in
ipywidgets or matplotlib.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["AnswerStore", "analyze_reply", "grade_item", "load_course", "score_item", "show_item",
           "show_modules", "show_submit", "start"]

_WHERE = {
    "analyze_reply": "course_utils.analysis.reply_analysis",
    "AnswerStore": "course_utils.core.storage",
    "grade_item": "course_utils.autograde.grading",
    "load_course": "course_utils.content.loader",
    "score_item": "course_utils.items.scoring",
    "show_item": "course_utils.learner.exercise",
    "show_modules": "course_utils.learner.module_list",
    "show_submit": "course_utils.learner.submit_panel",
    "start": "course_utils.learner.exercise",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'course_utils' has no attribute {name!r}")
