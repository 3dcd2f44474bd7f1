"""Rank the replies: agreement with the key's order beyond chance (course_utils/items/kinds/rank.py)."""

from __future__ import annotations

import random
from itertools import permutations

import pytest

from course_utils.core.display_order import IN_FILE_ORDER, DisplayOrder
from course_utils.core.storage import AnswerStore
from course_utils.items.kind import kind_of
from course_utils.items.kinds.rank import Rank, fraction_rank
from course_utils.items.model import Item, Option, Scenario

KIND = kind_of("rank")
SEEDED = DisplayOrder("learner-1")
IDS = ["a", "b", "c", "d"]
KEY = ("c", "a", "d", "b")


def item(key: tuple[str, ...] = KEY) -> Item:
    options = tuple(Option(i, f"Reply {i} <{i}>.", f"Why {i}.") for i in IDS)
    return Item(id="jo-night", kind="rank", mode="graded", prompt="?", scenario=Scenario("s"),
                competencies=(1,), points=2.0, options=options, key=key)


def places(order) -> dict[str, int]:
    return {oid: n for n, oid in enumerate(order, start=1)}


def collector():
    """A `bad` callback and the (field, message) pairs it received."""
    said: list[tuple[str, str]] = []
    return (lambda field, message: said.append((field, message))), said


class Guesser:
    """A test-wise learner that likes the shown replies last to first, and notes what it was shown."""

    reply = "I hear you."

    def __init__(self) -> None:
        self.shown: list[tuple[list[str], list[str]]] = []

    def rank(self, item, ids, texts):
        self.shown.append((list(ids), list(texts)))
        return list(reversed(ids))

    def picks(self, item, ids, texts):
        raise AssertionError("a rank guess ranks, it does not pick")

    def label(self, item, text):
        raise AssertionError("a rank guess ranks, it does not label")


class TestRegistration:
    def test_the_kind_is_registered_with_three_to_six_options(self):
        assert isinstance(KIND, Rank)
        assert KIND.fields == {"options", "key"} and KIND.option_counts == (3, 6)


class TestParse:
    def test_missing_key_says_auto_graded_items_need_the_answer(self):
        bad, said = collector()
        raw = {"options": [{"id": i, "text": f"R {i}", "explanation": "e"} for i in "abc"]}
        assert KIND.parse(raw, "graded", (), bad)["key"] is None
        assert said == [("key", "missing: auto-graded items need the right answer")]


class TestCheckKey:
    def check(self, key):
        bad, said = collector()
        return KIND.check_key(key, ["a", "b", "c"], {}, bad), said

    def test_every_option_once_in_another_order_is_the_key(self):
        assert self.check(["c", "a", "b"]) == (("c", "a", "b"), [])

    @pytest.mark.parametrize("key", [["a", "b"], ["a", "b", "b"], ["a", "b", "c", "d"], "abc"])
    def test_key_must_list_every_option_once(self, key):
        assert self.check(key) == (None, [("key", "list every option id once, most to least supportive")])

    def test_key_in_the_shown_order_would_give_the_answer_away(self):
        key, said = self.check(["a", "b", "c"])
        assert key == ("a", "b", "c")
        assert said == [("options", "list the options in a different order from the key, "
                         "or the answer shows on screen")]


class TestWellFormed:
    def test_a_mapping_is_well_formed(self):
        assert KIND.well_formed({"a": 1}) and KIND.well_formed({})

    @pytest.mark.parametrize("answer", [["a", "b"], "a", None])
    def test_anything_else_is_not(self, answer):
        assert not KIND.well_formed(answer)


class TestFractionRank:
    def test_key_order_scores_one(self):
        assert fraction_rank({"c": 1, "a": 2, "b": 3}, ("c", "a", "b"))[0] == 1.0

    def test_reversed_order_scores_zero(self):
        assert fraction_rank({"c": 3, "a": 2, "b": 1}, ("c", "a", "b"))[0] == 0.0

    def test_one_adjacent_swap_loses_one_pair(self):
        """With 4 replies there are 6 pairs; one swap leaves 5 in order: (5/6 - 1/2) / (1/2)."""
        answer = {"c": 1, "a": 2, "d": 4, "b": 3}
        value, note = fraction_rank(answer, ("c", "a", "d", "b"))
        assert value == pytest.approx(2 / 3)
        assert note == ("Taking the replies two at a time, you put the more supportive one higher 5 times "
                        "out of 6. A random order gets about half right, so only what you got beyond half "
                        "earns points.")

    def test_reversed_order_earns_nothing(self):
        assert fraction_rank({"c": 4, "a": 3, "d": 2, "b": 1}, ("c", "a", "d", "b"))[0] == 0.0

    def test_random_orders_earn_little_on_average(self):
        """Beyond chance: the mean over all 24 orders of 4 replies is 7/36, not 1/2."""
        key = ("a", "b", "c", "d")
        values = [fraction_rank({o: n for n, o in enumerate(p, 1)}, key)[0] for p in permutations(key)]
        assert sum(values) / len(values) == pytest.approx(7 / 36)

    def test_ties_and_missing_places_do_not_agree(self):
        answer = {"c": 1, "a": 1}
        value, note = fraction_rank(answer, ("c", "a", "b"))
        assert value == 0.0
        assert note.endswith("0 times out of 3. A random order gets about half of these right, so this "
                             "order earns no points. A reply with no place, or sharing a place, counts as "
                             "out of order.")

    def test_the_best_order_and_no_order_say_so(self):
        assert fraction_rank({"c": 1, "a": 2, "b": 3}, ("c", "a", "b"))[1] == "Your order is the best order."
        assert fraction_rank(None, ("c", "a", "b"))[1] == "You did not rank the replies."

    @pytest.mark.parametrize("answer", [None, ["c", "a", "b"], {"c": "1", "a": "2", "b": "3"}])
    def test_no_ranking_or_places_that_are_not_numbers_earn_nothing(self, answer):
        assert fraction_rank(answer, ("c", "a", "b"))[0] == 0.0


class TestFraction:
    def test_the_items_key_decides(self):
        assert KIND.fraction(item(), places(KEY))[0] == 1.0
        assert KIND.fraction(item(), places(reversed(KEY)))[0] == 0.0


class TestAnswerText:
    def test_places_first_to_last_with_the_letters_this_learner_saw(self):
        letters = SEEDED.letters(IDS, "jo-night")
        assert SEEDED.order(IDS, "jo-night") != IDS
        assert KIND.answer_text(item(), {"b": 2, "d": 1}, SEEDED) == (
            f"Ranking, most supportive first: 1. ({letters['d']}) Reply d <d>.; "
            f"2. ({letters['b']}) Reply b <b>.")

    def test_places_that_are_not_numbers_are_left_out(self):
        assert KIND.answer_text(item(), {"a": 1, "b": "2", "c": None}, IN_FILE_ORDER) == (
            "Ranking, most supportive first: 1. (a) Reply a <a>.")

    def test_unknown_ids_are_named_not_raised(self):
        assert KIND.answer_text(item(), {"z": 1}, IN_FILE_ORDER) == (
            "Ranking, most supportive first: 1. (z) (unknown option z)")


class TestFeedbackHtml:
    def test_the_best_order_comes_first_in_the_learners_letters(self):
        letters = SEEDED.letters(IDS, "jo-night")
        html = KIND.feedback_html(item(), None, SEEDED)
        best = "; ".join(f"({letters[oid]}) Reply {oid} &lt;{oid}&gt;." for oid in KEY)
        assert html.startswith(f"<p><strong>Most to least supportive (the best order):</strong> {best}</p>"
                               "<ul>")

    def test_each_reply_gives_its_best_place_and_the_learners(self):
        html = KIND.feedback_html(item(), {"c": 2, "a": 1}, IN_FILE_ORDER)
        assert "<strong>(c) Best place 1; you put it 2.</strong> Reply c &lt;c&gt;. <em>Why c.</em>" in html
        assert "<strong>(a) Best place 2; you put it 1.</strong>" in html
        assert "<strong>(d) Best place 3; you did not place it.</strong>" in html

    def test_no_answer_places_nothing(self):
        assert KIND.feedback_html(item(), None, IN_FILE_ORDER).count("you did not place it") == 4

    def test_lines_follow_the_learners_order(self):
        shown = SEEDED.order(IDS, "jo-night")
        lines = KIND.feedback_lines(item(), places(KEY), SEEDED)
        assert lines == [f"- ({'abcd'[n]}) Best place {KEY.index(oid) + 1}; you put it {KEY.index(oid) + 1}. "
                         f"Reply {oid} <{oid}>. Why {oid}." for n, oid in enumerate(shown)]


class TestView:
    def test_is_the_rank_widget(self, tmp_path):
        from course_utils.items.widgets.order import RankView

        assert isinstance(KIND.view(item(), AnswerStore(tmp_path)), RankView)


class TestSimulate:
    def test_certain_learner_gives_the_keys_order(self):
        answer = KIND.simulate(item(), 1.0, random.Random(0))
        assert answer == places(KEY) and KIND.fraction(item(), answer)[0] == 1.0

    def test_hopeless_learner_sinks_the_best_reply_to_the_bottom(self):
        """p=0 swaps every neighbouring pair once, in order: the key's first reply ends last."""
        answer = KIND.simulate(item(), 0.0, random.Random(0))
        assert answer == places(KEY[1:] + KEY[:1])
        assert KIND.fraction(item(), answer)[0] < 1.0

    def test_every_answer_places_every_reply_once(self):
        rng = random.Random(1)
        for _ in range(30):
            answer = KIND.simulate(item(), 0.5, rng)
            assert KIND.well_formed(answer)
            assert set(answer) == set(IDS) and sorted(answer.values()) == [1, 2, 3, 4]


class TestGuess:
    def test_is_the_guessers_order_of_the_replies_as_shown(self):
        guesser = Guesser()
        shown = SEEDED.order(IDS, "jo-night")
        assert KIND.guess(item(), SEEDED, guesser) == places(reversed(shown))
        assert guesser.shown == [(shown, [f"Reply {oid} <{oid}>." for oid in shown])]
