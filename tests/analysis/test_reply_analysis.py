"""The reply analyser: what it finds, where, and how it copes with real typing."""

from __future__ import annotations

import pytest

from course_utils.analysis.reply_analysis import EMPTY_MESSAGE, analyze_reply
from course_utils.core.vocab import ROADBLOCKS

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


class TestRealReplyShapes:
    """Shapes of real supporters' replies that the analyser once got wrong."""

    @pytest.mark.parametrize("reply", ["Take care!", "Hang in there.", "Keep up the great work!",
                                       "Have a good night.", "Stay safe and good luck."])
    def test_pleasantries_are_not_advice(self, reply):
        assert not analyze_reply(reply, PEER).advice

    @pytest.mark.parametrize("reply", [
        "It can help to just let yourself rest for a day.",
        "I would definitely recommend talking to someone you trust.",
        "Do you have someone you can talk to?",
        "Have you ever tried writing it down?",
        "Maybe try a short walk when it builds up.",
    ])
    def test_hedged_and_question_form_suggestions_are_advice(self, reply):
        result = analyze_reply(reply, PEER)
        assert result.advice and not result.asks

    @pytest.mark.parametrize("reply", ["I am so sorry to hear that.", "That's a lot.",
                                       "I'm sorry that happened to you."])
    def test_sympathy_and_acknowledgement_count_as_validation(self, reply):
        assert analyze_reply(reply, PEER).validation

    @pytest.mark.parametrize("reply", ["That is a really tough situation to be in.",
                                       "A lot of people feel this way after a move.",
                                       "Feeling like that is not weird at all.",
                                       "That would get on anyone's nerves.",
                                       "I know how stressful that can be."])
    def test_normalising_the_feeling_counts_as_validation(self, reply):
        assert analyze_reply(reply, PEER).validation

    @pytest.mark.parametrize("reply", ["That must be so scary.", "You're not stupid!"])
    def test_a_named_feeling_or_a_denial_is_not_normalising(self, reply):
        assert not analyze_reply(reply, PEER).validation

    @pytest.mark.parametrize(("reply", "label"), [
        ("I understand.", "validation"), ("I get it!", "validation"),
        ("About 40% of people relapse.", "lecturing"),
        ("Okay. Anyway, the match was great.", "distracting"),
        ("Well, anyway, how was work?", "distracting"),
    ])
    def test_a_pattern_that_ends_or_starts_at_punctuation_still_matches(self, reply, label):
        assert label in analyze_reply(reply, PEER).labels

    @pytest.mark.parametrize("reply", ["I bet you can work it out.", "You will do great!",
                                       "I am confident you will get through this."])
    def test_promising_it_will_work_out_is_reassurance(self, reply):
        assert "reassuring" in analyze_reply(reply, PEER).roadblocks

    @pytest.mark.parametrize("reply", ["I am sure it will all work out.", "I'm sure it'll be fine."])
    def test_i_am_sure_is_reassurance_either_way_it_is_typed(self, reply):
        assert "reassuring" in analyze_reply(reply, PEER).roadblocks

    def test_you_too_is_not_a_reflection(self):
        assert analyze_reply("You too and stay safe!", PEER).reflection == "none"

    def test_a_suggestion_about_you_is_not_a_reflection(self):
        result = analyze_reply("You can also take this time to focus on hobbies.", PEER)
        assert result.reflection == "none" and result.advice

    def test_a_check_in_reflects_without_asking(self):
        result = analyze_reply("So you froze in front of all of them?", PEER)
        assert result.reflection != "none" and not result.asks

    def test_an_open_question_asks(self):
        assert analyze_reply("What went through your mind right then?", PEER).asks


class TestTopicAndCrisis:
    def test_a_reply_that_leaves_what_the_peer_said_is_a_change_of_topic(self):
        result = analyze_reply("How was your weekend, did you go anywhere fun?", PEER)
        assert "distracting" in result.roadblocks

    @pytest.mark.parametrize("reply", ["How are you holding up?", "What happened after that?",
                                       "Your boss yelled at you in front of everyone?"])
    def test_staying_with_the_peer_is_not_a_change_of_topic(self, reply):
        assert "distracting" not in analyze_reply(reply, PEER).roadblocks

    def test_without_the_peers_words_no_topic_change_is_claimed(self):
        assert "distracting" not in analyze_reply("How was your weekend?").roadblocks

    @pytest.mark.parametrize("reply", ["Are you thinking about suicide?",
                                       "When you say that, are you thinking of killing yourself?"])
    def test_a_plain_words_question_about_suicide_is_its_own_finding(self, reply):
        result = analyze_reply(reply, "I can't do this anymore.")
        assert result.has("asks_about_suicide")
        assert "probing" not in result.roadblocks

    def test_a_hint_is_not_asking_about_suicide(self):
        result = analyze_reply("You're not going to do anything silly, are you?", "I can't do this.")
        assert not result.has("asks_about_suicide")


class TestLifeChoices:
    @pytest.mark.parametrize(("reply", "roadblock"), [
        ("You can't really blame her for leaving.", "moralizing"),
        ("You really shouldn't stop coming to group.", "moralizing"),
        ("Saying nobody cares isn't fair to the staff.", "judging"),
        ("Maybe you sprang it on them too suddenly.", "judging"),
        ("Maybe if you had kept up with the bills this wouldn't happen.", "judging"),
        ("But you really are strong! Look how well you're doing.", "praising"),
        ("Let me tell you how I got through mine.", "distracting"),
    ])
    def test_comments_on_the_persons_choices_are_found(self, reply, roadblock):
        assert roadblock in analyze_reply(reply, PEER).roadblocks

    def test_saying_it_is_unfair_to_them_is_not_judging(self):
        assert not analyze_reply("It's not fair that he yelled at you.", PEER).roadblocks
