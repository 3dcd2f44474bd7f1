"""Observer checklist: what the learner saw in a live triad practice, read only by a grader."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from course_utils.core.vocab import ROADBLOCKS
from course_utils.items.checklist import checklist_text, empty_checklist, is_blank, is_checklist
from course_utils.items.kind import Guesser, register
from course_utils.items.kinds.written import HandGradedKind
from course_utils.items.model import Item

if TYPE_CHECKING:
    from course_utils.core.display_order import DisplayOrder
    from course_utils.core.storage import AnswerStore
    from course_utils.items.widgets.base import ItemView

SAMPLE_NOTES = (
    ("The listener let a long pause be and the speaker went on to say more.",
     "I wanted to fix it; next time I will reflect the feeling first."),
    ("Two questions came back to back and the speaker's answers got shorter.",
     "I noticed I was planning my next line; I want to listen to the end."),
)


@register
class ObserverChecklist(HandGradedKind):
    """Hand-graded with the item's rubric: tallies, roadblocks heard, and notes as observer and listener."""

    name = "observer_checklist"
    title = "Observer checklist"
    answer_title = "Your observer checklist"

    def well_formed(self, answer: Any) -> bool:
        """Tallies, roadblocks and two notes, as the widget saves them."""
        return is_checklist(answer)

    def blank(self, answer: Any) -> bool:
        """Nothing counted, ticked or written."""
        return is_blank(answer)

    def answer_text(self, item: Item, answer: Any, display: DisplayOrder) -> str:
        """The tallies with their ratio, the roadblocks ticked and the notes."""
        return checklist_text(answer)

    def view(self, item: Item, store: AnswerStore) -> ItemView:
        """Number boxes, roadblock ticks and two note boxes."""
        from course_utils.items.widgets.checklist import ChecklistView

        return ChecklistView(item, store)

    def simulate(self, item: Item, p: float, rng: random.Random) -> Any:
        """Counts, a roadblock or none, and one pair of sample notes."""
        answer = empty_checklist()
        answer["tallies"] = {k: rng.randint(0, 6) for k in answer["tallies"]}
        heard = rng.sample(ROADBLOCKS, rng.randint(0, 2))
        answer["roadblocks"] = [r for r in ROADBLOCKS if r in heard]  # in Gordon's order, as saved
        answer["observer"], answer["listener"] = rng.choice(SAMPLE_NOTES)
        return answer

    def guess(self, item: Item, display: DisplayOrder, guesser: Guesser) -> Any:
        """The guesser's one reply in both note boxes, nothing counted."""
        return {**empty_checklist(), "observer": guesser.reply, "listener": guesser.reply}
