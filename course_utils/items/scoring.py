"""Pure scoring of raw answers against keys; no widget or plotting imports.

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
A saved answer not in the form its kind saves (a hand-edited or damaged file) scores 0 with a
reason; written replies longer than MAX_REPLY_CHARS are scored on their first MAX_REPLY_CHARS.
Scores are rounded to two decimals, so nbgrader and every report see the same number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

from course_utils.core.vocab import MAX_REPLY_CHARS

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


def fraction_best_response(answer: Any, key: str) -> tuple[float, str]:
    """1 if the chosen option is the key, else 0."""
    if answer is None:
        return 0.0, "No reply was chosen."
    if answer == key:
        return 1.0, "You chose the most supportive reply."
    return 0.0, "Another reply was more supportive."


def fraction_select_all(answer: Any, key: Sequence[str], option_ids: Sequence[str]) -> tuple[float, str]:
    """(right picks - wrong picks) / number of right answers, floored at 0."""
    chosen = {a for a in answer or () if a in option_ids}
    right = len(chosen & set(key))
    wrong = len(chosen - set(key))
    value = max(0.0, (right - wrong) / len(key))
    return value, f"{right} of {len(key)} right picks, {wrong} wrong pick(s)."


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
    return value, (f"{agree} of {len(pairs)} pairs in the best order (credit counts the pairs "
                   "beyond the half a random order gets).")


def fraction_classify(answer: Any, key: Mapping[str, str]) -> tuple[float, str]:
    """Share of statements given the keyed label."""
    labels: Mapping[str, Any] = answer if isinstance(answer, Mapping) else {}
    right = sum(1 for option_id, label in key.items() if labels.get(option_id) == label)
    return right / len(key), f"{right} of {len(key)} statements labeled as the key does."


def score_answer(kind: str, answer: Any, key: Any, points: float,
                 option_ids: Sequence[str] = ()) -> Score:
    """Score one raw answer of an auto-graded kind; malformed answers score 0 with a reason."""
    try:
        if kind == "best_response":
            value, note = fraction_best_response(answer, key)
        elif kind == "select_all":
            value, note = fraction_select_all(answer, key, option_ids or key)
        elif kind == "rank":
            value, note = fraction_rank(answer, key)
        elif kind == "classify":
            value, note = fraction_classify(answer, dict(key))
        else:
            raise ValueError(f"{kind} items are not scored automatically")
    except (TypeError, AttributeError):
        return Score(0.0, points, "The saved answer could not be read, so it scored 0.")
    return Score(round(points * value, 2), points, note)


def score_item(item: Item, answer: Any) -> Score:
    """Score a raw answer to any auto-graded item, using the item's key or conversation."""
    if answer is not None and not well_formed(item, answer):
        return Score(0.0, item.points, f"The saved answer is not in the form a {item.kind} item "
                     f"saves (found {type(answer).__name__}), so it scored 0.")
    if item.kind == "written_reply":
        from course_utils.analysis.reply_rubric import score_reply

        reply = answer if isinstance(answer, str) else None
        context = " ".join([item.scenario.situation, *item.scenario.cues])
        value, note = score_reply(reply, item.scenario.peer_says, context, item.auto_rubric)
        if reply and len(reply) > MAX_REPLY_CHARS:
            note += f" Only the first {MAX_REPLY_CHARS:,} characters were scored."
        return Score(round(item.points * value, 2), item.points, note)
    if item.kind == "branching":
        from course_utils.items.conversation import path_fraction

        value, note = path_fraction(item.turns, answer)
        return Score(round(item.points * value, 2), item.points, note)
    return score_answer(item.kind, answer, item.key, item.points, [o.id for o in item.options])


def well_formed(item: Item, answer: Any) -> bool:
    """Whether a saved answer has the shape its kind saves (a hand-edited file may not)."""
    if item.kind == "best_response":
        return isinstance(answer, str)
    if item.kind == "select_all":
        return isinstance(answer, list) and all(isinstance(a, str) for a in answer)
    if item.kind in ("rank", "classify"):
        return isinstance(answer, dict)
    if item.kind == "branching":
        return isinstance(answer, list) and all(isinstance(a, str) for a in answer)
    return isinstance(answer, str)
