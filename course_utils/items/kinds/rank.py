"""Rank the replies: most to least supportive; credit for the pairs ordered beyond chance."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from html import escape
from itertools import combinations
from typing import TYPE_CHECKING, Any

from course_utils.items.kind import Bad, Guesser, register
from course_utils.items.kinds.options import OptionKind, described, option_text, shown_ids
from course_utils.items.model import Item

if TYPE_CHECKING:
    from course_utils.core.display_order import DisplayOrder
    from course_utils.core.storage import AnswerStore
    from course_utils.items.widgets.base import ItemView


@register
class Rank(OptionKind):
    """The key is every option, best first; the answer maps each option id to its place."""

    name = "rank"
    title = "Rank the replies"
    fields = frozenset({"options", "key"})
    option_counts = (3, 6)

    def check_key(self, key: Any, ids: list[str], fields: dict[str, Any], bad: Bad) -> Any:
        """Every option id once; the file's order must not be the key's."""
        if not isinstance(key, list) or not all(isinstance(k, str) for k in key) \
                or sorted(key) != sorted(ids):
            bad("key", "list every option id once, most to least supportive")
            return None
        if list(key) == ids:
            bad("options", "list the options in a different order from the key, "
                "or the answer shows on screen")
        return tuple(key)

    def well_formed(self, answer: Any) -> bool:
        """A mapping of option ids to places."""
        return isinstance(answer, dict)

    def fraction(self, item: Item, answer: Any) -> tuple[float, str]:
        """Agreement with the key's order beyond chance."""
        return fraction_rank(answer, item.key)

    def answer_text(self, item: Item, answer: Any, display: DisplayOrder) -> str:
        """The placed options, first place first, with their letters."""
        letters = display.letters([o.id for o in item.options], item.id)
        order = sorted((pos, oid) for oid, pos in answer.items() if isinstance(pos, int))
        return "Ranking, most supportive first: " + "; ".join(
            f"{pos}. ({letters.get(oid, oid)}) {option_text(item, oid)}" for pos, oid in order)

    def feedback_head(self, item: Item, answer: Any, letters: dict[str, str]) -> str:
        """The best order, with the letters this learner saw."""
        best = "; ".join(f"({letters[oid]}) {option_text(item, oid)}" for oid in item.key)
        return f"<p><strong>Most to least supportive (the best order):</strong> {escape(best)}</p>"

    def option_feedback(self, item: Item, answer: Any, option_id: str, letters: dict[str, str]) -> str:
        """The option's best place and the learner's."""
        best = list(item.key).index(option_id) + 1
        place = answer.get(option_id) if isinstance(answer, dict) else None
        yours = f"you put it {place}" if place else "you did not place it"
        shown = letters.get(option_id, option_id)
        return described(item, option_id, f"({shown}) Best place {best}; {yours}.")

    def view(self, item: Item, store: AnswerStore) -> ItemView:
        """A place menu per reply."""
        from course_utils.items.widgets.order import RankView

        return RankView(item, store)

    def simulate(self, item: Item, p: float, rng: random.Random) -> Any:
        """The key's order, each neighbouring pair swapped with probability 1 - p."""
        order = list(item.key)
        for n in range(len(order) - 1):
            if rng.random() > p:
                order[n], order[n + 1] = order[n + 1], order[n]
        return {oid: place for place, oid in enumerate(order, start=1)}

    def guess(self, item: Item, display: DisplayOrder, guesser: Guesser) -> Any:
        """The guesser's order of preference."""
        shown = shown_ids(item, display)
        order = guesser.rank(item, shown, [item.option(oid).text for oid in shown])
        return {oid: place for place, oid in enumerate(order, start=1)}


def fraction_rank(answer: Any, key: Sequence[str]) -> tuple[float, str]:
    """Agreement beyond chance: (share of pairs ordered as in the key - 1/2) / (1/2), floored at 0.

    A random order agrees on half the pairs on average, so it earns (about) nothing; unranked or
    tied pairs do not agree.
    """
    positions: Mapping[str, Any] = answer if isinstance(answer, Mapping) else {}
    pairs = list(combinations(key, 2))  # in key order: first should rank above second
    agree = 0
    for better, worse in pairs:
        p, q = positions.get(better), positions.get(worse)
        if isinstance(p, int) and isinstance(q, int) and p < q:
            agree += 1
    value = max(0.0, 2 * agree / len(pairs) - 1)
    return value, rank_note(agree, len(pairs), [positions.get(oid) for oid in key])


def rank_note(agree: int, compared: int, places: Sequence[Any]) -> str:
    """How close the order came to the best one, and why half right earns nothing, in words."""
    placed = [p for p in places if isinstance(p, int)]
    if not placed:
        return "You did not rank the replies."
    if agree == compared:
        return "Your order is the best order."
    note = (f"Taking the replies two at a time, you put the more supportive one higher "
            f"{agree} time{'' if agree == 1 else 's'} out of {compared}. ")
    note += ("A random order gets about half of these right, so this order earns no points."
             if 2 * agree <= compared else
             "A random order gets about half right, so only what you got beyond half earns points.")
    if len(placed) < len(places) or len(set(placed)) < len(placed):
        note += " A reply with no place, or sharing a place, counts as out of order."
    return note
