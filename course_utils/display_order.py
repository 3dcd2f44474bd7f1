"""The order a learner sees options in: shuffled per learner and per item, the same every time.

Answers are saved by option id, so the order changes what a learner sees, never how an answer
is scored. The letters shown, (a), (b), (c), ..., follow the display position.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from string import ascii_lowercase
from typing import TypeVar

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


def turn_salt(item_id: str, peer_says: str) -> str:
    """The salt of one conversation turn's replies: the peer's words, which the learner's sealed
    copy and the grader's full copy share (turn ids differ between the two)."""
    return f"{item_id}/{peer_says}"


IN_FILE_ORDER = DisplayOrder(None)
