"""What a hidden nbgrader test cell calls: score the saved answer and show its feedback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from course_utils.core.display_order import DisplayOrder
from course_utils.core.results import record_result
from course_utils.core.storage import AnswerStore, grading_run
from course_utils.items.public import from_public, open_spec
from course_utils.items.render import feedback_html, feedback_text
from course_utils.items.scoring import Score, score_item


def grade_item(spec: dict[str, Any], folder: Path | str = ".") -> float:
    """Score the learner's saved answer to one item, display feedback, return the points."""
    item = from_public(spec)
    store = AnswerStore(folder)
    answer = store.get(item.id)
    score = score_item(item, answer)
    if store.problem:
        score = Score(score.earned, score.possible, f"{score.note} Note: {store.status}")
    seen = DisplayOrder(store.display_seed())  # the order and letters this learner saw
    _show(feedback_html(item, answer, score, seen), feedback_text(item, answer, score, seen))
    if grading_run():
        record_result(folder, item.id, item.competencies, score.earned, score.possible)
    return score.earned


def grade_sealed(item_id: str, sealed: str, folder: Path | str = ".") -> float:
    """The one-line hidden test: open the item sealed in source/, then grade_item it."""
    return grade_item(open_spec(item_id, sealed), folder)


def _show(html: str, text: str) -> None:
    try:
        from IPython.display import display
    except ImportError:  # outside a kernel: plain text is enough
        # This output is the learner's feedback (nbgrader stores the hidden test cell's output),
        # so here, unlike the rest of the library, showing it is the job, not a report to a caller.
        print(text)
        return
    display({"text/html": html, "text/plain": text}, raw=True)
