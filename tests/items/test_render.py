"""Plain renderings of answers and feedback."""

from __future__ import annotations

from dataclasses import replace
from html import escape

import pytest

from course_utils.items.render import answer_html, answer_text, feedback_html, feedback_text, verdict
from course_utils.items.scoring import score_item, well_formed

OPTION_KINDS = ("best_response", "select_all", "rank", "classify")


def first(module, kind, mode=None):
    return next(i for i in module.items if i.kind == kind and mode in (None, i.mode))


def wrong_answer(item):
    """An answer of the item's kind that is not fully right."""
    ids = [o.id for o in item.options]
    return {"best_response": next(i for i in ids if i != item.key), "select_all": ids[:1] + ids[-1:],
            "rank": {oid: n for n, oid in enumerate(reversed(item.key or ids), 1)},
            "classify": dict.fromkeys(ids, "supportive")}[item.kind]


class TestAnswerText:
    def test_blank_answers_say_no_answer(self, module):
        for item in module.items:
            assert answer_text(item, None) == "No answer yet."

    def test_rank_lists_replies_in_the_learners_order(self, module):
        item = first(module, "rank")
        ids = [o.id for o in item.options]
        text = answer_text(item, {ids[1]: 1, ids[0]: 2})
        assert text.index(f"1. ({ids[1]})") < text.index(f"2. ({ids[0]})")

    def test_wrong_shape_is_named_not_raised(self, module):
        item = first(module, "classify")
        assert not well_formed(item, ["a"])
        assert "could not be read" in answer_text(item, ["a"])


class TestAnswerHtml:
    def test_escapes_learner_text(self, module):
        item = first(module, "written_reply")
        html = answer_html(item, "<script>alert(1)</script>")
        assert "<script>" not in html and "&lt;script&gt;" in html


class TestFeedbackText:
    def test_best_response_marks_key_and_choice_in_words(self, module):
        item = next(i for i in module.items if i.kind == "best_response")
        wrong = next(o.id for o in item.options if o.id != item.key)
        text = feedback_text(item, wrong, None)
        assert f"({item.key}) Best reply." in text
        assert f"({wrong}) Not the best reply (your choice)." in text


class TestVerdict:
    def test_a_score_gives_its_note(self, module):
        item = first(module, "best_response", "graded")
        score = score_item(item, item.key)
        assert verdict(item, item.key, score) == score.note

    @pytest.mark.parametrize("kind", OPTION_KINDS)
    def test_practice_without_a_score_gives_the_note_in_words(self, module, kind):
        item = first(module, kind, "practice")
        answer = wrong_answer(item)
        assert verdict(item, answer, None) == score_item(item, answer).note != ""

    @pytest.mark.parametrize("kind", OPTION_KINDS)
    def test_a_graded_item_without_a_score_gives_none(self, module, kind):
        item = first(module, kind, "graded")
        assert verdict(item, wrong_answer(item), None) == ""

    def test_a_kind_only_a_grader_scores_gives_none(self, module):
        item = first(module, "reflection")
        assert verdict(replace(item, mode="practice"), "I rush.", None) == ""


class TestFeedbackHtml:
    @pytest.mark.parametrize("kind", OPTION_KINDS)
    def test_practice_verdict_comes_before_every_option(self, module, kind):
        item = first(module, kind, "practice")
        answer = wrong_answer(item)
        html = feedback_html(item, answer, None)
        note = score_item(item, answer).note
        assert html.startswith(f'<div class="cps-feedback"><p><strong>{escape(note)}</strong></p><')
        assert html.count("<li>") == len(item.options)

    @pytest.mark.parametrize("kind", OPTION_KINDS)
    def test_graded_score_and_note_come_before_every_option(self, module, kind):
        item = first(module, kind, "graded")
        answer = wrong_answer(item)
        score = score_item(item, answer)
        html = feedback_html(item, answer, score)
        assert html.startswith(f'<div class="cps-feedback"><p><strong>Score: {score.earned:g} of '
                               f"{score.possible:g}.</strong> ")
        assert html.index("Score:") < html.index("<li>")

    def test_graded_without_a_score_shows_no_verdict(self, module):
        item = first(module, "best_response", "graded")
        assert feedback_html(item, item.key, None).startswith('<div class="cps-feedback"><ul>')

    @pytest.mark.parametrize("kind", OPTION_KINDS)
    def test_no_jargon_reaches_the_learner(self, module, kind):
        """No "key", "pairs" or formula in what a learner reads, whatever the answer."""
        for mode in ("practice", "graded"):
            item = first(module, kind, mode)
            for answer in (None, wrong_answer(item)):
                text = feedback_text(item, answer, score_item(item, answer)).lower()
                assert not any(word in text for word in (" key", "pairs", "rubric", " / ", "pick(s)")), text


class TestFeedbackTextVerdict:
    def test_practice_text_starts_with_the_verdict(self, module):
        item = first(module, "select_all", "practice")
        answer = wrong_answer(item)
        assert feedback_text(item, answer, None).splitlines()[0] == score_item(item, answer).note
