"""The ItemView frame: layout, saving, restoring, rendering, keys kept back (items/widgets/base.py)."""

from __future__ import annotations

import json
import shutil
from html import unescape

import ipywidgets as w
import pytest
from IPython.utils.capture import capture_output

from course_utils.core.storage import AnswerStore
from course_utils.core.vocab import MOODS, QUALITY_LABELS
from course_utils.items.public import from_public, to_public
from course_utils.items.render import answer_html, scenario_html
from course_utils.items.widgets import make_view
from course_utils.items.widgets.base import STYLE, ItemView
from course_utils.items.widgets.guard import KeyboardGuard

# Words that only feedback on a keyed answer uses (render.py, render_conversation.py).
VERDICTS = ("Best reply", "Not the best reply", "Applies;", "Does not apply", "Best place",
            "Most to least supportive", "Right:", "Not quite", "Debrief.", "One possible reply",
            "A more present reply", "Score:", *QUALITY_LABELS.values())


def item_of(module, kind: str, mode: str):
    """The learner's (public) copy of the first item of a kind and mode, and the full item."""
    full = next(i for i in module.items if i.kind == kind and i.mode == mode)
    return from_public(to_public(full)), full


def answers_on_disk(folder) -> dict:
    return json.loads((folder / "answers.json").read_text())["answers"]


def shown_text(widget) -> str:
    """Every string a learner can see in a widget tree (values, labels, tooltips), unescaped."""
    parts = [getattr(widget, name, None) for name in ("value", "description", "tooltip", "placeholder")]
    parts = [p for p in parts if isinstance(p, str)]
    parts += [str(label) for label in getattr(widget, "_options_labels", ())]
    parts += [shown_text(child) for child in getattr(widget, "children", ())]
    return unescape("\n".join(parts))


def answer_everything(view) -> None:
    """Give every control of a view an answer, as a learner clicking through it would."""
    kind = view.item.kind
    if kind == "best_response":
        for _, oid in view.radio.options:
            view.radio.value = oid
    elif kind == "select_all":
        for box in view.boxes.values():
            box.value = True
    elif kind == "rank":
        for place, menu in enumerate(view.menus.values(), start=1):
            menu.value = place
    elif kind == "classify":
        for menu in view.menus.values():
            menu.value = menu.options[1][1]
    elif kind in ("written_reply", "reflection"):
        view.text.value = "That sounds like a lot to carry."
    elif kind == "branching":
        while not view.say_button.disabled:
            view.radio.value = view.radio.options[0][1]
            view.say_button.click()


class TestItemView:
    def test_base_class_alone_has_no_controls(self, module, tmp_path):
        """ItemView is abstract: a kind must build its own controls."""
        public, _ = item_of(module, "best_response", "practice")
        with pytest.raises(NotImplementedError):
            ItemView(public, AnswerStore(tmp_path))

    def test_frame_is_scenario_controls_status_feedback_guard(self, module, tmp_path):
        """Every kind shows the scenario first (a role-play its help-now line, then the scenario)
        and ends with status, feedback and the keyboard guard."""
        store = AnswerStore(tmp_path)
        for item in module.items:
            public = from_public(to_public(item))
            view = make_view(public, store)
            children = view.children[1:] if item.kind == "roleplay" else view.children
            header, *_, status, feedback, guard = children
            assert header.value == STYLE + scenario_html(public)
            assert (status, feedback) == (view.status, view.feedback)
            assert isinstance(guard, KeyboardGuard) and guard.item_id == item.id

    @pytest.mark.parametrize("kind", ["best_response", "select_all", "rank", "classify",
                                      "written_reply", "reflection", "branching"])
    def test_css_classes_name_the_kind_and_the_item(self, module, tmp_path, kind):
        public, _ = item_of(module, kind, "graded")
        view = make_view(public, AnswerStore(tmp_path))
        assert view._dom_classes == ("cps-item", f"cps-{kind.replace('_', '-')}", f"cps-id-{public.id}")


class TestRestore:
    def test_fresh_folder_says_not_answered_and_saves_no_answer(self, module, tmp_path):
        public, _ = item_of(module, "best_response", "graded")
        view = make_view(public, AnswerStore(tmp_path))
        assert "Not answered yet" in view.status.value
        assert view.radio.value is None
        assert answers_on_disk(tmp_path) == {}  # only the display seed was written

    def test_opening_a_view_never_rewrites_the_answers_file(self, module, tmp_path):
        """Restoring fills the controls without saving, so saved_at and every byte stay as they were."""
        public, full = item_of(module, "select_all", "graded")
        AnswerStore(tmp_path).set(full.id, [full.options[0].id])
        before = (tmp_path / "answers.json").read_bytes()
        view = make_view(public, AnswerStore(tmp_path))
        assert view.boxes[full.options[0].id].value is True
        assert "Your saved answer was restored." in view.status.value
        assert (tmp_path / "answers.json").read_bytes() == before

    def test_answer_that_cannot_be_shown_stays_in_the_file(self, module, tmp_path):
        """A saved answer the controls reject is reported, and kept until the learner answers again."""
        public, full = item_of(module, "rank", "graded")
        AnswerStore(tmp_path).set(full.id, ["not", "a", "mapping"])
        view = make_view(public, AnswerStore(tmp_path))
        assert "could not be shown; please answer again" in view.status.value
        assert all(menu.value is None for menu in view.menus.values())
        assert answers_on_disk(tmp_path)[full.id]["value"] == ["not", "a", "mapping"]

    def test_restore_does_not_count_as_a_change(self, module, tmp_path):
        """Restoring a practice answer does not save it again (saved_at and every byte stay)."""
        public, full = item_of(module, "best_response", "practice")
        AnswerStore(tmp_path).set(full.id, full.options[0].id)
        before = (tmp_path / "answers.json").read_bytes()
        view = make_view(public, AnswerStore(tmp_path))
        assert view.radio.value == full.options[0].id
        assert (tmp_path / "answers.json").read_bytes() == before

    @pytest.mark.parametrize("kind", ["best_response", "select_all", "rank", "classify", "branching"])
    def test_restored_practice_answer_shows_the_feedback_a_check_would(self, module, tmp_path, kind):
        """Reopening a practice item shows the feedback of its saved answer, not an empty box."""
        public, _ = item_of(module, kind, "practice")
        first = make_view(public, AnswerStore(tmp_path))
        answer_everything(first)
        first.show_feedback()
        again = make_view(public, AnswerStore(tmp_path))
        assert again.feedback.value == first.feedback.value != ""
        assert "Your saved answer was restored." in again.status.value

    @pytest.mark.parametrize("kind", ["best_response", "select_all", "rank", "classify",
                                      "written_reply", "reflection", "branching"])
    def test_restored_graded_answer_shows_no_verdict(self, module, tmp_path, kind):
        public, _ = item_of(module, kind, "graded")
        answer_everything(make_view(public, AnswerStore(tmp_path)))
        again = make_view(public, AnswerStore(tmp_path))
        assert again.feedback.value == ""
        assert not [v for v in VERDICTS if v in shown_text(again)]

    def test_restored_empty_practice_answer_shows_no_feedback(self, module, tmp_path):
        """An answer cleared back to nothing restores as unanswered: no list of right answers."""
        public, full = item_of(module, "select_all", "practice")
        AnswerStore(tmp_path).set(full.id, [])
        view = make_view(public, AnswerStore(tmp_path))
        assert view.feedback.value == ""


class TestOnChange:
    def test_practice_change_says_saved(self, module, tmp_path):
        public, full = item_of(module, "best_response", "practice")
        view = make_view(public, AnswerStore(tmp_path))
        view.radio.value = full.options[1].id
        assert ">Saved.</div>" in view.status.value
        assert answers_on_disk(tmp_path)[full.id]["value"] == full.options[1].id

    def test_graded_change_says_feedback_comes_with_grades(self, module, tmp_path):
        public, full = item_of(module, "classify", "graded")
        view = make_view(public, AnswerStore(tmp_path))
        view.menus[full.options[0].id].value = "supportive"
        assert "graded after you submit; its feedback comes back with your grades" in view.status.value
        assert answers_on_disk(tmp_path)[full.id]["value"] == {full.options[0].id: "supportive"}

    def test_failed_save_says_not_saved_and_keeps_earlier_answers(self, module, tmp_path):
        """With the folder gone, the learner is told; once it is back, nothing answered before is lost."""
        folder = tmp_path / "being_present"
        folder.mkdir()
        store = AnswerStore(folder)
        first, first_full = item_of(module, "best_response", "graded")
        second, second_full = item_of(module, "best_response", "practice")
        make_view(first, store).radio.value = first_full.options[2].id
        view = make_view(second, store)
        shutil.rmtree(folder)
        view.radio.value = second_full.options[0].id
        assert "Not saved: Could not save your answer to" in view.status.value
        assert str(folder / "answers.json") in view.status.value
        assert view.radio.value == second_full.options[0].id  # the learner's choice is still shown
        assert view.feedback.value == ""  # no feedback on an answer that was not saved
        folder.mkdir()
        view.radio.value = second_full.options[1].id
        assert ">Saved.</div>" in view.status.value
        on_disk = answers_on_disk(folder)
        assert on_disk[first_full.id]["value"] == first_full.options[2].id
        assert on_disk[second_full.id]["value"] == second_full.options[1].id


class TestShowFeedback:
    def test_practice_feedback_carries_the_score_note(self, module, tmp_path):
        public, full = item_of(module, "best_response", "practice")
        view = make_view(public, AnswerStore(tmp_path))
        view.radio.value = full.key
        assert view.feedback.value.startswith('<div role="status" aria-live="polite">')
        # the verdict comes first, once
        assert "<p><strong>You chose the most supportive reply.</strong></p>" in view.feedback.value
        assert view.feedback.value.count("You chose the most supportive reply.") == 1

    def test_practice_feedback_with_no_answer_says_none_chosen(self, module, tmp_path):
        public, _ = item_of(module, "best_response", "practice")
        view = make_view(public, AnswerStore(tmp_path))
        view.show_feedback()
        assert "No reply was chosen." in view.feedback.value
        assert "(your choice)" not in view.feedback.value

    @pytest.mark.parametrize("kind", ["best_response", "select_all", "rank", "classify",
                                      "written_reply", "reflection", "branching"])
    def test_graded_item_shows_no_key_whatever_the_learner_does(self, module, tmp_path, kind):
        """No explanation, verdict, mood, debrief or example of a graded item reaches the learner."""
        public, full = item_of(module, kind, "graded")
        view = make_view(public, AnswerStore(tmp_path))
        answer_everything(view)
        view.show_feedback()
        for button in [c for c in view.children if isinstance(c, w.Button)]:
            button.click()
        assert view.feedback.value == ""
        plain = answer_html(view.item, view.store.get(view.item.id), view.display)
        shown = shown_text(view) + unescape(plain)
        secrets = [o.explanation for o in full.options]
        secrets += [r.explanation for t in full.turns for r in t.replies]
        secrets += [full.debrief, full.example]
        leaked = [s for s in secrets if len(s) >= 20 and s in shown]
        assert not leaked
        assert not [v for v in VERDICTS if v in shown]
        assert not [m for m in MOODS.values() if f"({m})" in shown]
        assert answers_on_disk(tmp_path)[full.id]["value"] == view.read_answer()


class TestCheckButton:
    def test_practice_gets_a_button_that_shows_feedback(self, module, tmp_path):
        public, full = item_of(module, "rank", "practice")
        view = make_view(public, AnswerStore(tmp_path))
        [button] = view.check_button()
        assert button.description == "Check my answer"
        assert button.tooltip == "Show feedback on this practice item"
        for place, option in enumerate(full.options, start=1):
            view.menus[option.id].value = place
        assert view.feedback.value == ""
        button.click()
        assert "you put it 1" in view.feedback.value

    def test_button_looks_like_a_button(self, module, tmp_path):
        """A coloured button with a tick, not a plain grey box among the text."""
        public, _ = item_of(module, "select_all", "practice")
        [button] = make_view(public, AnswerStore(tmp_path)).check_button()
        assert (button.button_style, button.icon) == ("primary", "check")

    def test_graded_gets_no_button(self, module, tmp_path):
        public, _ = item_of(module, "rank", "graded")
        assert make_view(public, AnswerStore(tmp_path)).check_button() == []


class TestWatch:
    def test_handler_is_called_on_each_value_change(self, module, tmp_path):
        public, _ = item_of(module, "written_reply", "graded")
        view = make_view(public, AnswerStore(tmp_path))
        seen = []
        extra = w.Text(value="")
        view.watch([extra], lambda change: seen.append(change["new"]))
        extra.value = "a"
        extra.value = "ab"
        assert seen == ["a", "ab"]

    def test_without_handler_a_watched_control_saves_the_answer(self, module, tmp_path):
        public, full = item_of(module, "written_reply", "graded")
        view = make_view(public, AnswerStore(tmp_path))
        extra = w.Checkbox(value=False)
        view.watch([extra])
        view.text.value = "typed"  # saved once by the text area's own watch
        (tmp_path / "answers.json").unlink()
        extra.value = True  # saved again by on_change, with whatever the controls read now
        assert answers_on_disk(tmp_path)[full.id]["value"] == "typed"


class TestNoPlainCopy:
    def test_a_view_and_its_changes_display_nothing_of_their_own(self, module, tmp_path, shell):
        """The widget shows the answer; no second copy naming the item id appears under it."""
        public, full = item_of(module, "best_response", "graded")
        with capture_output() as out:
            view = make_view(public, AnswerStore(tmp_path))
            view.radio.value = full.options[0].id
        assert out.outputs == []
        assert not hasattr(view, "show_rendering")


class TestShownOptions:
    def test_every_option_once_lettered_in_display_order(self, module, tmp_path):
        public, full = item_of(module, "select_all", "practice")
        view = make_view(public, AnswerStore(tmp_path))
        shown = view.shown_options()
        assert [letter for letter, _ in shown] == list("abcdefgh"[:len(full.options)])
        assert sorted(o.id for _, o in shown) == sorted(o.id for o in full.options)
        assert [o.id for _, o in shown] == view.display.order([o.id for o in full.options], full.id)

    def test_order_is_the_same_after_a_restart(self, module, tmp_path, monkeypatch):
        """The display seed is saved with the answers, so a new kernel shows the same order."""
        monkeypatch.delenv("JUPYTERHUB_USER", raising=False)  # no hub user: a random seed
        public, _ = item_of(module, "rank", "practice")
        first = make_view(public, AnswerStore(tmp_path)).shown_options()
        seed = json.loads((tmp_path / "answers.json").read_text())["display_seed"]
        assert seed.startswith("random:")
        assert make_view(public, AnswerStore(tmp_path)).shown_options() == first

    def test_hub_user_sees_the_same_order_in_any_folder(self, module, tmp_path, monkeypatch):
        monkeypatch.setenv("JUPYTERHUB_USER", "learner-7")
        public, _ = item_of(module, "classify", "graded")
        (tmp_path / "one").mkdir()
        (tmp_path / "two").mkdir()
        one = make_view(public, AnswerStore(tmp_path / "one"))
        two = make_view(public, AnswerStore(tmp_path / "two"))
        assert one.display.seed == "user:learner-7"
        assert one.shown_options() == two.shown_options()

    def test_answers_saved_before_seeds_keep_the_content_order(self, module, tmp_path):
        public, full = item_of(module, "select_all", "graded")
        (tmp_path / "answers.json").write_text(json.dumps(
            {"format": 1, "answers": {"bp-first-words": {"value": "b"}}}))
        view = make_view(public, AnswerStore(tmp_path))
        assert [o.id for _, o in view.shown_options()] == [o.id for o in full.options]
        assert "display_seed" not in json.loads((tmp_path / "answers.json").read_text())


class TestDamagedAnswersFile:
    def test_unreadable_file_is_kept_aside_and_new_answers_saved(self, module, tmp_path):
        damaged = b'{"format": 1, "answers": {"bp-first-words": {"value": "b"'
        (tmp_path / "answers.json").write_bytes(damaged)
        public, full = item_of(module, "best_response", "practice")
        view = make_view(public, AnswerStore(tmp_path))
        assert "Not answered yet" in view.status.value
        [kept] = tmp_path.glob("answers.unreadable-*.json")
        assert kept.read_bytes() == damaged
        view.radio.value = full.options[0].id
        assert {k: v["value"] for k, v in answers_on_disk(tmp_path).items()} == {full.id: full.options[0].id}
        assert kept.read_bytes() == damaged

    def test_file_damaged_while_open_loses_no_answer(self, module, tmp_path):
        """A save over a file damaged since it was read keeps the damaged copy and every answer."""
        store = AnswerStore(tmp_path)
        first, first_full = item_of(module, "best_response", "practice")
        second, second_full = item_of(module, "best_response", "graded")
        make_view(first, store).radio.value = first_full.options[0].id
        view = make_view(second, store)
        (tmp_path / "answers.json").write_text("{ half a file")
        view.radio.value = second_full.options[1].id
        on_disk = answers_on_disk(tmp_path)
        assert on_disk[first_full.id]["value"] == first_full.options[0].id
        assert on_disk[second_full.id]["value"] == second_full.options[1].id
        [kept] = tmp_path.glob("answers.unreadable-*.json")
        assert kept.read_text() == "{ half a file"

    def test_partly_damaged_file_restores_the_good_answers(self, module, tmp_path):
        public, full = item_of(module, "rank", "graded")
        places = {o.id: n for n, o in enumerate(full.options, start=1)}
        (tmp_path / "answers.json").write_text(json.dumps({"format": 1, "answers": {
            full.id: {"value": places}, "broken": "no value here"}}))
        view = make_view(public, AnswerStore(tmp_path))
        assert {oid: m.value for oid, m in view.menus.items()} == places
        assert "restored" in view.status.value
        [kept] = tmp_path.glob("answers.unreadable-*.json")
        assert json.loads(kept.read_text())["answers"]["broken"] == "no value here"

