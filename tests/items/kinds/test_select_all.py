"""Select all that apply: right picks minus wrong picks (course_utils/items/kinds/select_all.py)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from course_utils.core.display_order import IN_FILE_ORDER, DisplayOrder
from course_utils.core.storage import AnswerStore
from course_utils.items.kind import kind_of
from course_utils.items.kinds.select_all import SelectAll, fraction_select_all
from course_utils.items.model import Item, Option, Scenario

KIND = kind_of("select_all")
SEEDED = DisplayOrder("learner-1")
IDS = ["a", "b", "c", "d"]


def item(key: tuple[str, ...] = ("a", "c")) -> Item:
    options = tuple(Option(i, f"Cue {i} & more.", f"Why {i}.") for i in IDS)
    return Item(id="jo-night", kind="select_all", mode="graded", prompt="?", scenario=Scenario("s"),
                competencies=(1,), points=2.0, options=options, key=key)


def collector():
    """A `bad` callback and the (field, message) pairs it received."""
    said: list[tuple[str, str]] = []
    return (lambda field, message: said.append((field, message))), said


class Guesser:
    """A test-wise learner that ticks the first and last option shown, and notes what it was shown."""

    reply = "I hear you."

    def __init__(self) -> None:
        self.shown: list[tuple[list[str], list[str]]] = []

    def rank(self, item, ids, texts):
        raise AssertionError("a select-all guess picks, it does not rank")

    def picks(self, item, ids, texts):
        self.shown.append((list(ids), list(texts)))
        return [ids[0], ids[-1]]

    def label(self, item, text):
        raise AssertionError("a select-all guess picks, it does not label")


class TestRegistration:
    def test_the_kind_is_registered_with_three_to_eight_options(self):
        assert isinstance(KIND, SelectAll)
        assert KIND.fields == {"options", "key"} and KIND.option_counts == (3, 8)


class TestParse:
    def test_missing_key_says_auto_graded_items_need_the_answer(self):
        bad, said = collector()
        raw = {"options": [{"id": i, "text": f"R {i}", "explanation": "e"} for i in "abc"]}
        assert KIND.parse(raw, "graded", (), bad)["key"] is None
        assert said == [("key", "missing: auto-graded items need the right answer")]

    def test_key_is_stored_as_a_tuple(self):
        bad, said = collector()
        raw = {"options": [{"id": i, "text": f"R {i}", "explanation": "e"} for i in "abc"], "key": ["c", "a"]}
        assert KIND.parse(raw, "graded", (), bad)["key"] == ("c", "a")
        assert said == []


class TestCheckKey:
    def check(self, key):
        bad, said = collector()
        return KIND.check_key(key, ["a", "b", "c"], {}, bad), said

    @pytest.mark.parametrize("key", [[], ["a", "d"], ["a", "a"], "a", {"a": 1}])
    def test_key_must_be_distinct_option_ids(self, key):
        assert self.check(key) == (None, [("key", "give a list of the option ids that apply (a, b, c)")])

    def test_key_may_be_every_option(self):
        assert self.check(["c", "a", "b"]) == (("c", "a", "b"), [])


class TestWellFormed:
    @pytest.mark.parametrize("answer", [[], ["a"], ["a", "zz"]])
    def test_a_list_of_ids_is_well_formed(self, answer):
        assert KIND.well_formed(answer)

    @pytest.mark.parametrize("answer", ["a", [1], {"a": True}, None])
    def test_anything_else_is_not(self, answer):
        assert not KIND.well_formed(answer)


class TestFractionSelectAll:
    @pytest.mark.parametrize(
        ("answer", "expected"),
        [(["a", "c"], 1.0), (["a"], 0.5), (["a", "b"], 0.0), (["a", "c", "d"], 0.5),
         ([], 0.0), (["b", "d"], 0.0), (["a", "zz"], 0.5)],
    )
    def test_right_minus_wrong_over_right_floored(self, answer, expected):
        """(right picks - wrong picks) / number keyed, never below 0; unknown ids ignored."""
        assert fraction_select_all(answer, ("a", "c"), ("a", "b", "c", "d"))[0] == expected

    @pytest.mark.parametrize(("answer", "note"), [
        (["a", "d"], "You selected 1 of the 2 that apply, and 1 that does not. Each one selected that "
                     "does not apply cancels one that does: select only the ones that fit."),
        (["a", "c", "b", "d"], "You selected all 2 that apply, and 2 that do not. Each one selected that "
                               "does not apply cancels one that does: select only the ones that fit."),
        (["a"], "You selected 1 of the 2 that apply; you missed 1."),
        (["a", "c"], "You selected all 2 that apply, and nothing else."),
        ([], "You did not select anything."), (None, "You did not select anything.")])
    def test_note_says_in_words_what_was_found_missed_and_wrongly_selected(self, answer, note):
        assert fraction_select_all(answer, ("a", "c"), IDS)[1] == note

    def test_note_with_one_that_applies(self):
        assert fraction_select_all(["a", "b"], ("a",), IDS)[1].startswith(
            "You selected the one that applies, and 1 that does not.")

    def test_no_answer_scores_zero(self):
        assert fraction_select_all(None, ("a", "c"), IDS)[0] == 0.0


class TestFraction:
    def test_picks_outside_the_items_options_are_ignored(self):
        assert KIND.fraction(item(), ["a", "zz"])[0] == 0.5

    def test_an_item_without_options_counts_the_key_as_its_options(self):
        assert KIND.fraction(replace(item(), options=()), ["a", "c"])[0] == 1.0


class TestAnswerText:
    def test_ticked_options_in_the_learners_order_with_their_letters(self):
        shown = SEEDED.order(IDS, "jo-night")
        assert shown != IDS
        picked = [f"({'abcd'[n]}) Cue {oid} & more." for n, oid in enumerate(shown) if oid in ("d", "a")]
        assert KIND.answer_text(item(), ["d", "a"], SEEDED) == "Selected: " + "; ".join(picked)

    def test_nothing_ticked_says_nothing(self):
        assert KIND.answer_text(item(), [], IN_FILE_ORDER) == "Selected: nothing"

    def test_ids_the_item_does_not_have_are_left_out(self):
        assert KIND.answer_text(item(), ["b", "zz"], IN_FILE_ORDER) == "Selected: (b) Cue b & more."


class TestFeedbackHtml:
    def test_each_option_says_whether_it_applies_and_whether_it_was_ticked(self):
        html = KIND.feedback_html(item(), ["a", "b"], IN_FILE_ORDER)
        assert not html.startswith("<p>")
        assert "<strong>(a) Applies; you selected it.</strong> Cue a &amp; more." in html
        assert "<strong>(b) Does not apply; you selected it.</strong>" in html
        assert "<strong>(c) Applies; you did not select it.</strong>" in html
        assert "<strong>(d) Does not apply; you did not select it.</strong>" in html

    @pytest.mark.parametrize("answer", [[], None])
    def test_nothing_ticked_lists_every_option_unselected(self, answer):
        """The verdict ("You did not select anything.") is the note, which render puts first."""
        html = KIND.feedback_html(item(), answer, IN_FILE_ORDER)
        assert html.startswith("<ul>") and html.count("you did not select it") == 4

    def test_options_follow_the_learners_order_and_letters(self):
        shown = SEEDED.order(IDS, "jo-night")
        lines = KIND.feedback_lines(item(), ["c"], SEEDED)
        n = shown.index("c")
        assert lines[n] == f"- ({'abcd'[n]}) Applies; you selected it. Cue c & more. Why c."
        assert [line.split(") ")[0] for line in lines] == ["- (a", "- (b", "- (c", "- (d"]


class TestView:
    def test_is_the_select_all_widget(self, tmp_path):
        from course_utils.items.widgets.choice import SelectAllView

        assert isinstance(KIND.view(item(), AnswerStore(tmp_path)), SelectAllView)


class TestSimulate:
    def test_certain_learner_ticks_exactly_the_key(self):
        answer = KIND.simulate(item(), 1.0, random.Random(0))
        assert answer == ["a", "c"] and KIND.fraction(item(), answer)[0] == 1.0

    def test_hopeless_learner_ticks_exactly_the_wrong_options(self):
        answer = KIND.simulate(item(), 0.0, random.Random(0))
        assert answer == ["b", "d"] and KIND.fraction(item(), answer)[0] == 0.0

    def test_answers_are_distinct_option_ids(self):
        rng = random.Random(1)
        for _ in range(30):
            answer = KIND.simulate(item(), 0.5, rng)
            assert KIND.well_formed(answer) and set(answer) <= set(IDS) and len(set(answer)) == len(answer)


class TestGuess:
    def test_is_what_the_guesser_ticks_of_the_options_as_shown(self):
        guesser = Guesser()
        shown = SEEDED.order(IDS, "jo-night")
        assert KIND.guess(item(), SEEDED, guesser) == [shown[0], shown[-1]]
        assert guesser.shown == [(shown, [f"Cue {oid} & more." for oid in shown])]


class TestKeyedOption:
    def test_there_is_no_single_keyed_option(self):
        assert KIND.keyed_option(item()) is None
