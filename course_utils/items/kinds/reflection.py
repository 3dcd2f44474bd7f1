"""Reflection: the learner writes about their own practice; only a grader scores it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from course_utils.items.kind import register
from course_utils.items.kinds.written import HandGradedKind
from course_utils.items.model import Item

if TYPE_CHECKING:
    from course_utils.core.storage import AnswerStore
    from course_utils.items.widgets.base import ItemView


@register
class Reflection(HandGradedKind):
    """Hand-graded with the item's rubric; no automatic score."""

    name = "reflection"
    title = "Reflection"
    answer_title = "Your reflection"
    sample_answers = (
        "When I was struggling, the person who helped most just listened and did not rush me.",
        "I notice I jump to advice when someone is upset, because silence makes me uneasy.",
        "I would like to get better at staying with someone's feelings without fixing them.",
    )

    def view(self, item: Item, store: AnswerStore) -> ItemView:
        """A text box, with a note on who reads it."""
        from course_utils.items.widgets.text import ReflectionView

        return ReflectionView(item, store)
