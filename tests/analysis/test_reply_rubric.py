"""The automatic rubric for written replies and how findings are shown."""

from __future__ import annotations

import re

import pytest

from course_utils.analysis.reply_analysis import analyze_reply
from course_utils.analysis.reply_rubric import (
    CHECKS,
    analysis_html,
    asks_about_suicide,
    criteria_for,
    picked_up,
    rubric_fraction,
    score_reply,
)
from course_utils.core.vocab import AUTO_CRITERIA, DEFAULT_AUTO_RUBRIC

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


CRISIS = (("asks_about_suicide", 0.4), ("reflects", 0.3), ("no_roadblock", 0.3))


class TestItemRubric:
    def test_the_default_applies_when_an_item_states_none(self):
        assert criteria_for(None) == criteria_for(DEFAULT_AUTO_RUBRIC)
        assert [share for _, share in criteria_for()] == [0.4, 0.3, 0.3]

    def test_the_items_own_weights_decide_the_score(self):
        reply = "That sounds so heavy. What's been going on?"
        weights = (("validates", 0.5), ("invites_more", 0.5))
        assert rubric_fraction(analyze_reply(reply, PEER), (), weights)[0] == 0.5

    def test_the_note_names_each_criterion_with_its_share(self):
        note = score_reply("What happened then?", PEER, "", CRISIS)[1]
        assert "not yet (40%): Asks directly, in plain words, about suicide" in note

    def test_every_criterion_has_a_check(self):
        assert set(CHECKS) == set(AUTO_CRITERIA)


class TestAsksAboutSuicide:
    def test_direct_question_meets_the_requirement(self):
        reply = ("You said everyone would be better off, and that sounds so heavy. "
                 "Are you thinking about suicide?")
        fraction, met = rubric_fraction(analyze_reply(reply), ["everyone would be better off"],
                                        CRISIS)
        assert fraction == 1.0 and met[0] == ("Asks directly, in plain words, about suicide", True)

    def test_open_question_without_asking_does_not(self):
        reply = "Feeling that everyone would be better off sounds so heavy. What's been going on for you?"
        fraction, met = rubric_fraction(analyze_reply(reply), ["everyone would be better off"],
                                        CRISIS)
        assert not met[0][1] and fraction == 0.6

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

    from course_utils.content.loader import load_course

    return [i for m in load_course(REPO / "content") for i in m.items if i.kind == "written_reply"]


@pytest.mark.parametrize("item", _written_items(), ids=lambda i: i.id)
def test_model_answer_earns_the_full_automatic_rubric(item):
    """What the course shows as a good reply must not be marked down by its own rubric."""
    from dataclasses import replace

    from course_utils.items.scoring import score_item

    assert item.example, f"{item.id} has no example reply"
    assert score_item(replace(item, points=1.0), item.example).fraction == 1.0


WEAKER = {
    "sympathy that fits anyone": "That sounds really hard. What's been going on?",
    "advice added": "{example} Honestly, you should just talk to someone about it.",
    "judging": "Honestly, that was a bad decision. What were you thinking?",
    "changing the topic": "That reminds me of my old job. Anyway, how was your weekend?",
    "early reassurance": "Don't worry, I'm sure it will all work out.",
    "their words, then a fix": "{peer} Try to get some rest and make a plan tomorrow.",
}


def _weaker(item) -> list[tuple[str, str]]:
    """Plausible weaker replies to an item: the mistakes trainees make, and a crisis reply that never asks."""
    cases = [(name, text.format(example=item.example, peer=item.scenario.peer_says))
             for name, text in WEAKER.items()]
    if any(name == "asks_about_suicide" for name, _ in item.auto_rubric):
        warm = " ".join(s for s in re.split(r"(?<=[.!?])\s+", item.example) if "suicid" not in s)
        cases.append(("warm but never asks", warm + " What's been weighing on you most?"))
    return cases


@pytest.mark.parametrize("item", _written_items(), ids=lambda i: i.id)
def test_every_weaker_reply_earns_less_than_the_model_answer(item):
    """Each common mistake scores below the item's model answer, under the item's own rubric."""
    from dataclasses import replace

    from course_utils.items.scoring import score_item

    graded = replace(item, points=1.0)
    best = score_item(graded, item.example).fraction
    for name, reply in _weaker(item):
        assert score_item(graded, reply).fraction < best, (item.id, name, reply)
