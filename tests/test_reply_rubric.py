"""The automatic rubric for written replies and how findings are shown."""

from __future__ import annotations

from course_utils.reply_analysis import analyze_reply
from course_utils.reply_rubric import analysis_html, rubric_fraction, score_reply

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


class TestAnalysisHtml:
    def test_marks_words_in_order_and_escapes_text(self):
        html = analysis_html(analyze_reply("You should <b>call</b> them. What happened?", PEER))
        assert "&lt;b&gt;" in html and "<b>call" not in html
        assert html.index("cps-roadblock") < html.index("cps-skill")
        assert "[Advising]" in html  # the label is written, not only coloured

    def test_empty_reply_says_what_to_do(self):
        assert "Write a reply first" in analysis_html(analyze_reply(None))
