"""Best-response and select-all widgets (course_utils/items/widgets/choice.py)."""

from __future__ import annotations

import json

import pytest

from course_utils.core.storage import AnswerStore
from course_utils.items.public import from_public, to_public
from course_utils.items.scoring import score_item
from course_utils.items.widgets.choice import BestResponseView, SelectAllView


def item_of(module, kind: str, mode: str):
    """The learner's (public) copy of the first item of a kind and mode, and the full item."""
    full = next(i for i in module.items if i.kind == kind and i.mode == mode)
    return from_public(to_public(full)), full


def saved(folder, item_id):
    return json.loads((folder / "answers.json").read_text())["answers"][item_id]["value"]


def check_button(view):
    return next(c for c in view.children if getattr(c, "description", "") == "Check my answer")


class TestBestResponseView:
    def test_each_reply_is_a_radio_lettered_in_display_order(self, module, tmp_path):
        public, full = item_of(module, "best_response", "graded")
        view = BestResponseView(public, AnswerStore(tmp_path))
        assert list(view.radio.options) == [(f"({letter}) {o.text}", o.id)
                                            for letter, o in view.shown_options()]
        assert sorted(oid for _, oid in view.radio.options) == sorted(o.id for o in full.options)

    def test_nothing_is_chosen_until_the_learner_chooses(self, module, tmp_path):
        public, full = item_of(module, "best_response", "practice")
        view = BestResponseView(public, AnswerStore(tmp_path))
        assert view.radio.value is None and view.read_answer() is None
        assert full.id not in json.loads((tmp_path / "answers.json").read_text())["answers"]

    def test_choosing_the_key_saves_an_answer_worth_full_points(self, module, tmp_path):
        """The learner's copy has no key; what it saves still scores against the full item."""
        public, full = item_of(module, "best_response", "graded")
        assert public.key is None
        view = BestResponseView(public, AnswerStore(tmp_path))
        view.radio.value = full.key
        assert saved(tmp_path, full.id) == full.key
        assert score_item(full, saved(tmp_path, full.id)).earned == full.points

    def test_changing_the_choice_keeps_only_the_latest(self, module, tmp_path):
        public, full = item_of(module, "best_response", "graded")
        view = BestResponseView(public, AnswerStore(tmp_path))
        view.radio.value = full.options[0].id
        view.radio.value = full.options[3].id
        assert saved(tmp_path, full.id) == full.options[3].id
        assert AnswerStore(tmp_path).get(full.id) == full.options[3].id

    def test_practice_right_choice_is_called_best(self, module, tmp_path):
        public, full = item_of(module, "best_response", "practice")
        view = BestResponseView(public, AnswerStore(tmp_path))
        view.radio.value = full.key
        assert "Best reply (your choice)." in view.feedback.value
        assert "You chose the most supportive reply." in view.feedback.value
        assert "Not the best reply (your choice)" not in view.feedback.value

    def test_graded_choice_gets_no_feedback_even_when_asked(self, module, tmp_path):
        public, full = item_of(module, "best_response", "graded")
        view = BestResponseView(public, AnswerStore(tmp_path))
        view.radio.value = full.key
        view.show_feedback()
        assert view.feedback.value == ""
        assert "Best reply" not in view.status.value

    def test_set_answer_selects_and_saves_like_a_click(self, module, tmp_path):
        public, full = item_of(module, "best_response", "graded")
        view = BestResponseView(public, AnswerStore(tmp_path))
        view.set_answer(full.options[1].id)
        assert view.radio.value == full.options[1].id
        assert saved(tmp_path, full.id) == full.options[1].id

    @pytest.mark.parametrize("damaged", [3, ["b"], {"value": "b"}])
    def test_saved_answer_of_wrong_type_is_reported_and_kept(self, module, tmp_path, damaged):
        public, full = item_of(module, "best_response", "graded")
        AnswerStore(tmp_path).set(full.id, damaged)
        view = BestResponseView(public, AnswerStore(tmp_path))
        assert view.radio.value is None
        assert "could not be shown" in view.status.value
        assert saved(tmp_path, full.id) == damaged

    def test_feedback_appears_on_every_choice(self, module, tmp_path):
        public, full = item_of(module, "best_response", "practice")
        view = BestResponseView(public, AnswerStore(tmp_path))
        assert view.instant_feedback() is True
        view.radio.value = full.key
        right = view.feedback.value
        view.radio.value = next(o.id for o in full.options if o.id != full.key)
        assert view.feedback.value != right and "Another reply was more supportive." in view.feedback.value


class TestSelectAllView:
    def test_one_unticked_lettered_checkbox_per_option(self, module, tmp_path):
        public, _ = item_of(module, "select_all", "graded")
        view = SelectAllView(public, AnswerStore(tmp_path))
        assert [(oid, b.description, b.value, b.indent) for oid, b in view.boxes.items()] == [
            (o.id, f"({letter}) {o.text}", False, False) for letter, o in view.shown_options()]

    def test_ticks_are_saved_in_content_order_whatever_the_tick_order(self, module, tmp_path):
        """The saved list does not depend on this learner's display order."""
        public, full = item_of(module, "select_all", "graded")
        view = SelectAllView(public, AnswerStore(tmp_path))
        picked = [full.options[3].id, full.options[0].id, full.options[2].id]
        for oid in picked:
            view.boxes[oid].value = True
        assert saved(tmp_path, full.id) == [o.id for o in full.options if o.id in picked]

    def test_unticking_everything_saves_an_empty_answer_that_restores(self, module, tmp_path):
        public, full = item_of(module, "select_all", "graded")
        view = SelectAllView(public, AnswerStore(tmp_path))
        view.boxes[full.options[1].id].value = True
        view.boxes[full.options[1].id].value = False
        assert saved(tmp_path, full.id) == []
        again = SelectAllView(public, AnswerStore(tmp_path))
        assert "restored" in again.status.value
        assert not any(b.value for b in again.boxes.values())

    def test_ticking_the_key_saves_an_answer_worth_full_points(self, module, tmp_path):
        public, full = item_of(module, "select_all", "graded")
        assert public.key is None
        view = SelectAllView(public, AnswerStore(tmp_path))
        for oid in full.key:
            view.boxes[oid].value = True
        assert score_item(full, saved(tmp_path, full.id)).earned == full.points

    def test_practice_check_with_nothing_ticked_says_so(self, module, tmp_path):
        public, full = item_of(module, "select_all", "practice")
        view = SelectAllView(public, AnswerStore(tmp_path))
        check_button(view).click()
        assert "You did not select anything." in view.feedback.value
        assert f"<p><strong>{score_item(full, []).note}</strong></p>" in view.feedback.value

    def test_practice_wrong_tick_is_counted(self, module, tmp_path):
        public, full = item_of(module, "select_all", "practice")
        view = SelectAllView(public, AnswerStore(tmp_path))
        wrong = next(o.id for o in full.options if o.id not in full.key)
        view.boxes[wrong].value = True
        check_button(view).click()
        assert f"<p><strong>{score_item(full, [wrong]).note}</strong></p>" in view.feedback.value

    def test_graded_ticks_get_no_feedback(self, module, tmp_path):
        public, full = item_of(module, "select_all", "graded")
        view = SelectAllView(public, AnswerStore(tmp_path))
        view.boxes[full.options[0].id].value = True
        view.show_feedback()
        assert view.feedback.value == ""
        assert "graded after you submit" in view.status.value

    def test_restore_ticks_exactly_the_saved_options(self, module, tmp_path):
        public, full = item_of(module, "select_all", "graded")
        chosen = [full.options[1].id, full.options[4].id]
        AnswerStore(tmp_path).set(full.id, chosen)
        view = SelectAllView(public, AnswerStore(tmp_path))
        assert {oid for oid, b in view.boxes.items() if b.value} == set(chosen)
        assert view.read_answer() == chosen

    def test_saved_number_is_reported_and_kept(self, module, tmp_path):
        public, full = item_of(module, "select_all", "graded")
        AnswerStore(tmp_path).set(full.id, 2)
        view = SelectAllView(public, AnswerStore(tmp_path))
        assert "could not be shown" in view.status.value
        assert not any(b.value for b in view.boxes.values())
        assert saved(tmp_path, full.id) == 2

    @pytest.mark.parametrize("damaged", ["bc", {"b": True}])
    def test_saved_answer_that_is_not_a_list_is_not_shown_as_restored(self, module, tmp_path, damaged):
        """A hand-edited answer the grader will score 0 must not look like a restored answer."""
        public, full = item_of(module, "select_all", "graded")
        AnswerStore(tmp_path).set(full.id, damaged)
        view = SelectAllView(public, AnswerStore(tmp_path))
        assert "restored" not in view.status.value
