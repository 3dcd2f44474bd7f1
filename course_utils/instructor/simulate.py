"""A simulated cohort: learners of varied ability answering through the learners' widgets."""

from __future__ import annotations

import math
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course_utils.items.model import Item, Module
from course_utils.items.scoring import score_item

SAMPLE_REPLIES = (
    "That sounds like a lot to carry. What feels hardest about it right now?",
    "It makes sense you feel shaken after that. I'm here, take your time.",
    "You sound worn out. Do you want to tell me more about what happened?",
    "Have you tried going for a walk? That always helps me.",
    "I'm listening. It sounds like you've been on your own with this for a while.",
    "Don't worry, it will all work out in the end.",
)
SAMPLE_REFLECTIONS = (
    "When I was struggling, the person who helped most just listened and did not rush me.",
    "I notice I jump to advice when someone is upset, because silence makes me uneasy.",
    "I would like to get better at staying with someone's feelings without fixing them.",
)


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
    return 1.0 / (1.0 + math.exp(-discrimination * (ability - difficulty)))


def simulate_answer(item: Item, p: float, rng: random.Random) -> Any:
    """One raw answer in the shape a learner's widget saves, right with probability p."""
    ids = [o.id for o in item.options]
    if item.kind == "best_response":
        if rng.random() < p:
            return item.key
        return rng.choice([i for i in ids if i != item.key])
    if item.kind == "select_all":
        return [i for i in ids if (i in item.key) == (rng.random() < p)]
    if item.kind == "rank":
        order = list(item.key)
        for n in range(len(order) - 1):
            if rng.random() > p:
                order[n], order[n + 1] = order[n + 1], order[n]
        return {oid: place for place, oid in enumerate(order, start=1)}
    if item.kind == "classify":
        key = dict(item.key)
        return {oid: key[oid] if rng.random() < p
                else rng.choice([x for x in item.labels if x != key[oid]]) for oid in ids}
    if item.kind == "branching":
        return simulate_conversation(item, p, rng)
    pool = SAMPLE_REPLIES if item.kind == "written_reply" else SAMPLE_REFLECTIONS
    return rng.choice(pool)


def simulate_conversation(item: Item, p: float, rng: random.Random) -> list[str]:
    """Walk a branching conversation: the best reply with probability p, else another."""
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
