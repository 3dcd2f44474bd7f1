"""Item widgets: controls save answers as they change, restore them, and give feedback."""

from __future__ import annotations

import json

import pytest

from course_utils.core.storage import AnswerStore
from course_utils.items.public import from_public, to_public
from course_utils.items.widgets import make_view


def item_of(module, kind: str, mode: str):
    """The learner's (public) copy of the first item of a kind and mode."""
    item = next(i for i in module.items if i.kind == kind and i.mode == mode)
    return from_public(to_public(item)), item


def saved(tmp_path, item_id):
    return json.loads((tmp_path / "answers.json").read_text())["answers"][item_id]["value"]


class TestBestResponseView:
    def test_click_saves_and_practice_shows_explanations(self, module, tmp_path):
        public, full = item_of(module, "best_response", "practice")
        view = make_view(public, AnswerStore(tmp_path))
        wrong = next(o.id for o in full.options if o.id != full.key)
        view.radio.value = wrong
        assert saved(tmp_path, full.id) == wrong
        assert "Not the best reply (your choice)" in view.feedback.value
        assert full.option(full.key).explanation[:40] in view.feedback.value.replace("&#x27;", "'")

    def test_graded_shows_no_verdict(self, module, tmp_path):
        public, full = item_of(module, "best_response", "graded")
        view = make_view(public, AnswerStore(tmp_path))
        view.radio.value = full.options[0].id
        assert view.feedback.value == ""
        assert "graded after you submit" in view.status.value
        assert saved(tmp_path, full.id) == full.options[0].id

    def test_restores_after_restart(self, module, tmp_path):
        public, full = item_of(module, "best_response", "graded")
        make_view(public, AnswerStore(tmp_path)).radio.value = "c"
        again = make_view(public, AnswerStore(tmp_path))
        assert again.radio.value == "c"
        assert "restored" in again.status.value

    def test_saved_answer_for_unknown_option_is_reported(self, module, tmp_path):
        public, full = item_of(module, "best_response", "graded")
        AnswerStore(tmp_path).set(full.id, "zz")
        view = make_view(public, AnswerStore(tmp_path))
        assert view.radio.value is None
        assert "could not be shown" in view.status.value

    def test_accessible_names(self, module, tmp_path):
        public, _ = item_of(module, "best_response", "graded")
        view = make_view(public, AnswerStore(tmp_path))
        assert view.radio.description == "Your choice"
        assert all(label.startswith("(") for label, _ in view.radio.options)


class TestSelectAllView:
    def test_ticks_save_and_check_button_gives_feedback(self, module, tmp_path):
        public, full = item_of(module, "select_all", "practice")
        view = make_view(public, AnswerStore(tmp_path))
        first, second = full.options[0].id, full.options[1].id
        view.boxes[first].value = True
        view.boxes[second].value = True
        assert saved(tmp_path, full.id) == [first, second]
        assert view.feedback.value == ""  # practice feedback waits for the Check button
        check = next(c for c in view.children if getattr(c, "description", "") == "Check my answer")
        check.click()
        assert "Applies" in view.feedback.value and "you selected it" in view.feedback.value

    def test_graded_has_no_check_button(self, module, tmp_path):
        public, _ = item_of(module, "select_all", "graded")
        view = make_view(public, AnswerStore(tmp_path))
        assert not [c for c in view.children if getattr(c, "description", "") == "Check my answer"]


class TestRankView:
    def test_places_save_as_mapping_and_shared_place_warns(self, module, tmp_path):
        public, full = item_of(module, "rank", "graded")
        view = make_view(public, AnswerStore(tmp_path))
        ids = [o.id for o in full.options]
        view.menus[ids[0]].value = 1
        view.menus[ids[1]].value = 1
        assert saved(tmp_path, full.id) == {ids[0]: 1, ids[1]: 1}
        assert "share a place" in view.status.value

    def test_menus_are_named_by_reply(self, module, tmp_path):
        public, full = item_of(module, "rank", "practice")
        view = make_view(public, AnswerStore(tmp_path))
        order = view.display.order([o.id for o in full.options], full.id)
        assert list(view.menus) == order  # rows in this learner's order
        assert [m.description for m in view.menus.values()] == [
            f"Place of reply ({letter})" for letter in "abcdef"[:len(order)]]


class TestClassifyView:
    def test_labels_save_and_practice_feedback_names_right_label(self, module, tmp_path):
        public, full = item_of(module, "classify", "practice")
        view = make_view(public, AnswerStore(tmp_path))
        key = dict(full.key)
        oid = full.options[0].id
        view.menus[oid].value = key[oid]
        assert saved(tmp_path, full.id) == {oid: key[oid]}
        view.show_feedback()
        shown = view.display.letters([o.id for o in full.options], full.id)[oid]
        assert f"({shown}) Right" in view.feedback.value


class TestTextViews:
    @pytest.mark.parametrize("kind", ["written_reply", "reflection"])
    def test_typing_saves_and_restores(self, module, tmp_path, kind):
        public, full = item_of(module, kind, "graded")
        make_view(public, AnswerStore(tmp_path)).text.value = "That sounds so heavy."
        assert saved(tmp_path, full.id) == "That sounds so heavy."
        assert make_view(public, AnswerStore(tmp_path)).text.value == "That sounds so heavy."

    def test_practice_example_is_shown_on_request(self, module, tmp_path):
        public, full = item_of(module, "written_reply", "practice")
        view = make_view(public, AnswerStore(tmp_path))
        view.show_feedback()
        assert "One possible reply" in view.feedback.value

    def test_reflection_states_privacy(self, module, tmp_path):
        public, _ = item_of(module, "reflection", "graded")
        view = make_view(public, AnswerStore(tmp_path))
        assert any("not included in grade exports" in getattr(c, "value", "")
                   for c in view.children)

    def test_analyzer_seam_feeds_practice_feedback(self, module, tmp_path):
        """A plugged-in analyzer's HTML shows live under practice replies, never graded ones."""
        from course_utils.items.widgets.text import WrittenReplyView

        public, _ = item_of(module, "written_reply", "practice")
        graded, _ = item_of(module, "written_reply", "graded")

        class Analyzed(WrittenReplyView):
            analyzer = staticmethod(lambda reply, peer: f"<p>seen: {reply}</p>")

        view = Analyzed(public, AnswerStore(tmp_path))
        view.text.value = "mm"
        assert "seen: mm" in view.live.value
        graded_view = Analyzed(graded, AnswerStore(tmp_path))
        graded_view.text.value = "mm"
        assert graded_view.live.value == "" and graded_view.feedback.value == ""

    def test_practice_reply_gets_live_findings_with_marked_words(self, module, tmp_path):
        public, _ = item_of(module, "written_reply", "practice")
        view = make_view(public, AnswerStore(tmp_path))
        view.text.value = "You should call your sister. Don't worry."
        assert "What we noticed" in view.live.value
        assert '<mark class="cps-roadblock"' in view.live.value and "Advising" in view.live.value


class TestKeyboardGuard:
    def test_every_view_carries_a_guard_for_its_item(self, module, tmp_path):
        """The hidden guard keeps JupyterLab shortcuts off the item's controls."""
        from course_utils.items.widgets.guard import KeyboardGuard

        for item in module.items:
            view = make_view(from_public(to_public(item)), AnswerStore(tmp_path))
            guards = [c for c in view.children if isinstance(c, KeyboardGuard)]
            assert len(guards) == 1 and guards[0].item_id == item.id
