"""The automatic rubric for written replies and how findings are shown."""

from __future__ import annotations

import pytest

from course_utils.reply_analysis import analyze_reply
from course_utils.reply_rubric import (
    analysis_html,
    asks_about_suicide,
    picked_up,
    rubric_fraction,
    score_reply,
)

PEER = "I finally told my family about my diagnosis and they just went quiet."


class TestRubricFraction:
    def test_reflection_open_question_no_roadblock_is_full(self):
        reply = "It sounds like their silence really stung. What was that like?"
        assert rubric_fraction(analyze_reply(reply, PEER))[0] == 1.0

    def test_each_criterion_counts_its_share(self):
        assert rubric_fraction(analyze_reply("Did they say anything later?", PEER))[0] == 0.3
        assert rubric_fraction(analyze_reply("That makes sense. You should call them.", PEER))[0] == 0.4
        assert rubric_fraction(analyze_reply("What happened then?", PEER))[0] == 0.6

    def test_empty_reply_scores_zero(self):
        assert score_reply("", PEER)[0] == 0.0


class TestPicksUpThisPeer:
    def test_reply_that_echoes_the_peers_words_is_full(self):
        reply = "It sounds like their quiet after you told your family really stung. What was that like?"
        assert score_reply(reply, PEER)[0] == 1.0

    def test_canned_reply_that_fits_anyone_gets_only_the_question(self):
        reply = "It sounds like you're going through a lot right now. What's been the hardest part?"
        assert score_reply(reply, PEER)[0] == 0.3

    def test_scene_words_count_as_picking_up(self):
        reply = "That meeting with your landlord sounds scary. What happened?"
        assert score_reply(reply, "I can't face it.", "Her landlord left a note.")[0] == 1.0

    def test_picked_up_names_the_shared_words(self):
        assert picked_up("Your family went quiet on you.", PEER) == ["family", "quiet"]


class TestAsksAboutSuicide:
    def test_direct_question_meets_the_requirement(self):
        reply = ("You said everyone would be better off, and that sounds so heavy. "
                 "Are you thinking about suicide?")
        fraction, met = rubric_fraction(analyze_reply(reply), ["everyone would be better off"],
                                        ["asks_about_suicide"])
        assert fraction == 1.0 and met[1] == ("Asks directly and plainly about suicide", True)

    def test_open_question_without_asking_does_not(self):
        reply = "Feeling that everyone would be better off sounds so heavy. What's been going on for you?"
        fraction, met = rubric_fraction(analyze_reply(reply), ["everyone would be better off"],
                                        ["asks_about_suicide"])
        assert not met[1][1] and fraction == 0.7

    def test_statement_about_suicide_is_not_a_question(self):
        assert not asks_about_suicide("Suicide is something we can talk about.")


class TestAnalysisHtml:
    def test_marks_words_in_order_and_escapes_text(self):
        html = analysis_html(analyze_reply("You should <b>call</b> them. What happened?", PEER))
        assert "&lt;b&gt;" in html and "<b>call" not in html
        assert html.index("cps-roadblock") < html.index("cps-skill")
        assert "[Advising]" in html  # the label is written, not only coloured

    def test_empty_reply_says_what_to_do(self):
        assert "Write a reply first" in analysis_html(analyze_reply(None))


def _written_items():
    from helpers import REPO

    from course_utils.content import load_course

    return [i for m in load_course(REPO / "content") for i in m.items if i.kind == "written_reply"]


@pytest.mark.parametrize("item", _written_items(), ids=lambda i: i.id)
def test_model_answer_earns_the_full_automatic_rubric(item):
    """What the course shows as a good reply must not be marked down by its own rubric."""
    from dataclasses import replace

    from course_utils.scoring import score_item

    assert item.example, f"{item.id} has no example reply"
    assert score_item(replace(item, points=1.0), item.example).fraction == 1.0
