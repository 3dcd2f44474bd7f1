"""The reply analyser: what it finds, where, and how it copes with real typing."""

from __future__ import annotations

import pytest

from course_utils.reply_analysis import EMPTY_MESSAGE, analyze_reply
from course_utils.vocab import ROADBLOCKS

PEER = "My boss yelled at me in front of everyone and I just froze."


class TestAnalyzeReply:
    @pytest.mark.parametrize("reply", ["", "   ", None])
    def test_empty_input_gives_a_message_not_an_exception(self, reply):
        result = analyze_reply(reply, PEER)
        assert result.message == EMPTY_MESSAGE and result.findings == ()

    def test_every_finding_points_to_the_words_that_triggered_it(self):
        reply = "It sounds like that was humiliating. You should report him. What happened next?"
        result = analyze_reply(reply, PEER)
        assert result.findings
        for f in result.findings:
            assert reply[f.start:f.end] == f.text and f.text.strip() and f.message

    @pytest.mark.parametrize(
        ("reply", "expected"),
        [
            ("Mm. That's a lot.", {"reflection"}),
            ("omg thats so hard, what happened", {"reflection", "open_question"}),
            ("that sounds realy hard", {"reflection"}),
            ("You froze in front of everyone.", {"reflection"}),
            ("Did you tell HR?", {"closed_question"}),
            ("What was that like for you?", {"open_question"}),
            ("That makes total sense.", {"validation"}),
            ("It took courage to tell me this.", {"affirmation"}),
        ],
    )
    def test_finds_listening_skills(self, reply, expected):
        assert expected <= analyze_reply(reply, PEER).labels

    @pytest.mark.parametrize(
        ("reply", "roadblock"),
        [
            ("Calm down and go back in there.", "ordering"),
            ("If you don't speak up, you'll get walked on forever.", "warning"),
            ("You ought to be grateful you even have a job.", "moralizing"),
            ("You should talk to HR tomorrow.", "advising"),
            ("Studies show most bosses yell because of stress.", "lecturing"),
            ("You shouldn't have frozen like that.", "judging"),
            ("You're so strong, you got this!", "praising"),
            ("Don't be such a baby about it.", "name_calling"),
            ("Deep down you're angry at yourself.", "interpreting"),
            ("Don't worry, it'll all blow over.", "reassuring"),
            ("Why did you freeze? Why didn't you say anything?", "probing"),
            ("Anyway, did you catch the game last night?", "distracting"),
        ],
    )
    def test_finds_each_roadblock_by_its_name(self, reply, roadblock):
        assert roadblock in ROADBLOCKS
        assert roadblock in analyze_reply(reply, PEER).roadblocks

    def test_complex_reflection_names_an_unspoken_feeling(self):
        result = analyze_reply("It sounds like you felt humiliated and alone in that room.", PEER)
        assert result.reflection == "complex"

    def test_simple_reflection_repeats_content(self):
        assert analyze_reply("So your boss yelled at you.", PEER).reflection == "simple"

    def test_a_paraphrase_asked_as_a_question_is_a_check_in_reflection(self):
        result = analyze_reply("You froze?", PEER)
        assert result.reflection == "simple" and result.has("closed_question")
        assert not result.asks

    @pytest.mark.parametrize(
        ("reply", "verdict"),
        [
            ("It sounds like that shook you. What happened after?", "supportive"),
            ("That sounds awful. You should quit.", "mixed"),
            ("You should quit. Don't worry about it.", "roadblock"),
        ],
    )
    def test_verdict(self, reply, verdict):
        assert analyze_reply(reply, PEER).verdict == verdict

    def test_suggestion_addresses_the_first_roadblock(self):
        assert "advice" in analyze_reply("You should quit.", PEER).suggestion.lower()

    def test_praise_is_not_mistaken_for_a_reflection(self):
        result = analyze_reply("You're so strong.", PEER)
        assert result.reflection == "none" and "praising" in result.roadblocks

    def test_works_without_what_the_peer_said(self):
        assert analyze_reply("It sounds like you feel let down.").reflection != "none"


class TestTypedResult:
    def test_result_exposes_each_behaviour(self):
        from course_utils import analyze_reply as public_analyze

        result = public_analyze("That makes sense. Did you sleep? What helps you? You should rest.")
        assert result.validation and result.advice and not result.affirmation
        assert result.open_questions == ("What helps you?",)
        assert result.closed_questions == ("Did you sleep?",)
