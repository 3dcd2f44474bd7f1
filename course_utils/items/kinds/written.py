"""What the kinds a learner answers in their own words share: no options, no key, a rubric."""

from __future__ import annotations

import random
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from course_utils.items.kind import Bad, Guesser, ItemKind
from course_utils.items.kinds.options import html_lines
from course_utils.items.model import Item

if TYPE_CHECKING:
    from course_utils.core.display_order import DisplayOrder


class WrittenKind(ItemKind):
    """The answer is the learner's text; graders score it with the item's rubric."""

    own_words = True
    practice_scored = False
    sample_answers: ClassVar[tuple[str, ...]] = ()  # what simulated learners write

    def refusal(self, field_name: str) -> str:
        """No key and no options: a grader reads the words."""
        if field_name == "key":
            return f"{self.name} items are graded by hand and have no key"
        if field_name == "options":
            return f"{self.name} items have no options"
        return super().refusal(field_name)

    def parse(self, raw: dict[str, Any], mode: str, rubric: tuple[str, ...], bad: Bad) -> dict[str, Any]:
        """A graded item needs a rubric: what graders look for."""
        if mode == "graded" and not rubric:
            bad("rubric", "graded written items need a rubric: what graders look for")
        return {}

    def well_formed(self, answer: Any) -> bool:
        """Text."""
        return isinstance(answer, str)

    def simulate(self, item: Item, p: float, rng: random.Random) -> Any:
        """One of the sample answers."""
        return rng.choice(self.sample_answers)

    def guess(self, item: Item, display: DisplayOrder, guesser: Guesser) -> Any:
        """The guesser's one reply that fits any scenario."""
        return guesser.reply


def rubric_html(item: Item) -> str:
    """What graders look for in a written item, as an HTML list."""
    if not item.rubric:
        return ""
    rows = "".join(f"<li>{escape(r)}</li>" for r in item.rubric)
    return f"<p><strong>What graders look for:</strong></p><ul>{rows}</ul>"


class HandGradedKind(WrittenKind):
    """Written by the learner, scored only by a grader with the item's rubric (nbgrader task cell)."""

    scored = False

    def fraction(self, item: Item, answer: Any) -> tuple[float, str]:
        """Not scored automatically: a grader reads it."""
        raise ValueError(f"{self.name} items are scored by a grader, not automatically")

    def feedback_html(self, item: Item, answer: Any, display: DisplayOrder) -> str:
        """What graders look for."""
        return rubric_html(item)

    def feedback_lines(self, item: Item, answer: Any, display: DisplayOrder) -> list[str]:
        """What graders look for, as plain text."""
        return html_lines(rubric_html(item))
