"""Rank and classify widgets (course_utils/items/widgets/order.py): one drop-down per reply or statement."""

from __future__ import annotations

import json
import shutil
from html import escape

import ipywidgets as w
import pytest

from course_utils.core.storage import AnswerStore
from course_utils.core.vocab import LABEL_TITLES
from course_utils.items.public import from_public, to_public
from course_utils.items.scoring import score_item
from course_utils.items.widgets.order import ClassifyView, RankView

PLACE = ("Choose a place", None)
LABEL = ("Choose a label", None)


def item_of(module, kind: str, mode: str):
    """The learner's (public) copy of the first item of a kind and mode, and the full item."""
    full = next(i for i in module.items if i.kind == kind and i.mode == mode)
    return from_public(to_public(full)), full


def saved(folder, item_id):
    return json.loads((folder / "answers.json").read_text())["answers"][item_id]["value"]


def buttons(view) -> list[str]:
    return [c.description for c in view.children if isinstance(c, w.Button)]


def check(view) -> None:
    next(c for c in view.children if isinstance(c, w.Button)).click()


class TestRankView:
    def test_places_run_from_most_to_least_supportive_after_a_placeholder(self, module, tmp_path):
        public, full = item_of(module, "rank", "graded")
        view = RankView(public, AnswerStore(tmp_path))
        n = len(full.options)
        middle = [(str(p), p) for p in range(2, n)]
        expected = [PLACE, ("1 (most supportive)", 1), *middle, (f"{n} (least supportive)", n)]
        for menu in view.menus.values():
            assert list(zip(menu._options_labels, menu._options_values, strict=True)) == expected
            assert menu.value is None

    def test_each_reply_is_shown_escaped_above_its_menu(self, module, tmp_path):
        public, _ = item_of(module, "rank", "graded")
        view = RankView(public, AnswerStore(tmp_path))
        rows = [c.value for c in view.children[1:-3] if isinstance(c, w.HTML)]
        assert rows == [f"<p><strong>({letter})</strong> {escape(o.text)}</p>"
                        for letter, o in view.shown_options()]

    def test_blanking_a_menu_drops_that_reply_from_the_answer(self, module, tmp_path):
        public, full = item_of(module, "rank", "graded")
        view = RankView(public, AnswerStore(tmp_path))
        a, b = full.options[0].id, full.options[1].id
        view.menus[a].value = 2
        view.menus[b].value = 1
        view.menus[a].value = None
        assert saved(tmp_path, full.id) == {b: 1}

    def test_distinct_places_save_without_a_warning(self, module, tmp_path):
        public, full = item_of(module, "rank", "graded")
        view = RankView(public, AnswerStore(tmp_path))
        for place, option in enumerate(full.options, start=1):
            view.menus[option.id].value = place
        assert "share a place" not in view.status.value
        assert "graded after you submit" in view.status.value

    def test_shared_place_warning_goes_once_places_differ(self, module, tmp_path):
        public, full = item_of(module, "rank", "practice")
        view = RankView(public, AnswerStore(tmp_path))
        a, b = full.options[0].id, full.options[1].id
        view.menus[a].value = 1
        view.menus[b].value = 1
        assert "Two replies share a place" in view.status.value
        view.menus[b].value = 2
        assert ">Saved.</div>" in view.status.value
        assert saved(tmp_path, full.id) == {a: 1, b: 2}

    def test_key_order_saves_an_answer_worth_full_points(self, module, tmp_path):
        """The learner's copy has no key; what it saves still scores against the full item."""
        public, full = item_of(module, "rank", "graded")
        assert public.key is None
        view = RankView(public, AnswerStore(tmp_path))
        for place, oid in enumerate(full.key, start=1):
            view.menus[oid].value = place
        assert saved(tmp_path, full.id) == {oid: p for p, oid in enumerate(full.key, start=1)}
        assert score_item(full, saved(tmp_path, full.id)).earned == full.points

    def test_practice_check_shows_the_best_order(self, module, tmp_path):
        public, full = item_of(module, "rank", "practice")
        view = RankView(public, AnswerStore(tmp_path))
        for place, oid in enumerate(reversed(full.key), start=1):
            view.menus[oid].value = place
        assert buttons(view) == ["Check my answer"]
        assert view.feedback.value == ""  # rank feedback waits for the button
        check(view)
        n = len(full.key)
        assert "Most to least supportive" in view.feedback.value
        assert f"Best place 1; you put it {n}." in view.feedback.value

    def test_unfinished_ranking_says_what_to_do_and_shows_no_order(self, module, tmp_path):
        """Checking before every reply has a place reveals nothing, and says what to do."""
        public, full = item_of(module, "rank", "practice")
        view = RankView(public, AnswerStore(tmp_path))
        view.menus[full.key[0]].value = 1
        check(view)
        assert view.feedback.value == ""
        assert "Put every reply in a place first" in view.status.value

    def test_ranking_with_a_shared_place_is_not_checked(self, module, tmp_path):
        public, full = item_of(module, "rank", "practice")
        view = RankView(public, AnswerStore(tmp_path))
        for oid in full.key:
            view.menus[oid].value = 1
        check(view)
        assert view.feedback.value == ""
        assert "Give each reply its own place first" in view.status.value

    def test_check_after_an_unfinished_one_clears_nothing_it_should_not(self, module, tmp_path):
        """An earlier full check's feedback goes once the ranking is unfinished again and checked."""
        public, full = item_of(module, "rank", "practice")
        view = RankView(public, AnswerStore(tmp_path))
        for place, oid in enumerate(full.key, start=1):
            view.menus[oid].value = place
        check(view)
        assert "Most to least supportive" in view.feedback.value
        view.menus[full.key[0]].value = None
        check(view)
        assert view.feedback.value == ""

    def test_graded_has_no_check_and_shows_no_order(self, module, tmp_path):
        public, full = item_of(module, "rank", "graded")
        view = RankView(public, AnswerStore(tmp_path))
        view.menus[full.options[0].id].value = 1
        view.show_feedback()
        assert buttons(view) == []
        assert view.feedback.value == ""

    def test_restore_sets_each_menu_and_leaves_the_rest_blank(self, module, tmp_path):
        public, full = item_of(module, "rank", "graded")
        places = {full.options[0].id: 3, full.options[2].id: 1}
        AnswerStore(tmp_path).set(full.id, places)
        view = RankView(public, AnswerStore(tmp_path))
        assert {oid: m.value for oid, m in view.menus.items()} == {
            o.id: places.get(o.id) for o in full.options}
        assert "restored" in view.status.value

    @pytest.mark.parametrize("damaged", ["c, a, d, b", {"a": "first"}, {"a": 99}])
    def test_saved_answer_the_menus_cannot_hold_is_reported_and_kept(self, module, tmp_path, damaged):
        public, full = item_of(module, "rank", "graded")
        AnswerStore(tmp_path).set(full.id, damaged)
        view = RankView(public, AnswerStore(tmp_path))
        assert "could not be shown; please answer again" in view.status.value
        assert saved(tmp_path, full.id) == damaged

    def test_failed_save_with_a_shared_place_still_says_not_saved(self, module, tmp_path):
        folder = tmp_path / "being_present"
        folder.mkdir()
        public, full = item_of(module, "rank", "graded")
        view = RankView(public, AnswerStore(folder))
        shutil.rmtree(folder)
        view.menus[full.options[0].id].value = 1
        assert "Not saved" in view.status.value
        view.menus[full.options[1].id].value = 1  # a shared place, and still no folder
        assert not folder.exists()
        assert "Not saved" in view.status.value


class TestClassifyView:
    def test_labels_are_the_items_labels_by_full_title_after_a_placeholder(self, module, tmp_path):
        public, full = item_of(module, "classify", "graded")
        view = ClassifyView(public, AnswerStore(tmp_path))
        expected = [LABEL, *[(LABEL_TITLES[label], label) for label in full.labels]]
        assert all(list(zip(m._options_labels, m._options_values, strict=True)) == expected
                   for m in view.menus.values())

    def test_menus_are_named_by_statement(self, module, tmp_path):
        public, _ = item_of(module, "classify", "graded")
        view = ClassifyView(public, AnswerStore(tmp_path))
        letters = {o.id: letter for letter, o in view.shown_options()}
        assert {oid: m.description for oid, m in view.menus.items()} == {
            oid: f"Label for statement ({letter})" for oid, letter in letters.items()}

    def test_key_labels_save_an_answer_worth_full_points(self, module, tmp_path):
        public, full = item_of(module, "classify", "graded")
        assert public.key is None
        view = ClassifyView(public, AnswerStore(tmp_path))
        for oid, label in full.key:
            view.menus[oid].value = label
        assert saved(tmp_path, full.id) == dict(full.key)
        assert score_item(full, saved(tmp_path, full.id)).earned == full.points

    def test_practice_wrong_label_names_the_right_one_and_the_learners(self, module, tmp_path):
        public, full = item_of(module, "classify", "practice")
        view = ClassifyView(public, AnswerStore(tmp_path))
        oid, right = full.key[0]
        wrong = next(label for label in full.labels if label != right)
        view.menus[oid].value = wrong
        view.show_feedback()
        letter = {o.id: shown for shown, o in view.shown_options()}[oid]
        assert (f"({letter}) Not quite: {LABEL_TITLES[right]}</strong> "
                f"(you said: {LABEL_TITLES[wrong]})") in view.feedback.value
        assert f"<p><strong>{score_item(full, {oid: wrong}).note}</strong></p>" in view.feedback.value

    def test_graded_labels_get_no_feedback(self, module, tmp_path):
        public, full = item_of(module, "classify", "graded")
        view = ClassifyView(public, AnswerStore(tmp_path))
        view.menus[full.options[0].id].value = full.labels[0]
        view.show_feedback()
        assert buttons(view) == []
        assert view.feedback.value == ""

    def test_saved_label_the_item_does_not_offer_is_reported_and_kept(self, module, tmp_path):
        public, full = item_of(module, "classify", "graded")
        unknown = next(t for t in LABEL_TITLES if t not in full.labels)
        AnswerStore(tmp_path).set(full.id, {full.options[0].id: unknown})
        view = ClassifyView(public, AnswerStore(tmp_path))
        assert "could not be shown" in view.status.value
        assert saved(tmp_path, full.id) == {full.options[0].id: unknown}

    def test_restore_after_restart_shows_the_same_labels(self, module, tmp_path):
        public, full = item_of(module, "classify", "graded")
        view = ClassifyView(public, AnswerStore(tmp_path))
        for option, label in zip(full.options, full.labels, strict=False):
            view.menus[option.id].value = label
        again = ClassifyView(public, AnswerStore(tmp_path))
        assert again.read_answer() == view.read_answer() == saved(tmp_path, full.id)
        assert len(again.read_answer()) == min(len(full.options), len(full.labels))


class TestMenus:
    @pytest.mark.parametrize(("kind", "placeholder"), [("rank", PLACE), ("classify", LABEL)])
    def test_each_menu_opens_on_its_placeholder_not_a_blank(self, module, tmp_path, kind, placeholder):
        """index 0 is the placeholder on screen; ipywidgets shows an empty box for index None."""
        public, _ = item_of(module, kind, "practice")
        view = (RankView if kind == "rank" else ClassifyView)(public, AnswerStore(tmp_path))
        for menu in view.menus.values():
            assert (menu.index, menu.label, menu.value) == (0, placeholder[0], None)

    def test_a_menu_set_back_to_no_answer_shows_its_placeholder(self, module, tmp_path):
        public, full = item_of(module, "classify", "graded")
        view = ClassifyView(public, AnswerStore(tmp_path))
        menu = view.menus[full.options[0].id]
        menu.value = full.labels[0]
        menu.value = None
        assert (menu.index, menu.label) == (0, "Choose a label")
        assert saved(tmp_path, full.id) == {}

    def test_choosing_the_placeholder_saves_the_statement_as_unanswered(self, module, tmp_path):
        """Picking the placeholder on screen (index 0) leaves the statement out, as a blank did."""
        public, full = item_of(module, "classify", "graded")
        view = ClassifyView(public, AnswerStore(tmp_path))
        a, b = full.options[0].id, full.options[1].id
        view.menus[a].value = full.labels[0]
        view.menus[b].value = full.labels[1]
        view.menus[a].index = 0
        assert saved(tmp_path, full.id) == {b: full.labels[1]}

    def test_restored_answer_leaves_unanswered_menus_on_the_placeholder(self, module, tmp_path):
        public, full = item_of(module, "classify", "graded")
        AnswerStore(tmp_path).set(full.id, {full.options[0].id: full.labels[0]})
        view = ClassifyView(public, AnswerStore(tmp_path))
        assert [m.index for oid, m in view.menus.items() if oid != full.options[0].id] == \
            [0] * (len(full.options) - 1)

    @pytest.mark.parametrize("kind", ["rank", "classify"])
    def test_menus_grow_to_fit_their_longest_label(self, module, tmp_path, kind):
        """Not ipywidgets' fixed 300px, which cut 'Advising, giving solutions' short."""
        public, _ = item_of(module, kind, "graded")
        view = (RankView if kind == "rank" else ClassifyView)(public, AnswerStore(tmp_path))
        assert all((m.layout.width, m.layout.max_width) == ("auto", "100%") for m in view.menus.values())

    def test_menus_are_named_for_screen_readers(self, module, tmp_path):
        """ipywidgets draws the description as the select's <label>: its accessible name."""
        public, _ = item_of(module, "classify", "practice")
        view = ClassifyView(public, AnswerStore(tmp_path))
        assert all(m.description.startswith("Label for statement (") for m in view.menus.values())
