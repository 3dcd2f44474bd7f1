"""Reflections found by opener, by a feeling named as the peer's, by restatement, or as a check-in."""

from __future__ import annotations

import pytest

from course_utils.analysis.reply_reflection import is_check_in, reflects, shared_words

PEER = "my landlord gave me thirty days to move out and i have nowhere lined up."


class TestReflects:
    @pytest.mark.parametrize("sentence", [
        "it sounds like the notice knocked the wind out of you.",
        "so you have a month and no plan yet.",
        "you must be scared.",
        "that sounds exhausting.",
        "i can see that you are carrying a lot.",
        "thirty days with nothing lined up.",
        "i'm sorry that your landlord gave you so little time.",
    ])
    def test_a_reflection_is_found(self, sentence):
        assert reflects(sentence, PEER, question=False)

    @pytest.mark.parametrize("sentence", [
        "you should call a housing office today.",
        "you're welcome.",
        "i had to move three times last year.",
        "many people find a new place in time.",
        "you will find somewhere, i know it.",
        "that sounds like a good plan.",
    ])
    def test_advice_thanks_and_self_talk_are_not_reflections(self, sentence):
        assert not reflects(sentence, PEER, question=False)

    def test_a_statement_about_you_needs_the_peers_words(self):
        assert not reflects("your weekend plans sound fun.", PEER, question=False)


class TestIsCheckIn:
    @pytest.mark.parametrize("sentence", ["so you feel stuck?", "you have nowhere to go?",
                                          "you're out in a month, is that right?"])
    def test_a_check_in_is_found(self, sentence):
        assert is_check_in(sentence)

    @pytest.mark.parametrize("sentence", ["what happened when you read it?", "do you have family nearby?",
                                          "are you still there?"])
    def test_a_question_that_asks_is_not_a_check_in(self, sentence):
        assert not is_check_in(sentence)


class TestSharedWords:
    def test_counts_the_peers_content_words_not_common_ones(self):
        assert shared_words("thirty days is not long", PEER) == 2
        assert shared_words("that is really something", PEER) == 0

    def test_no_peer_words_share_nothing(self):
        assert shared_words("thirty days", "") == 0
