"""A simulated cohort: learners of varied ability answering through the learners' widgets."""

from __future__ import annotations

import math
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course_utils.items.kind import kind_of
from course_utils.items.model import Item, Module
from course_utils.items.scoring import score_item


@dataclass(frozen=True)
class Learner:
    """A simulated learner: an id and an ability on the same scale as item difficulty."""

    student_id: str
    ability: float


@dataclass
class SimulatedSubmission:
    """What a simulated learner answered and the score each graded item should get."""

    learner: Learner
    answers: dict[str, Any] = field(default_factory=dict)
    expected: dict[str, float] = field(default_factory=dict)


def item_parameters(item: Item, rng: random.Random) -> tuple[float, float]:
    """A 2PL discrimination and difficulty for an item, drawn once per simulation."""
    return rng.uniform(0.8, 1.8), rng.gauss(0.0, 0.8)


def p_correct(ability: float, discrimination: float, difficulty: float) -> float:
    """The two-parameter logistic (2PL) probability of a right decision."""
    z = discrimination * (ability - difficulty)
    if z < 0:  # the same value, written so that exp never overflows
        return math.exp(z) / (1.0 + math.exp(z))
    return 1.0 / (1.0 + math.exp(-z))


def simulate_answer(item: Item, p: float, rng: random.Random) -> Any:
    """One raw answer in the shape a learner's widget saves, right with probability p."""
    return kind_of(item).simulate(item, p, rng)


def make_cohort(n: int, seed: int) -> list[Learner]:
    """N learners with abilities drawn from a normal distribution (mean 0.5, sd 1)."""
    rng = random.Random(seed)
    return [Learner(f"learner-{k:03d}", rng.gauss(0.5, 1.0)) for k in range(1, n + 1)]


def simulate_answers(module: Module, learners: list[Learner], seed: int
                     ) -> tuple[dict[str, tuple[float, float]], list[dict[str, Any]]]:
    """Each item's 2PL (discrimination, difficulty) and each learner's raw answers."""
    rng = random.Random(seed)
    params = {item.id: item_parameters(item, rng) for item in module.items}
    answers = [{item.id: simulate_answer(item, p_correct(learner.ability, *params[item.id]), rng)
                for item in module.items} for learner in learners]
    return params, answers


def simulate_submissions(module: Module, release_dir: Path, submitted_dir: Path,
                         learners: list[Learner], seed: int) -> list[SimulatedSubmission]:
    """Copy the release for each learner as collect would, answer every item via the widgets."""
    from course_utils.core.storage import AnswerStore
    from course_utils.items.public import load_items
    from course_utils.items.widgets import make_view

    _, all_answers = simulate_answers(module, learners, seed)
    results = []
    for learner, answers in zip(learners, all_answers, strict=True):
        folder = submitted_dir / learner.student_id / module.assignment
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(release_dir / module.assignment, folder)
        (folder / "timestamp.txt").write_text("2026-11-20 10:00:00.000000 UTC\n", encoding="utf-8")
        public = load_items(folder)
        store = AnswerStore(folder)
        store.display_seed(identity=learner.student_id)  # as on a hub, where the user names it
        sub = SimulatedSubmission(learner)
        for item in module.items:
            answer = answers[item.id]
            view = make_view(public[item.id], store)  # options in this learner's shuffled order
            view.set_answer(answer)  # as the learner's clicks do
            sub.answers[item.id] = answer
            if item.auto_graded:
                sub.expected[item.id] = score_item(item, answer).earned
        results.append(sub)
    return results
