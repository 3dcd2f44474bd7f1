"""A conversation: each reply the learner says decides how the peer answers; the path is scored."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from course_utils.core.vocab import QUALITY_LABELS
from course_utils.items.conversation import parse_turns, path_fraction, replay, turns_to_end
from course_utils.items.kind import Bad, Guesser, ItemKind, register
from course_utils.items.kinds.options import html_lines
from course_utils.items.model import Item
from course_utils.items.render_conversation import debrief_html, transcript_lines

if TYPE_CHECKING:
    from course_utils.core.display_order import DisplayOrder
    from course_utils.core.storage import AnswerStore
    from course_utils.items.widgets.base import ItemView


@register
class Branching(ItemKind):
    """Turns of the peer's words, each with replies of a quality (0-2) that lead to a next turn."""

    name = "branching"
    title = "A conversation"
    fields = frozenset({"turns", "debrief"})

    def refusal(self, field_name: str) -> str:
        """No key and no options: the replies carry the qualities."""
        if field_name in ("key", "options"):
            return "branching items have no key or options: give each reply a quality"
        return super().refusal(field_name)

    def parse(self, raw: dict[str, Any], mode: str, rubric: tuple[str, ...], bad: Bad) -> dict[str, Any]:
        """The turns (every path ends, every turn reachable) and the debrief shown at every end."""
        debrief = str(raw.get("debrief") or "").strip()
        turns = parse_turns(raw.get("turns"), bad)
        if not debrief:
            bad("debrief", "give a short debrief shown at the end of every path")
        return {"turns": turns, "debrief": debrief}

    def well_formed(self, answer: Any) -> bool:
        """The reply ids said, in order."""
        return isinstance(answer, list) and all(isinstance(a, str) for a in answer)

    def fraction(self, item: Item, answer: Any) -> tuple[float, str]:
        """Sum of the qualities of the replies said / (2 x turns); turns left count 0."""
        value, _ = path_fraction(item.turns, answer)
        return value, path_note(item, answer)

    def answer_text(self, item: Item, answer: Any, display: DisplayOrder) -> str:
        """The transcript so far."""
        return "Conversation:\n" + "\n".join(transcript_lines(item, answer, display))

    def feedback_html(self, item: Item, answer: Any, display: DisplayOrder) -> str:
        """The debrief: each reply said, what it did, and the best reply at each turn."""
        return debrief_html(item, answer, display)

    def feedback_lines(self, item: Item, answer: Any, display: DisplayOrder) -> list[str]:
        """The debrief as plain text."""
        return html_lines(debrief_html(item, answer, display))

    def view(self, item: Item, store: AnswerStore) -> ItemView:
        """The conversation: the peer's words, then a reply to say."""
        from course_utils.items.widgets.branching import BranchingView

        return BranchingView(item, store)

    def simulate(self, item: Item, p: float, rng: random.Random) -> Any:
        """The best reply of each turn with probability p, else another."""
        by_id = {t.id: t for t in item.turns}
        turn, path = item.turns[0], []
        while True:
            best = max(turn.replies, key=lambda r: r.quality)
            others = [r for r in turn.replies if r is not best]
            reply = best if rng.random() < p or not others else rng.choice(others)
            path.append(reply.id)
            if reply.next not in by_id:
                return path
            turn = by_id[reply.next]

    def guess(self, item: Item, display: DisplayOrder, guesser: Guesser) -> Any:
        """At each turn, the reply the guesser likes best, in this learner's order."""
        path: list[str] = []
        while True:
            _, turn = replay(item.turns, path)
            if turn is None or len(path) > len(item.turns):
                return path
            ids = display.turn_order(item.id, turn)
            path.append(guesser.rank(item, ids, [turn.reply(rid).text for rid in ids])[0])


# How many replies of each quality, in the words of a count ("2 present and supportive").
COUNTED = {2: ("present and supportive", "present and supportive"),
           1: ("okay but missing something", "okay but missing something"),
           0: ("roadblock", "roadblocks")}


def path_note(item: Item, answer: Any) -> str:
    """How the replies said went, in words, and what leaving the conversation unfinished costs."""
    steps, current = replay(item.turns, answer)
    if not steps:
        return "No reply was given."
    qualities = [reply.quality for _, reply in steps]
    if len(steps) == 1:
        label = QUALITY_LABELS.get(qualities[0], "")
        note = f"Your reply was {label[:1].lower()}{label[1:]}."
    else:
        counts = [(qualities.count(q), words) for q, words in COUNTED.items() if q in qualities]
        note = f"Your {len(steps)} replies: " + ", ".join(
            f"{n} {words[n > 1]}" for n, words in counts) + "."
    if current is not None:
        left = turns_to_end(item.turns, current.id)
        note += (f" The conversation was not finished, so the {left} turn{'s' if left > 1 else ''} "
                 "still to go scored 0.")
    return note
