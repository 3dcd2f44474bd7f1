"""Reflection: the learner's own practice, scored by a grader (course_utils/items/kinds/reflection.py)."""

from __future__ import annotations

import random

import pytest

from course_utils.core.display_order import DisplayOrder
from course_utils.core.storage import AnswerStore
from course_utils.items.kind import kind_of
from course_utils.items.kinds.reflection import Reflection
from course_utils.items.model import Item, Scenario

KIND = kind_of("reflection")
SEEDED = DisplayOrder("learner-1")


def item(rubric: tuple[str, ...] = ("Names one <cue>", "Says what & why")) -> Item:
    return Item(id="jo-reflect", kind="reflection", mode="graded", prompt="What did you notice?",
                scenario=Scenario("s"), competencies=(12,), points=3.0, rubric=rubric)


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


class TestRegistration:
    def test_the_kind_is_registered_hand_graded_with_no_fields_of_its_own(self):
        assert isinstance(KIND, Reflection)
        assert KIND.fields == frozenset() and not KIND.scored
        assert KIND.answer_title == "Your reflection"

    def test_a_graded_reflection_is_hand_graded(self):
        assert item().hand_graded and not item().auto_graded


class TestParse:
    def test_has_no_fields_of_its_own_but_a_graded_one_needs_a_rubric(self):
        bad, said = collector()
        assert KIND.parse({}, "graded", ("Names one cue",), bad) == {}
        assert said == []
        KIND.parse({}, "graded", (), bad)
        assert said == [("rubric", "graded written items need a rubric: what graders look for")]


class TestFraction:
    @pytest.mark.parametrize("answer", ["I noticed I rush.", None])
    def test_is_never_computed(self, answer):
        with pytest.raises(ValueError, match="scored by a grader, not automatically"):
            KIND.fraction(item(), answer)


class TestFeedbackHtml:
    def test_is_what_graders_look_for(self):
        assert KIND.feedback_html(item(), "I noticed I rush.", SEEDED) == (
            "<p><strong>What graders look for:</strong></p>"
            "<ul><li>Names one &lt;cue&gt;</li><li>Says what &amp; why</li></ul>")

    def test_without_a_rubric_there_is_none(self):
        assert KIND.feedback_html(item(rubric=()), None, SEEDED) == ""


class TestFeedbackLines:
    def test_what_graders_look_for_as_plain_text(self):
        assert KIND.feedback_lines(item(), "I noticed I rush.", SEEDED) == [
            "What graders look for:", "- Names one <cue>", "- Says what & why"]

    def test_without_a_rubric_there_are_no_lines(self):
        assert KIND.feedback_lines(item(rubric=()), None, SEEDED) == []


class TestAnswerText:
    def test_is_the_reflection_itself(self):
        assert KIND.answer_text(item(), "I noticed I rush.", SEEDED) == "I noticed I rush."


class TestView:
    def test_is_the_reflection_widget(self, tmp_path):
        from course_utils.items.widgets.text import ReflectionView

        assert isinstance(KIND.view(item(), AnswerStore(tmp_path)), ReflectionView)


class TestSimulate:
    def test_draws_every_sample_reflection_whatever_p(self):
        rng = random.Random(0)
        drawn = {KIND.simulate(item(), p, rng) for p in (0.0, 1.0) for _ in range(40)}
        assert drawn == set(KIND.sample_answers)

    def test_samples_are_well_formed_and_not_the_written_replies(self):
        assert KIND.sample_answers and all(KIND.well_formed(a) for a in KIND.sample_answers)
        assert set(KIND.sample_answers).isdisjoint(kind_of("written_reply").sample_answers)


class TestGuess:
    def test_is_the_guessers_one_reply(self):
        assert KIND.guess(item(), SEEDED, Guesser()) == Guesser.reply
