"""Classical item analysis of a cohort's answers: difficulty, discrimination, distractors, alpha.

Pure Python over raw answers and the content keys (the same scoring the hidden tests use), so
it runs on submitted folders or on simulated answers alike.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course_utils.core.display_order import DisplayOrder
from course_utils.core.folders import folder
from course_utils.instructor.cue_audit import is_question, length_rank
from course_utils.items.kind import kind_of
from course_utils.items.model import Item, Module
from course_utils.items.scoring import score_item

EASY, HARD = 0.90, 0.20
# The bottom third choosing the key this much more often than the top third suggests a cue.
BOTTOM_MARGIN = 0.2
# A key shown at one position to more than this share of learners was predictable by position.
POSITION_SHARE = 0.6


@dataclass(frozen=True)
class ItemStats:
    """One item over the cohort."""

    item_id: str
    kind: str
    competencies: tuple[int, ...]
    difficulty: float  # mean share of points earned (proportion correct for all-or-nothing)
    discrimination: float  # corrected item-total correlation
    choices_top: dict[str, float]  # best response: share choosing each option, top third
    choices_bottom: dict[str, float]  # the same for the bottom third
    flags: tuple[str, ...]


@dataclass(frozen=True)
class Analysis:
    """A cohort's item analysis for one assignment."""

    assignment: str
    learners: tuple[str, ...]
    items: tuple[ItemStats, ...]
    totals: tuple[float, ...]  # each learner's share of auto-graded points, 0-1
    alpha: float  # Cronbach's alpha (KR-20 when every item is scored 0/1)
    by_competency: dict[str, dict[int, float]]  # learner -> competency -> mean share


def pearson(xs: list[float], ys: list[float]) -> float:
    """Pearson correlation; 0 when either side has no spread."""
    if len(xs) < 2 or statistics.pstdev(xs) == 0 or statistics.pstdev(ys) == 0:
        return 0.0
    return statistics.correlation(xs, ys)


def cronbach_alpha(matrix: list[list[float]]) -> float:
    """Cronbach's alpha of a learners x items score matrix (KR-20 for 0/1 scores)."""
    k = len(matrix[0]) if matrix else 0
    if k < 2 or len(matrix) < 2:
        return 0.0
    item_var = sum(statistics.pvariance([row[j] for row in matrix]) for j in range(k))
    total_var = statistics.pvariance([sum(row) for row in matrix])
    return (k / (k - 1)) * (1 - item_var / total_var) if total_var else 0.0


def analyse(module: Module, answers: dict[str, dict[str, Any]],
            seeds: dict[str, str | None] | None = None) -> Analysis:
    """Item analysis of the auto-graded items of a module from each learner's raw answers.

    seeds: each learner's display-order seed (see display_seeds), to flag keys shown at the same
    position to most learners; without them, the content file's order is assumed.
    """
    items = [i for i in module.items if i.auto_graded]
    learners = sorted(answers)
    matrix = [[score_item(item, answers[s].get(item.id)).fraction for item in items]
              for s in learners]
    weights = [item.points for item in items]
    possible = sum(weights)
    totals = [sum(f * w for f, w in zip(row, weights, strict=True)) / possible for row in matrix]
    ranked = sorted(range(len(learners)), key=lambda n: totals[n])
    third = max(1, len(learners) // 3)
    bottom, top = ranked[:third], ranked[-third:]
    stats = []
    for j, item in enumerate(items):
        column = [row[j] for row in matrix]
        rest = [t * possible - c * item.points for t, c in zip(totals, column, strict=True)]
        top_share = _choices(item, [answers[learners[n]].get(item.id) for n in top])
        bottom_share = _choices(item, [answers[learners[n]].get(item.id) for n in bottom])
        difficulty = statistics.fmean(column) if column else 0.0
        discrimination = pearson(column, rest)
        flags = (*_flags(item, difficulty, discrimination, top_share, bottom_share),
                 *cue_flags(item, [(seeds or {}).get(s) for s in learners], top_share, bottom_share))
        stats.append(ItemStats(item.id, item.kind, item.competencies, difficulty, discrimination,
                               top_share, bottom_share, flags))
    by_comp: dict[str, dict[int, float]] = {}
    for s, row in zip(learners, matrix, strict=True):
        sums: dict[int, list[float]] = {}
        for item, value in zip(items, row, strict=True):
            for c in item.competencies:
                sums.setdefault(c, []).append(value)
        by_comp[s] = {c: statistics.fmean(v) for c, v in sorted(sums.items())}
    return Analysis(module.assignment, tuple(learners), tuple(stats), tuple(totals),
                    cronbach_alpha(matrix), by_comp)


def answers_from_submissions(course: Path, assignment: str) -> dict[str, dict[str, Any]]:
    """Each student's saved raw answers, from autograded/ (else submitted/)."""
    from course_utils.core.storage import read_answers

    for step in ("autograded", "submitted"):
        folders = sorted(folder(course, step).glob(f"*/{assignment}"))
        if folders:
            return {f.parent.name: read_answers(f) for f in folders}
    return {}


def display_seeds(course: Path, assignment: str) -> dict[str, str | None]:
    """Each student's display-order seed, from autograded/ (else submitted/)."""
    from course_utils.core.storage import read_display_seed

    for step in ("autograded", "submitted"):
        folders = sorted(folder(course, step).glob(f"*/{assignment}"))
        if folders:
            return {f.parent.name: read_display_seed(f) for f in folders}
    return {}


def cue_flags(item: Item, seeds: list[str | None], top: dict[str, float] | None = None,
              bottom: dict[str, float] | None = None) -> tuple[str, ...]:
    """Flags for a best-response key that length, a lone question or display position gave away.

    Length is flagged only with the cohort's evidence: the key is the longest option and the
    bottom third chose it at least as often as the top third (a key is the longest in about a
    quarter of well-balanced items, which alone says nothing).
    """
    keyed = kind_of(item).keyed_option(item)
    if keyed is None or not item.options:
        return ()
    texts = [o.text for o in item.options]
    k = [o.id for o in item.options].index(keyed)
    flags = []
    longest = length_rank(texts, k) == 1 and sum(len(t) == len(texts[k]) for t in texts) == 1
    if longest and top and bottom and bottom.get(item.key, 0) >= top.get(item.key, 0):
        flags.append("length may give the key away: it is the longest option, and weak learners "
                     "chose it as often as strong ones")
    if [i for i, t in enumerate(texts) if is_question(t)] == [k]:
        flags.append("the key is the only option that asks a question")
    if len(seeds) >= 5:
        shown = Counter(DisplayOrder(s).order([o.id for o in item.options], item.id).index(item.key)
                        for s in seeds)
        place, count = shown.most_common(1)[0]
        if count / len(seeds) > POSITION_SHARE:
            flags.append(f"position gives the key away: {count} of {len(seeds)} learners saw it "
                         f"at ({chr(97 + place)})")
    return tuple(flags)


def _choices(item: Item, answers: list[Any]) -> dict[str, float]:
    if kind_of(item).keyed_option(item) is None or not answers:
        return {}
    counts = Counter(a for a in answers if isinstance(a, str))
    return {o.id: counts[o.id] / len(answers) for o in item.options}


def _flags(item: Item, difficulty: float, discrimination: float,
           top: dict[str, float], bottom: dict[str, float]) -> tuple[str, ...]:
    flags = []
    if difficulty > EASY:
        flags.append("too easy")
    if difficulty < HARD:
        flags.append("too hard")
    if discrimination < 0:
        flags.append("negative discrimination")
    if top and any(share > top.get(item.key, 0) for oid, share in top.items() if oid != item.key):
        flags.append("strong learners prefer a distractor")
    if top and bottom.get(item.key, 0) - top.get(item.key, 0) >= BOTTOM_MARGIN:
        flags.append("weak learners choose the key more often than strong ones (a cue?)")
    return tuple(flags)
