"""The function hidden test cells call."""

from __future__ import annotations

from html import escape

from IPython.utils.capture import capture_output

from course_utils.autograde.grading import grade_item
from course_utils.core.storage import AnswerStore
from course_utils.items.public import to_public


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
