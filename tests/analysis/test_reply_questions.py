"""What a question does: asks to learn more, suggests, checks in, or greets."""

from __future__ import annotations

import pytest

from course_utils.analysis.reply_questions import question_role


class TestQuestionRole:
    @pytest.mark.parametrize("sentence", [
        "have you tried talking to her about it?",
        "do you have someone you can talk to?",
        "is there anyone who could stay with you tonight?",
        "could you ask your sister for help?",
        "what about joining a group?",
        "why not take a day off?",
    ])
    def test_a_suggestion_put_as_a_question_is_advice(self, sentence):
        assert question_role(sentence, turn_advises=False) == "advice"

    @pytest.mark.parametrize("sentence", [
        "what has been the hardest part?",
        "how are you doing today?",
        "do you have kids?",
        "is there anything on your mind you'd like to talk about?",
        "did you talk to her about it?",
    ])
    def test_a_question_that_asks_to_learn_more(self, sentence):
        assert question_role(sentence, turn_advises=False) == "asks"

    def test_a_check_in_is_not_asking(self):
        assert question_role("so you feel alone?", turn_advises=False) == "check_in"

    def test_are_you_still_there_is_a_pleasantry(self):
        assert question_role("are you still there?", turn_advises=False) == "pleasantry"

    def test_how_does_that_sound_follows_up_a_suggestion(self):
        assert question_role("how does that sound?", turn_advises=True) == "advice"
        assert question_role("how does that sound?", turn_advises=False) == "asks"
