"""What the kinds answered in the learner's own words share (course_utils/items/kinds/written.py)."""

from __future__ import annotations

import random

import pytest

from course_utils.core.display_order import DisplayOrder
from course_utils.items.kind import kind_of
from course_utils.items.kinds.written import WrittenKind, rubric_html
from course_utils.items.model import Item, Scenario


class Diary(WrittenKind):
    """A toy written kind (never registered)."""

    name = "diary"
    sample_answers = ("Today I listened.", "Today I rushed.")


KIND = Diary()


def item(rubric: tuple[str, ...] = ("Names a <cue>", "Says what & why")) -> Item:
    return Item(id="jo-reflect", kind="reflection", mode="graded", prompt="?", scenario=Scenario("s"),
                competencies=(1,), points=2.0, rubric=rubric)


def collector():
    """A `bad` callback and the (field, message) pairs it received."""
    said: list[tuple[str, str]] = []
    return (lambda field, message: said.append((field, message))), said


class Guesser:
    """A test-wise learner with one reply for every written item."""

    reply = "I hear you, that sounds hard."

    def rank(self, item, ids, texts):
        raise AssertionError("a written guess ranks nothing")

    def picks(self, item, ids, texts):
        raise AssertionError("a written guess picks nothing")

    def label(self, item, text):
        raise AssertionError("a written guess labels nothing")


class TestWrittenKinds:
    @pytest.mark.parametrize("name", ["written_reply", "reflection"])
    def test_built_in_written_kinds_are_own_words_and_not_practice_scored(self, name):
        kind = kind_of(name)
        assert isinstance(kind, WrittenKind)
        assert kind.own_words and not kind.practice_scored
        assert {"options", "key", "labels", "turns"}.isdisjoint(kind.fields)


class TestRefusal:
    def test_a_key_is_refused_because_graders_read_the_words(self):
        assert KIND.refusal("key") == "diary items are graded by hand and have no key"

    def test_options_are_refused_by_name(self):
        assert KIND.refusal("options") == "diary items have no options"

    @pytest.mark.parametrize(("field", "says"), [
        ("labels", "only classify items have labels; remove it"),
        ("turns", "only branching items have turns; remove it"),
        ("debrief", "only branching items have a debrief; remove it"),
        ("auto_rubric", "only written_reply items have an automatic rubric; remove it"),
    ])
    def test_another_kinds_field_names_the_kinds_that_have_it(self, field, says):
        assert KIND.refusal(field) == says


class TestParse:
    def test_graded_item_without_a_rubric_is_asked_for_one(self):
        bad, said = collector()
        assert KIND.parse({}, "graded", (), bad) == {}
        assert said == [("rubric", "graded written items need a rubric: what graders look for")]

    @pytest.mark.parametrize(("mode", "rubric"), [("graded", ("Names a cue",)), ("practice", ())])
    def test_a_rubric_or_practice_is_enough(self, mode, rubric):
        bad, said = collector()
        assert KIND.parse({}, mode, rubric, bad) == {}
        assert said == []


class TestWellFormed:
    def test_text_is_well_formed(self):
        assert KIND.well_formed("") and KIND.well_formed("I noticed.")

    @pytest.mark.parametrize("answer", [None, ["I noticed."], {"text": "x"}, 3])
    def test_anything_else_is_not(self, answer):
        assert not KIND.well_formed(answer)


class TestAnswerText:
    def test_is_the_text_itself(self):
        assert KIND.answer_text(item(), "I noticed <this>.", DisplayOrder("learner-1")) == "I noticed <this>."


class TestSimulate:
    @pytest.mark.parametrize("p", [0.0, 1.0])
    def test_draws_every_sample_answer_whatever_p(self, p):
        rng = random.Random(0)
        assert {KIND.simulate(item(), p, rng) for _ in range(40)} == set(KIND.sample_answers)

    def test_same_seed_gives_the_same_answer(self):
        assert KIND.simulate(item(), 0.5, random.Random(4)) == KIND.simulate(item(), 0.5, random.Random(4))


class TestGuess:
    def test_is_the_guessers_one_reply(self):
        assert KIND.guess(item(), DisplayOrder("learner-1"), Guesser()) == Guesser.reply


class TestRubricHtml:
    def test_lists_what_graders_look_for_escaped(self):
        assert rubric_html(item()) == ("<p><strong>What graders look for:</strong></p>"
                                       "<ul><li>Names a &lt;cue&gt;</li><li>Says what &amp; why</li></ul>")

    def test_no_rubric_gives_nothing(self):
        assert rubric_html(item(rubric=())) == ""
