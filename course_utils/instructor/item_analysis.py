"""Classical item analysis of a cohort: difficulty, discrimination, distractors, alpha.

The scores are each learner's final scores from the nbgrader gradebook (final_scores: a
grader's change in formgrader counts); which option a learner chose comes from their answers
file. analyse itself is pure Python: without final scores it scores raw answers against the
content keys (the same scoring the hidden tests use), as for a simulated cohort.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
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
# ... and only when shuffling would put it there that often less than this often by chance: with
# options shuffled per learner a small cohort often sees a key at one place by luck alone.
POSITION_CHANCE = 0.05
# Every flag an item can get, by code (report_text explains each one in plain words).
FLAG_CODES: tuple[str, ...] = ("too_easy", "too_hard", "negative_discrimination",
                               "distractor_preferred", "bottom_choose_key", "length_cue",
                               "question_cue", "position_cue")
NOT_IN_GRADEBOOK = "no entry in the gradebook (not autograded yet?)"


@dataclass(frozen=True)
class Flag:
    """Something about an item worth a look: a code from FLAG_CODES and a short description."""

    code: str
    text: str

    def __str__(self) -> str:
        return self.text


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
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class Analysis:
    """A cohort's item analysis for one assignment."""

    assignment: str
    learners: tuple[str, ...]
    items: tuple[ItemStats, ...]
    totals: tuple[float, ...]  # each learner's share of the scored items' points, 0-1
    alpha: float  # Cronbach's alpha (KR-20 when every item is scored 0/1)
    by_competency: dict[str, dict[int, float]]  # learner -> competency -> mean share
    left_out: dict[str, str] = field(default_factory=dict)  # learner -> why not analysed
    without_answers: tuple[str, ...] = ()  # analysed learners whose option choices are unknown


@dataclass(frozen=True)
class FinalScores:
    """Each learner's final share of every scored item's points, from the gradebook."""

    scores: dict[str, dict[str, float]]  # learner -> item id -> share of the item's points, 0-1
    missing: dict[str, str]  # learner -> why they have no final scores


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
            seeds: dict[str, str | None] | None = None,
            scores: dict[str, dict[str, float]] | None = None) -> Analysis:
    """Item analysis of the auto-graded items of a module over a cohort.

    answers: each learner's raw answers (which option they chose). scores: each learner's final
    share of each item's points (FinalScores.scores); when given, these learners are analysed,
    else every learner in answers, scored from the raw answers. seeds: each learner's
    display-order seed (see display_seeds), to flag keys shown at the same position to most
    learners; without them, the content file's order is assumed.
    """
    items = [i for i in module.items if i.auto_graded]
    learners = sorted(answers if scores is None else scores)
    if scores is None:
        matrix = [[score_item(item, answers[s].get(item.id)).fraction for item in items]
                  for s in learners]
    else:
        matrix = [[scores[s][item.id] for item in items] for s in learners]
    answers = {s: answers.get(s, {}) for s in learners}
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


def final_scores(course: Path, module: Module, learners: Iterable[str] = ()) -> FinalScores:
    """Each learner's final score per scored item from the gradebook (db_url); never creates one.

    A grade's score is nbgrader's: the grader's manual score if set, else the auto score.
    learners: who submitted (e.g. the answers folders); those without final scores are missing.
    """
    from course_utils.autograde.gradebook import db_url

    url = db_url(course)
    missing = dict.fromkeys(learners, NOT_IN_GRADEBOOK)
    sqlite = url.removeprefix("sqlite:///").partition("?")[0] if url.startswith("sqlite:///") else ""
    if sqlite and not Path(sqlite).is_file():
        return FinalScores({}, missing)  # opening it would create an empty gradebook.db
    from nbgrader.api import Gradebook

    cells = {f"{item.id}-grade": item.id for item in module.items if item.auto_graded}
    scores: dict[str, dict[str, float]] = {}
    with Gradebook(url) as gb:
        for sub in gb.assignment_submissions(module.assignment):
            grades = {g.name: g for nb in sub.notebooks for g in nb.grades if g.name in cells}
            ungraded = [item_id for name, item_id in cells.items() if name not in grades
                        or grades[name].auto_score is None and grades[name].manual_score is None]
            if ungraded:
                missing[sub.student.id] = f"not graded yet in the gradebook: {', '.join(ungraded)}"
                continue
            missing.pop(sub.student.id, None)
            scores[sub.student.id] = {cells[name]: _share(g.score, g.max_score)
                                      for name, g in grades.items()}
    return FinalScores(scores, missing)


def _share(score: float | None, max_score: float | None) -> float:
    """A grade as a share of its points; extra credit beyond full marks is not difficulty."""
    return min(1.0, max(0.0, (score or 0.0) / max_score)) if max_score else 0.0


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
              bottom: dict[str, float] | None = None) -> tuple[Flag, ...]:
    """Flags for a best-response key that length, a lone question or display position gave away.

    Length is flagged only with the cohort's evidence: the key is the longest option and the
    bottom third chose it at least as often as the top third (a key is the longest in about a
    quarter of well-balanced items, which alone says nothing). Position is flagged when most
    learners saw the key at one place and per-learner shuffling would rarely do that by chance
    (e.g. answers saved without a display order keep the content file's order).
    """
    keyed = kind_of(item).keyed_option(item)
    if keyed is None or not item.options:
        return ()
    texts = [o.text for o in item.options]
    k = [o.id for o in item.options].index(keyed)
    flags: list[Flag] = []
    longest = length_rank(texts, k) == 1 and sum(len(t) == len(texts[k]) for t in texts) == 1
    if longest and top and bottom and bottom.get(item.key, 0) >= top.get(item.key, 0):
        flags.append(Flag("length_cue", "length may give the key away: it is the longest option, "
                                        "and weak learners chose it as often as strong ones"))
    if [i for i, t in enumerate(texts) if is_question(t)] == [k]:
        flags.append(Flag("question_cue", "the key is the only option that asks a question"))
    if len(seeds) >= 5:
        shown = Counter(DisplayOrder(s).order([o.id for o in item.options], item.id).index(item.key)
                        for s in seeds)
        place, count = shown.most_common(1)[0]
        if count / len(seeds) > POSITION_SHARE \
                and same_place_chance(len(seeds), len(item.options), count) < POSITION_CHANCE:
            flags.append(Flag("position_cue", f"position gives the key away: {count} of "
                                              f"{len(seeds)} learners saw it at ({chr(97 + place)})"))
    return tuple(flags)


def same_place_chance(learners: int, options: int, count: int) -> float:
    """An upper bound on the chance that shuffling alone shows a key at one place to count learners."""
    p = 1 / options
    tail = sum(math.comb(learners, n) * p ** n * (1 - p) ** (learners - n)
               for n in range(count, learners + 1))
    return min(1.0, options * tail)  # any of the places (Bonferroni)


def _choices(item: Item, answers: list[Any]) -> dict[str, float]:
    if kind_of(item).keyed_option(item) is None or not answers:
        return {}
    counts = Counter(a for a in answers if isinstance(a, str))
    return {o.id: counts[o.id] / len(answers) for o in item.options}


def _flags(item: Item, difficulty: float, discrimination: float,
           top: dict[str, float], bottom: dict[str, float]) -> tuple[Flag, ...]:
    flags: list[Flag] = []
    if difficulty > EASY:
        flags.append(Flag("too_easy", "too easy"))
    if difficulty < HARD:
        flags.append(Flag("too_hard", "too hard"))
    if discrimination < 0:
        flags.append(Flag("negative_discrimination", "negative discrimination"))
    if top and any(share > top.get(item.key, 0) for oid, share in top.items() if oid != item.key):
        flags.append(Flag("distractor_preferred", "strong learners prefer a distractor"))
    if top and bottom.get(item.key, 0) - top.get(item.key, 0) >= BOTTOM_MARGIN:
        flags.append(Flag("bottom_choose_key",
                          "weak learners choose the key more often than strong ones (a cue?)"))
    return tuple(flags)
