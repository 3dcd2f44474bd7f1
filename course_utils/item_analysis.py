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

from course_utils.model import Item, Module
from course_utils.scoring import score_item

EASY, HARD = 0.90, 0.20


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


def analyse(module: Module, answers: dict[str, dict[str, Any]]) -> Analysis:
    """Item analysis of the auto-graded items of a module from each learner's raw answers."""
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
        stats.append(ItemStats(item.id, item.kind, item.competencies, difficulty, discrimination,
                               top_share, bottom_share,
                               _flags(item, difficulty, discrimination, top_share)))
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
    from course_utils.storage import read_answers

    for stage in ("autograded", "submitted"):
        folders = sorted((Path(course) / stage).glob(f"*/{assignment}"))
        if folders:
            return {f.parent.name: read_answers(f) for f in folders}
    return {}


def _choices(item: Item, answers: list[Any]) -> dict[str, float]:
    if item.kind != "best_response" or not answers:
        return {}
    counts = Counter(a for a in answers if isinstance(a, str))
    return {o.id: counts[o.id] / len(answers) for o in item.options}


def _flags(item: Item, difficulty: float, discrimination: float,
           top: dict[str, float]) -> tuple[str, ...]:
    flags = []
    if difficulty > EASY:
        flags.append("too easy")
    if difficulty < HARD:
        flags.append("too hard")
    if discrimination < 0:
        flags.append("negative discrimination")
    if top and any(share > top.get(item.key, 0) for oid, share in top.items() if oid != item.key):
        flags.append("strong learners prefer a distractor")
    return tuple(flags)
