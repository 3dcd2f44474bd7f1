"""Select all that apply: tick every option that fits; right picks minus wrong picks."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from course_utils.items.kind import Bad, Guesser, register
from course_utils.items.kinds.options import OptionKind, described, option_text, shown_ids
from course_utils.items.model import Item

if TYPE_CHECKING:
    from course_utils.core.display_order import DisplayOrder
    from course_utils.core.storage import AnswerStore
    from course_utils.items.widgets.base import ItemView


@register
class SelectAll(OptionKind):
    """The key is the options that apply; the answer is the ticked options' ids."""

    name = "select_all"
    title = "Select all that apply"
    fields = frozenset({"options", "key"})
    option_counts = (3, 8)

    def check_key(self, key: Any, ids: list[str], fields: dict[str, Any], bad: Bad) -> Any:
        """A list of different option ids, at least one."""
        if not isinstance(key, list) or not key or any(k not in ids for k in key) \
                or len(set(key)) != len(key):
            bad("key", f"give a list of the option ids that apply ({', '.join(ids)})")
            return None
        return tuple(key)

    def well_formed(self, answer: Any) -> bool:
        """A list of option ids."""
        return isinstance(answer, list) and all(isinstance(a, str) for a in answer)

    def fraction(self, item: Item, answer: Any) -> tuple[float, str]:
        """(right picks - wrong picks) / number of right answers, floored at 0."""
        return fraction_select_all(answer, item.key, [o.id for o in item.options] or item.key)

    def answer_text(self, item: Item, answer: Any, display: DisplayOrder) -> str:
        """The ticked options with their letters, in this learner's order."""
        letters = display.letters([o.id for o in item.options], item.id)
        picked = [f"({letters[a]}) {option_text(item, a)}" for a in shown_ids(item, display)
                  if a in answer]
        return "Selected: " + ("; ".join(picked) if picked else "nothing")

    def option_feedback(self, item: Item, answer: Any, option_id: str, letters: dict[str, str]) -> str:
        """Whether it applies, and whether the learner ticked it."""
        applies = "Applies" if option_id in item.key else "Does not apply"
        mine = "you selected it" if option_id in (answer or ()) else "you did not select it"
        return described(item, option_id, f"({letters.get(option_id, option_id)}) {applies}; {mine}.")

    def view(self, item: Item, store: AnswerStore) -> ItemView:
        """A checkbox per option."""
        from course_utils.items.widgets.choice import SelectAllView

        return SelectAllView(item, store)

    def simulate(self, item: Item, p: float, rng: random.Random) -> Any:
        """Each option decided rightly with probability p."""
        return [o.id for o in item.options if (o.id in item.key) == (rng.random() < p)]

    def guess(self, item: Item, display: DisplayOrder, guesser: Guesser) -> Any:
        """The options the guesser ticks, in this learner's order."""
        shown = shown_ids(item, display)
        return guesser.picks(item, shown, [item.option(oid).text for oid in shown])


def fraction_select_all(answer: Any, key: Sequence[str], option_ids: Sequence[str]) -> tuple[float, str]:
    """(right picks - wrong picks) / number of right answers, floored at 0."""
    chosen = {a for a in answer or () if a in option_ids}
    right = len(chosen & set(key))
    wrong = len(chosen - set(key))
    value = max(0.0, (right - wrong) / len(key))
    return value, select_all_note(right, wrong, len(key))


def select_all_note(right: int, wrong: int, applies: int) -> str:
    """How many of the options that apply were selected, and what a wrong one costs, in words."""
    if not right and not wrong:
        return "You did not select anything."
    those = "the one that applies" if applies == 1 else f"the {applies} that apply"
    every = those if applies == 1 else f"all {applies} that apply"
    found = every if right == applies else f"{right} of {those}" if right else f"none of {those}"
    if not wrong:
        return f"You selected {found}, and nothing else." if right == applies \
            else f"You selected {found}; you missed {applies - right}."
    return (f"You selected {found}, and {wrong} that {'does' if wrong == 1 else 'do'} not. Each one "
            "selected that does not apply cancels one that does: select only the ones that fit.")
