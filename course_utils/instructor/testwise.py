"""Simulated test-wise learners: they never read the scenario, only the shape of the options.

Each strategy sees an item as a learner does (the release copy, in that learner's shuffled
order) and answers by a surface rule: position, length, punctuation or words. Its share of an
assignment's auto-graded points shows how much a grade can be earned without peer-support
knowledge; `cpsw check` and the tests fail when any share is above BOUND.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from statistics import median
from typing import Any

from course_utils.core.display_order import DisplayOrder
from course_utils.instructor.cue_audit import has_directive, is_question
from course_utils.items.kind import kind_of
from course_utils.items.model import Item, Module
from course_utils.items.public import from_public, to_public
from course_utils.items.scoring import score_item

BOUND = 0.35
SEEDS = tuple(f"user:test-wise-{n:02d}" for n in range(48))  # enough orders for a stable mean
# One reply for every written item: kind words and a question that fit any scenario.
CANNED_REPLY = "It sounds like you're going through a lot right now. What's been the hardest part?"
FEELING_TALK = re.compile(r"\b(sounds? like|it sounds|you feel|feeling|makes sense|i hear|"
                          r"that's (hard|a lot)|i'm here)\b", re.IGNORECASE)
HEDGE = re.compile(r"\b(but|i hear you|i know (you|how))\b", re.IGNORECASE)
# Word cues a test-wise learner might use to name a roadblock without knowing Gordon's list.
LABEL_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(rx, re.IGNORECASE)) for label, rx in (
        ("warning", r"\b(if you|or else|you'll end up|careful)\b"),
        ("ordering", r"\b(stop|you need to|you have to|you must|go and)\b"),
        ("advising", r"\b(should|try|why don't you|have you thought|what about)\b"),
        ("reassuring", r"\b(don't worry|it'll be|it will be|everything|fine)\b"),
        ("praising", r"\b(so strong|amazing|great|proud|brave)\b"),
        ("name_calling", r"\b(such a|being a|drama|attention)\b"),
        ("moralizing", r"\b(ought|right thing|owe)\b"),
        ("judging", r"\b(wrong|mistake|bad idea|your fault)\b"),
        ("distracting", r"\b(anyway|by the way|speaking of|let's talk about)\b"),
        ("probing", r"\?"),
    ))

Prefer = Callable[[str, Sequence[str], Item], float]


@dataclass(frozen=True)
class Strategy:
    """A surface rule: how much it likes an option's text, given the other texts and the prompt."""

    name: str
    describe: str
    prefer: Prefer


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", text.lower()) if len(w) > 3}


STRATEGIES: tuple[Strategy, ...] = (
    Strategy("first shown", "always the first option or reply on screen", lambda t, ts, i: -ts.index(t)),
    Strategy("longest", "the longest option", lambda t, ts, i: len(t)),
    Strategy("second longest", "the second-longest option",
             lambda t, ts, i: -abs(sorted(map(len, ts), reverse=True)[min(1, len(ts) - 1)] - len(t))),
    Strategy("shortest", "the shortest option", lambda t, ts, i: -len(t)),
    Strategy("only question", "an option that asks something, else the longest",
             lambda t, ts, i: 1000 * is_question(t) + len(t)),
    Strategy("no directive words", "an option without should/never/just/..., else the longest",
             lambda t, ts, i: 1000 * (not has_directive(t)) + len(t)),
    Strategy("directive words", "an option with should/never/just/..., else the longest",
             lambda t, ts, i: 1000 * has_directive(t) + len(t)),
    Strategy("feeling words", "an option with 'sounds like', 'you feel', 'makes sense'...",
             lambda t, ts, i: 1000 * bool(FEELING_TALK.search(t)) + len(t)),
    Strategy("echoes the prompt", "the option sharing most words with the question asked",
             lambda t, ts, i: 1000 * len(_words(t) & _words(i.prompt)) + len(t)),
    Strategy("no 'but'", "an option without 'but' or 'I hear you, ...', else the longest",
             lambda t, ts, i: 1000 * (not HEDGE.search(t)) + len(t)),
)


def _ranked(texts: Sequence[str], item: Item, strategy: Strategy) -> list[int]:
    """Indexes of the shown texts, most preferred first (ties: the one shown first)."""
    return sorted(range(len(texts)), key=lambda k: (-strategy.prefer(texts[k], texts, item), k))


def _guess_label(text: str, labels: Sequence[str]) -> str:
    for label, pattern in LABEL_CUES:
        if label in labels and pattern.search(text):
            return label
    return "supportive" if "supportive" in labels else labels[0]


@dataclass(frozen=True)
class _Guesser:
    """A strategy as the item kinds ask it: rank the shown texts, tick some, label one."""

    strategy: Strategy
    reply: str = CANNED_REPLY

    def rank(self, item: Item, ids: Sequence[str], texts: Sequence[str]) -> list[str]:
        return [ids[k] for k in _ranked(texts, item, self.strategy)]

    def picks(self, item: Item, ids: Sequence[str], texts: Sequence[str]) -> list[str]:
        liking = [self.strategy.prefer(t, texts, item) for t in texts]
        cut = median(liking)
        picked = {ids[k] for k, like in enumerate(liking) if like > cut}
        return [oid for oid in ids if oid in (picked or {self.rank(item, ids, texts)[0]})]

    def label(self, item: Item, text: str) -> str:
        return _guess_label(text, item.labels)


def answer(item: Item, display: DisplayOrder, strategy: Strategy) -> Any:
    """The answer this strategy gives to a learner's copy of an item, in the saved form."""
    return kind_of(item).guess(item, display, _Guesser(strategy))


@dataclass(frozen=True)
class StrategyShare:
    """What one strategy earned on one assignment, averaged over several learners' orders."""

    assignment: str
    strategy: str
    share: float
    points: float

    def __str__(self) -> str:
        return f"{self.assignment}: {self.strategy}: {self.share:.0%} of {self.points:g} auto-graded points"


def learner_copy(item: Item) -> Item:
    """The item as the learner's kernel has it (from the release form: no key, sealed turns)."""
    return from_public(to_public(item))


def shares(module: Module, seeds: Sequence[str] = SEEDS) -> list[StrategyShare]:
    """Each strategy's mean share of the module's auto-graded points (graded items only)."""
    items = [i for i in module.items if i.auto_graded]
    total = sum(i.points for i in items)
    if not total:
        return []
    copies = {i.id: learner_copy(i) for i in items}
    out = []
    for strategy in STRATEGIES:
        earned = 0.0
        for seed in seeds:
            display = DisplayOrder(seed)
            for item in items:
                earned += score_item(item, answer(copies[item.id], display, strategy)).earned
        out.append(StrategyShare(module.assignment, strategy.name, earned / len(seeds) / total, total))
    return out


def best_shares(modules: Sequence[Module]) -> list[StrategyShare]:
    """The best strategy of each graded assignment."""
    best = []
    for module in modules:
        found = shares(module)
        if found:
            best.append(max(found, key=lambda s: s.share))
    return best


def hits(module: Module, seeds: Sequence[str] = SEEDS[:8]) -> list[tuple[str, list[str]]]:
    """Per item (practice ones too), the text strategies with full credit in most learners' orders.

    Position strategies are left out: the shuffle makes them chance.
    """
    out = []
    for item in module.items:
        if kind_of(item).own_words:
            continue
        scored = replace(item, points=1.0)
        copy = learner_copy(item)
        names = [s.name for s in STRATEGIES[1:]
                 if sum(score_item(scored, answer(copy, DisplayOrder(seed), s)).earned >= 0.99
                        for seed in seeds) > len(seeds) / 2]
        if names:
            out.append((item.id, names))
    return out

