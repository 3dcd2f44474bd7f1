"""The role-play kind: its saved answer, score, renderings, simulated and test-wise learners."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from helpers import REPO

from course_utils.content.loader import load_module
from course_utils.core.display_order import IN_FILE_ORDER
from course_utils.instructor.testwise import CANNED_REPLY
from course_utils.items.kind import kind_of
from course_utils.items.scoring import score_item

ITEM = replace(load_module(REPO / "content" / "being_present").item("bp-roleplay-letter"),
               mode="graded", points=3.0)
KIND = kind_of("roleplay")
PRESENT = [line for line in (REPO / "tests" / "data" / "roleplay_scripts" /
                             "bp-roleplay-letter.present.txt").read_text().splitlines() if line]


class TestWellFormed:
    @pytest.mark.parametrize("answer", [{"replies": [], "seed": 0}, {"replies": ["a"], "seed": 3},
                                        {"replies": ["a"], "seed": 0, "tries": [0, 2]}, {"replies": ["a"]}])
    def test_the_shapes_the_widget_saves(self, answer):
        assert KIND.well_formed(answer)

    @pytest.mark.parametrize("answer", ["a reply", ["a"], {"replies": "a"}, {"replies": [1]},
                                        {"replies": [], "seed": -1}, {"replies": [], "seed": True},
                                        {"replies": [], "tries": [-1]}, {"replies": [], "extra": 1}])
    def test_anything_else_is_refused(self, answer):
        assert not KIND.well_formed(answer)
        assert score_item(ITEM, answer).earned == 0.0


class TestScore:
    def test_a_present_talk_earns_every_point(self):
        score = score_item(ITEM, {"replies": PRESENT, "seed": 0})
        assert score.earned == 3.0 and "Teodor opened up" in score.note

    def test_an_empty_talk_earns_nothing(self):
        assert score_item(ITEM, {"replies": [], "seed": 0}).note == "No reply was given."

    def test_the_test_wise_reply_said_every_turn_earns_nothing(self):
        """It fits any scenario, so it connects with no one; said again it is a repeat."""
        guessed = KIND.guess(ITEM, IN_FILE_ORDER, type("G", (), {"reply": CANNED_REPLY})())
        assert guessed == {"replies": [CANNED_REPLY] * 8, "seed": 0}
        assert score_item(ITEM, guessed).earned == 0.0


class TestRenderings:
    def test_answer_text_is_the_transcript(self):
        text = KIND.answer_text(ITEM, {"replies": PRESENT[:1], "seed": 0}, IN_FILE_ORDER)
        assert text.splitlines()[:3] == ["Role-play:", f"Teodor: {ITEM.scenario.peer_says}",
                                         f"You: {PRESENT[0]}"]

    def test_feedback_shows_how_each_reply_was_read_and_the_debrief(self):
        html = KIND.feedback_html(ITEM, {"replies": PRESENT, "seed": 0}, IN_FILE_ORDER)
        assert html.count('class="cps-move"') == 4 and "Debrief" in html

    def test_feedback_without_replies_says_so(self):
        assert KIND.feedback_html(ITEM, None, IN_FILE_ORDER) == "<p>No reply was given.</p>"


class TestSimulate:
    def test_a_certain_learner_opens_the_peer_up_and_an_unable_one_does_not(self):
        rng = random.Random(0)
        assert score_item(ITEM, KIND.simulate(ITEM, 1.0, rng)).earned == 3.0
        assert score_item(ITEM, KIND.simulate(ITEM, 0.0, rng)).earned == 0.0

    def test_ability_raises_the_mean_score(self):
        def mean(p: float) -> float:
            rng = random.Random(5)
            return sum(score_item(ITEM, KIND.simulate(ITEM, p, rng)).earned for _ in range(30)) / 30

        assert mean(0.2) < mean(0.6) < mean(1.0)

    def test_a_crisis_learner_asks_and_hands_off_warmly(self):
        crisis = load_module(REPO / "content" / "crisis")
        item = next(i for i in crisis.items if i.kind == "roleplay")
        answer = KIND.simulate(item, 1.0, random.Random(1))
        from course_utils.items.roleplay_play import play_talk

        moves = [s.move.name for s in play_talk(item, answer["replies"], answer["seed"]).steps]
        assert "asks_about_suicide" in moves and "warm_handoff" in moves
