"""Pure scoring of raw answers by their kind (course_utils/items/kinds/); no widget or plotting imports.

Rules (also stated to learners in the notebooks and to trainers in content/README.md):
- best_response: all or nothing.
- select_all: (right picks - wrong picks) / number of right answers, never below 0.
- rank: pairwise agreement beyond chance: (share of pairs of replies in the key's order - 1/2)
  / (1/2), never below 0 (a random order earns about nothing); a pair with a missing or shared
  position does not count as agreeing.
- classify: the share of statements given the right label.
- written_reply: the item's automatic rubric (`auto_rubric`, course_utils.analysis.reply_rubric), by
  default: picks up what this peer said and reflects or validates it 40%, invites more 30%,
  stays with the peer's words with no roadblock 30%; graders can change the score in formgrader.
- branching: the quality of the path taken, sum of reply qualities / (2 x turns); turns left
  unfinished count as 0.
- roleplay: half the share of replies that connected (course_utils/analysis/reply_moves.py),
  counted over at least 4 replies, plus half if the peer opened up by the end; graders can
  change the score in formgrader.
A saved answer not in the form its kind saves (a hand-edited or damaged file) scores 0 with a
reason; written replies longer than MAX_REPLY_CHARS are scored on their first MAX_REPLY_CHARS.
Scores are rounded to two decimals, so nbgrader and every report see the same number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from course_utils.items.kind import kind_of

if TYPE_CHECKING:
    from course_utils.items.model import Item


@dataclass(frozen=True)
class Score:
    """A score for one item: points earned, points possible and a one-line reason."""

    earned: float
    possible: float
    note: str

    @property
    def fraction(self) -> float:
        """The share of points earned, 0 to 1."""
        return self.earned / self.possible if self.possible else 0.0


def score_item(item: Item, answer: Any) -> Score:
    """Score a raw answer to any auto-graded item by its kind; malformed answers score 0 with a reason."""
    kind = kind_of(item)
    if answer is not None and not kind.well_formed(answer):
        return Score(0.0, item.points, "The saved answer is not in the form this question saves "
                     "(it may have been edited by hand or damaged), so it scored 0.")
    try:
        value, note = kind.fraction(item, answer)
    except (TypeError, AttributeError):
        return Score(0.0, item.points, "The saved answer could not be read, so it scored 0.")
    return Score(round(item.points * value, 2), item.points, note)


def well_formed(item: Item, answer: Any) -> bool:
    """Whether a saved answer has the shape its kind saves (a hand-edited file may not)."""
    return kind_of(item).well_formed(answer)
