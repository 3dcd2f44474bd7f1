"""Test-wise learners who never read the scenario earn at most BOUND of any graded assignment."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers import REPO

from course_utils.content.loader import load_course
from course_utils.core.display_order import DisplayOrder
from course_utils.instructor.testwise import (
    BOUND,
    CANNED_REPLY,
    STRATEGIES,
    answer,
    best_shares,
    learner_copy,
    shares,
)
from course_utils.items.model import Item, Module, Option, Scenario

MODULES = load_course(REPO / "content")
GRADED = [m for m in MODULES if any(i.auto_graded for i in m.items)]
LONG = "It sounds like that shook you, and I'm here with you for as long as you need."


def cued_module() -> Module:
    """Ten items whose key is always the longest option and the only question."""
    items = tuple(Item(
        id=f"cue-{n}", kind="best_response", mode="graded", prompt="Which reply helps most?",
        scenario=Scenario("A peer is upset."), competencies=(1,), points=1.0, key="c",
        options=(Option("a", "Calm down.", ""), Option("b", "You should rest.", ""),
                 Option("c", LONG + " What happened?", ""), Option("d", "Go home.", "")))
        for n in range(10))
    return Module("cued", 1, "Cued", "", items)


class TestStrategies:
    def test_at_least_five_strategies(self):
        assert len(STRATEGIES) >= 5

    def test_a_cued_module_is_caught(self):
        best = max(shares(cued_module()), key=lambda s: s.share)
        assert best.share == 1.0 and best.share > BOUND

    def test_first_shown_follows_the_learners_order(self):
        item = cued_module().items[0]
        first = next(s for s in STRATEGIES if s.name == "first shown")
        picks = {answer(item, DisplayOrder(f"user:{n}"), first) for n in range(40)}
        assert picks == {"a", "b", "c", "d"}

    def test_strategies_see_no_key_of_a_graded_item(self):
        graded = next(i for m in MODULES for i in m.items if i.kind == "best_response" and i.graded)
        copy = learner_copy(graded)
        assert copy.key is None and all(not o.explanation for o in copy.options)

    def test_conversation_copy_has_no_quality(self):
        conv = next(i for m in MODULES for i in m.items if i.kind == "branching" and i.graded)
        assert all(r.quality is None for t in learner_copy(conv).turns for r in t.replies)

    def test_canned_reply_earns_little_of_a_written_item(self):
        from course_utils.items.scoring import score_item

        for m in MODULES:
            for item in m.items:
                if item.kind == "written_reply" and item.graded:
                    assert score_item(item, CANNED_REPLY).fraction <= 0.35, item.id


@pytest.mark.parametrize("share", best_shares(GRADED), ids=lambda s: s.assignment)
def test_no_strategy_earns_more_than_the_bound(share):
    assert share.share <= BOUND, str(share)


@pytest.mark.parametrize("module", GRADED, ids=lambda m: m.assignment)
def test_a_learner_who_knows_the_keys_passes(module):
    """The same scoring gives full marks to knowledge, so a low test-wise share is not a low ceiling."""
    import random

    from course_utils.instructor.simulate import simulate_answer
    from course_utils.items.scoring import score_item

    items = [i for i in module.items if i.auto_graded and i.kind != "written_reply"]
    rng = random.Random(1)
    assert all(score_item(i, simulate_answer(i, 1.0, rng)).fraction == 1.0 for i in items)


def test_practice_items_change_nothing_in_graded_shares():
    module = GRADED[0]
    practice_only = replace(module, items=tuple(i for i in module.items if not i.graded))
    assert shares(practice_only) == []
