"""Observer checklist: a triad's tallies and notes, scored by a grader
(course_utils/items/kinds/observer_checklist.py)."""

from __future__ import annotations

import random

import pytest

from course_utils.core.display_order import DisplayOrder
from course_utils.core.storage import AnswerStore
from course_utils.items.checklist import empty_checklist, is_checklist
from course_utils.items.kind import kind_of
from course_utils.items.kinds.observer_checklist import ObserverChecklist
from course_utils.items.model import Item, Scenario
from course_utils.items.widgets.checklist import ChecklistView

KIND = kind_of("observer_checklist")
SEEDED = DisplayOrder("learner-1")


def item(rubric: tuple[str, ...] = ("Gives the tallies", "Names one change")) -> Item:
    return Item(id="jo-triad-observer", kind="observer_checklist", mode="graded", prompt="Note what you saw.",
                scenario=Scenario("After the triad."), competencies=(12,), points=2.0, rubric=rubric)


class Guesser:
    reply = "I hear you, that sounds hard."


class TestKind:
    def test_registered_hand_graded_with_no_fields_of_its_own(self):
        assert isinstance(KIND, ObserverChecklist)
        assert KIND.fields == frozenset() and not KIND.scored and KIND.own_words
        assert item().hand_graded and not item().auto_graded

    def test_a_graded_one_needs_a_rubric(self):
        said: list = []
        KIND.parse({}, "graded", (), lambda f, m: said.append((f, m)))
        assert said == [("rubric", "graded written items need a rubric: what graders look for")]

    def test_never_scored_automatically(self):
        with pytest.raises(ValueError, match="scored by a grader"):
            KIND.fraction(item(), empty_checklist())

    def test_well_formed_is_the_checklist_shape_and_text_is_not(self):
        assert KIND.well_formed(empty_checklist()) and not KIND.well_formed("I counted three.")

    def test_blank_until_something_is_filled_in(self):
        assert KIND.blank(empty_checklist())
        assert not KIND.blank({**empty_checklist(), "observer": "A long pause helped."})

    def test_answer_text_and_feedback(self):
        answer = {**empty_checklist(), "roadblocks": ["probing"], "listener": "I rushed."}
        text = KIND.answer_text(item(), answer, SEEDED)
        assert "Probing, questioning" in text and "As listener: I rushed." in text
        assert KIND.feedback_lines(item(), answer, SEEDED) == [
            "What graders look for:", "- Gives the tallies", "- Names one change"]

    def test_simulated_answers_are_well_formed_and_filled_in(self):
        rng = random.Random(3)
        answers = [KIND.simulate(item(), 0.8, rng) for _ in range(20)]
        assert all(is_checklist(a) and not KIND.blank(a) for a in answers)

    def test_a_test_wise_guess_counts_nothing(self):
        guess = KIND.guess(item(), SEEDED, Guesser())
        assert is_checklist(guess) and guess["observer"] == Guesser.reply
        assert not any(guess["tallies"].values())

    def test_its_view_is_the_checklist(self, tmp_path):
        assert isinstance(KIND.view(item(), AnswerStore(tmp_path)), ChecklistView)
