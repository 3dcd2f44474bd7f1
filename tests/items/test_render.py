"""Plain renderings of answers and feedback."""

from __future__ import annotations

from course_utils.items.render import answer_html, answer_text, feedback_text
from course_utils.items.scoring import well_formed


def first(module, kind):
    return next(i for i in module.items if i.kind == kind)


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
