"""Best response: choose the most supportive of three to five replies; all or nothing."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from course_utils.items.kind import Bad, Guesser, register
from course_utils.items.kinds.options import OptionKind, described, option_text, shown_ids
from course_utils.items.model import Item

if TYPE_CHECKING:
    from course_utils.core.display_order import DisplayOrder
    from course_utils.core.storage import AnswerStore
    from course_utils.items.widgets.base import ItemView


@register
class BestResponse(OptionKind):
    """One reply is the key; the answer is the chosen option's id."""

    name = "best_response"
    title = "Choose the most supportive reply"
    fields = frozenset({"options", "key"})
    option_counts = (3, 5)

    def check_key(self, key: Any, ids: list[str], fields: dict[str, Any], bad: Bad) -> Any:
        """One option id."""
        if key not in ids:
            bad("key", f"must be one option id ({', '.join(ids)})")
        return key

    def well_formed(self, answer: Any) -> bool:
        """An option id."""
        return isinstance(answer, str)

    def fraction(self, item: Item, answer: Any) -> tuple[float, str]:
        """1 if the chosen option is the key, else 0."""
        return fraction_best_response(answer, item.key)

    def answer_text(self, item: Item, answer: Any, display: DisplayOrder) -> str:
        """The chosen reply with its letter."""
        letters = display.letters([o.id for o in item.options], item.id)
        return f"Chosen reply ({letters.get(answer, answer)}): {option_text(item, answer)}"

    def option_feedback(self, item: Item, answer: Any, option_id: str, letters: dict[str, str]) -> str:
        """Best or not, and whether the learner chose it."""
        verdict = "Best reply" if option_id == item.key else "Not the best reply"
        mine = " (your choice)" if option_id == answer else ""
        return described(item, option_id, f"({letters.get(option_id, option_id)}) {verdict}{mine}.")

    def view(self, item: Item, store: AnswerStore) -> ItemView:
        """Radio buttons, one per reply."""
        from course_utils.items.widgets.choice import BestResponseView

        return BestResponseView(item, store)

    def simulate(self, item: Item, p: float, rng: random.Random) -> Any:
        """The key with probability p, else another reply."""
        if rng.random() < p:
            return item.key
        return rng.choice([o.id for o in item.options if o.id != item.key])

    def guess(self, item: Item, display: DisplayOrder, guesser: Guesser) -> Any:
        """The reply the guesser likes best."""
        shown = shown_ids(item, display)
        return guesser.rank(item, shown, [item.option(oid).text for oid in shown])[0]

    def keyed_option(self, item: Item) -> str | None:
        """The key."""
        return item.key


def fraction_best_response(answer: Any, key: str) -> tuple[float, str]:
    """1 if the chosen option is the key, else 0."""
    if answer is None:
        return 0.0, "No reply was chosen."
    if answer == key:
        return 1.0, "You chose the most supportive reply."
    return 0.0, "Another reply was more supportive."
