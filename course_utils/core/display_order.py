"""The order a learner sees options in: shuffled per learner and per item, the same every time.

Answers are saved by option id, so the order changes what a learner sees, never how an answer
is scored. The letters shown, (a), (b), (c), ..., follow the display position.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from string import ascii_lowercase
from typing import Any, TypeVar

T = TypeVar("T")


def shuffled(values: Sequence[T], seed: str | None, salt: str) -> list[T]:
    """The values in the order this seed gives for this salt (an item id); no seed: as given."""
    out = list(values)
    if seed is None:
        return out
    random.Random(f"{seed}\0{salt}").shuffle(out)  # str seeds hash with SHA-512: stable everywhere
    return out


def letter(position: int) -> str:
    """The letter shown at a display position (0 -> a)."""
    return ascii_lowercase[position] if position < len(ascii_lowercase) else str(position + 1)


@dataclass(frozen=True)
class DisplayOrder:
    """One learner's display order: a seed, or None for the order of the content file."""

    seed: str | None = None

    def order(self, ids: Sequence[str], salt: str) -> list[str]:
        """The ids in display order."""
        return shuffled(ids, self.seed, salt)

    def letters(self, ids: Sequence[str], salt: str) -> dict[str, str]:
        """The letter each id is shown with."""
        return {oid: letter(n) for n, oid in enumerate(self.order(ids, salt))}

    def turn_order(self, item_id: str, turn: Any) -> list[str]:
        """A conversation turn's reply ids in the order shown, the same from either copy.

        The learner's sealed copy lists a turn's replies by id and the grader's copy in content
        order, so the ids are sorted before the shuffle.
        """
        return self.order(sorted(r.id for r in turn.replies), turn_salt(item_id, turn.peer_says))

    def turn_letters(self, item_id: str, turn: Any) -> dict[str, str]:
        """The letter each reply of a conversation turn is shown with (either copy)."""
        return {rid: letter(n) for n, rid in enumerate(self.turn_order(item_id, turn))}


def turn_salt(item_id: str, peer_says: str) -> str:
    """The salt of one conversation turn's replies: the peer's words.

    The learner's sealed copy and the grader's full copy share those words (turn ids differ).
    """
    return f"{item_id}/{peer_says}"


IN_FILE_ORDER = DisplayOrder(None)
