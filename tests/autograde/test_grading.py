"""The function hidden test cells call."""

from __future__ import annotations

import random
from html import escape

import pytest
from IPython.utils.capture import capture_output

from course_utils.autograde.grading import grade_item, grade_sealed
from course_utils.core.storage import AnswerStore
from course_utils.items.kind import kind_of
from course_utils.items.public import sealed_spec, to_public
from course_utils.items.scoring import score_item


def graded(module, kind):
    return next(i for i in module.items if i.kind == kind and i.graded)


class TestGradeItem:
    def test_returns_points_and_displays_explanations(self, module, tmp_path, shell):
        item = graded(module, "select_all")
        AnswerStore(tmp_path).set(item.id, [item.key[0]])
        with capture_output() as out:
            score = grade_item(to_public(item, reveal=True), tmp_path)
        assert score == round(item.points / len(item.key), 2)
        html = out.outputs[0].data["text/html"]
        assert "Score:" in html
        for option in item.options:
            assert escape(option.text[:30]) in html

    def test_missing_answer_scores_zero_and_says_so(self, module, tmp_path, shell):
        item = graded(module, "best_response")
        with capture_output() as out:
            assert grade_item(to_public(item, reveal=True), tmp_path) == 0.0
        assert "No answer yet" in out.outputs[0].data["text/plain"]
        assert out.stderr == ""

    def test_corrupt_answers_score_zero_with_note_and_no_error(self, module, tmp_path, monkeypatch, shell):
        monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
        (tmp_path / "answers.json").write_text("{{{")
        item = graded(module, "rank")
        with capture_output() as out:
            assert grade_item(to_public(item, reveal=True), tmp_path) == 0.0
        assert "could not be read" in out.outputs[0].data["text/plain"]
        assert out.stderr == ""

    def test_hand_edited_answer_of_wrong_shape_scores_zero_with_message(self, module, tmp_path, shell):
        """A learner who edits answers.json by hand gets 0 and a message, never a traceback."""
        for kind in ("best_response", "select_all", "rank", "classify"):
            item = graded(module, kind)
            AnswerStore(tmp_path).set(item.id, 12345)
            with capture_output() as out:
                assert grade_item(to_public(item, reveal=True), tmp_path) == 0.0
            assert "could not be read" in out.outputs[0].data["text/plain"], kind


class TestGradeSealed:
    @pytest.mark.parametrize("right", [0.0, 0.5, 1.0])
    def test_the_sealed_test_scores_and_shows_what_the_spec_does(self, module, tmp_path, shell, right):
        """For every auto-graded item: same points, same feedback, as grade_item on the whole spec."""
        rng = random.Random(3)
        for item in (i for i in module.items if i.auto_graded):
            AnswerStore(tmp_path).set(item.id, kind_of(item).simulate(item, right, rng))
            with capture_output() as sealed_out:
                sealed = grade_sealed(item.id, sealed_spec(item), tmp_path)
            with capture_output() as spec_out:
                plain = grade_item(to_public(item, reveal=True), tmp_path)
            assert sealed == plain == score_item(item, AnswerStore(tmp_path).get(item.id)).earned
            assert [o.data for o in sealed_out.outputs] == [o.data for o in spec_out.outputs]

    def test_a_right_answer_earns_the_items_points(self, module, tmp_path, shell):
        rng = random.Random(5)
        for item in (i for i in module.items if i.auto_graded and not kind_of(i).own_words):
            AnswerStore(tmp_path).set(item.id, kind_of(item).simulate(item, 1.0, rng))
            with capture_output():
                assert grade_sealed(item.id, sealed_spec(item), tmp_path) == item.points, item.id

    def test_a_seal_for_another_item_raises_rather_than_scoring(self, module, tmp_path):
        first, second = [i for i in module.items if i.auto_graded][:2]
        with pytest.raises(ValueError):
            grade_sealed(second.id, sealed_spec(first), tmp_path)
