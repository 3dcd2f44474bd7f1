"""Cue figures: each catches its cue on made-up items, and the real content is within bounds."""

from __future__ import annotations

import pytest
from helpers import REPO

from course_utils.content.loader import load_course
from course_utils.instructor.cue_audit import (
    MIN_ITEMS,
    audit_course,
    audit_modules,
    best_response_figures,
    has_directive,
    length_rank,
    select_all_figures,
    turn_figures,
)
from course_utils.items.model import Item, Module, Option, Reply, Scenario, Turn

MODULES = load_course(REPO / "content")


def best(n: int, key_text: str, others: tuple[str, ...], key: str = "b") -> Item:
    texts = iter(others)
    options = tuple(Option(oid, key_text if oid == key else next(texts), "why")
                    for oid in "abcd")
    return Item(id=f"t-{n}", kind="best_response", mode="graded", prompt="Pick one.",
                scenario=Scenario("A peer calls."), competencies=(1,), points=1.0,
                options=options, key=key)


def figure(figures, words: str):
    return next(f for f in figures if words in f.name)


class TestLengthRank:
    def test_longest_is_rank_one_and_ties_share(self):
        assert length_rank(["aaa", "a", "aaa"], 0) == 1
        assert length_rank(["aaa", "a", "aaa"], 1) == 3


class TestBestResponseFigures:
    def test_key_always_longest_is_too_high(self):
        items = [best(n, "A long and careful reply that reflects.", ("No.", "Stop it.", "Calm down."))
                 for n in range(10)]
        f = figure(best_response_figures(items, "t"), "length rank")
        assert f.value == 1.0 and not f.ok and len(f.items) == 10

    def test_lone_question_key_is_too_high(self):
        items = [best(n, "What happened?", ("You should rest.", "It will pass.", "Go home."))
                 for n in range(10)]
        f = figure(best_response_figures(items, "t"), "only option with '?'")
        assert f.value == 1.0 and not f.ok

    def test_directive_words_only_in_distractors_is_too_low(self):
        items = [best(n, "That sounds scary.", ("You should rest.", "You must go.", "Just relax."))
                 for n in range(10)]
        f = figure(best_response_figures(items, "t"), "directive")
        assert f.value == 0.0 and not f.ok

    def test_few_items_are_reported_but_not_enforced(self):
        items = [best(n, "A long and careful reply.", ("No.", "Stop.", "Calm.")) for n in range(3)]
        f = figure(best_response_figures(items, "t"), "length rank")
        assert not f.enforced and f.ok and f.count < MIN_ITEMS


class TestOtherKinds:
    def test_select_all_keys_all_of_one_size_are_too_high(self):
        items = [Item(id=f"s-{n}", kind="select_all", mode="practice", prompt="p",
                      scenario=Scenario("s"), competencies=(1,),
                      options=tuple(Option(o, o, "w") for o in "abcde"), key=("a", "b", "c"))
                 for n in range(8)]
        assert not select_all_figures(items, "t")[0].ok

    def test_two_reply_turns_and_first_longest_best_reply_are_found(self):
        turn = Turn("start", "Hi.", "guarded", (Reply("a", "A long, present reply to you.", 2, "w", "end"),
                                                Reply("b", "Cheer up.", 0, "w", "end")))
        items = [Item(id=f"c-{n}", kind="branching", mode="practice", prompt="p",
                      scenario=Scenario("s"), competencies=(1,), turns=(turn,)) for n in range(8)]
        figures = turn_figures(items, "t")
        assert not figure(figures, "longest").ok and not figure(figures, "listed first").ok
        assert not figure(figures, "fewer than 3").ok


class TestAuditModules:
    def test_a_small_module_gets_its_unenforced_figures_which_the_course_audit_leaves_out(self):
        small = Module("small", 1, "Small", "", tuple(
            best(n, "A long and careful reply.", ("No.", "Stop.", "Calm.")) for n in range(3)))
        figures = audit_modules([small])
        assert figures and {f.scope for f in figures} == {"small"}
        assert not any(f.enforced for f in figures)
        assert {f.scope for f in audit_course([small])} == {"all modules"}

    def test_figures_with_no_items_are_left_out(self):
        small = Module("small", 1, "Small", "", (best(0, "Yes, and?", ("No.", "Stop.", "Calm.")),))
        assert all(f.count for f in audit_modules([small]))
        assert not any("select all" in f.name for f in audit_modules([small]))


class TestDirective:
    @pytest.mark.parametrize("text", ["You should call.", "I'll never leave.", "Just breathe."])
    def test_directive_words_are_found(self, text):
        assert has_directive(text)

    def test_plain_reflection_has_none(self):
        assert not has_directive("That sounds frightening.")


@pytest.mark.parametrize("f", audit_course(MODULES), ids=lambda f: f"{f.scope}: {f.name}")
def test_course_content_is_within_every_cue_bound(f):
    assert f.ok, f"{f}: {', '.join(f.items)}"
