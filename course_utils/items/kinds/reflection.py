"""Reflection: the learner writes about their own practice; only a grader scores it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from course_utils.items.kind import register
from course_utils.items.kinds.options import html_lines
from course_utils.items.kinds.written import WrittenKind, rubric_html
from course_utils.items.model import Item

if TYPE_CHECKING:
    from course_utils.core.display_order import DisplayOrder
    from course_utils.core.storage import AnswerStore
    from course_utils.items.widgets.base import ItemView


@register
class Reflection(WrittenKind):
    """Hand-graded with the item's rubric; no automatic score."""

    name = "reflection"
    title = "Reflection"
    answer_title = "Your reflection"
    scored = False
    sample_answers = (
        "When I was struggling, the person who helped most just listened and did not rush me.",
        "I notice I jump to advice when someone is upset, because silence makes me uneasy.",
        "I would like to get better at staying with someone's feelings without fixing them.",
    )

    def fraction(self, item: Item, answer: Any) -> tuple[float, str]:
        """Not scored automatically: a grader reads it."""
        raise ValueError("reflection items are scored by a grader, not automatically")

    def feedback_html(self, item: Item, answer: Any, display: DisplayOrder) -> str:
        """What graders look for."""
        return rubric_html(item)

    def feedback_lines(self, item: Item, answer: Any, display: DisplayOrder) -> list[str]:
        """What graders look for, as plain text."""
        return html_lines(rubric_html(item))

    def view(self, item: Item, store: AnswerStore) -> ItemView:
        """A text box, with a note on who reads it."""
        from course_utils.items.widgets.text import ReflectionView

        return ReflectionView(item, store)
