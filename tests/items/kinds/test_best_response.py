"""Best response: one reply is the key (course_utils/items/kinds/best_response.py)."""

from __future__ import annotations

import random

import pytest

from course_utils.core.display_order import IN_FILE_ORDER, DisplayOrder
from course_utils.core.storage import AnswerStore
from course_utils.items.kind import kind_of
from course_utils.items.kinds.best_response import BestResponse, fraction_best_response
from course_utils.items.model import Item, Option, Scenario

KIND = kind_of("best_response")
SEEDED = DisplayOrder("learner-1")
IDS = ["a", "b", "c", "d"]


def item(key: str = "b") -> Item:
    options = tuple(Option(i, f"Reply {i} <{i}>.", f"Why {i}.") for i in IDS)
    return Item(id="jo-night", kind="best_response", mode="graded", prompt="?", scenario=Scenario("s"),
                competencies=(1,), points=2.0, options=options, key=key)


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
        raise AssertionError("a best-response guess ranks, it does not pick")

    def label(self, item, text):
        raise AssertionError("a best-response guess ranks, it does not label")


class TestRegistration:
    def test_the_kind_is_registered_under_its_name_with_options_and_a_key(self):
        assert isinstance(KIND, BestResponse)
        assert KIND.fields == {"options", "key"} and KIND.option_counts == (3, 5)
        assert KIND.scored and KIND.practice_scored and not KIND.own_words


class TestParse:
    def test_options_and_key_are_parsed(self):
        bad, said = collector()
        raw = {"options": [{"id": i, "text": f"R {i}", "explanation": "e"} for i in "abc"], "key": "c"}
        fields = KIND.parse(raw, "graded", (), bad)
        assert said == []
        assert [o.id for o in fields["options"]] == ["a", "b", "c"] and fields["key"] == "c"

    def test_missing_key_says_auto_graded_items_need_the_answer(self):
        bad, said = collector()
        raw = {"options": [{"id": i, "text": f"R {i}", "explanation": "e"} for i in "abc"]}
        assert KIND.parse(raw, "graded", (), bad)["key"] is None
        assert said == [("key", "missing: auto-graded items need the right answer")]


class TestCheckKey:
    def check(self, key):
        bad, said = collector()
        return KIND.check_key(key, ["a", "b", "c"], {}, bad), said

    def test_one_option_id_is_the_key(self):
        assert self.check("b") == ("b", [])

    @pytest.mark.parametrize("key", ["d", ["a"], 1])
    def test_anything_else_must_be_one_option_id(self, key):
        assert self.check(key)[1] == [("key", "must be one option id (a, b, c)")]


class TestWellFormed:
    def test_an_option_id_is_well_formed(self):
        assert KIND.well_formed("a")

    @pytest.mark.parametrize("answer", [["a"], {"a": 1}, 1, None])
    def test_anything_but_text_is_not(self, answer):
        assert not KIND.well_formed(answer)


class TestFractionBestResponse:
    def test_key_scores_one(self):
        assert fraction_best_response("b", "b") == (1.0, "You chose the most supportive reply.")

    def test_other_or_none_scores_zero(self):
        assert fraction_best_response("a", "b") == (0.0, "Another reply was more supportive.")
        assert fraction_best_response(None, "b") == (0.0, "No reply was chosen.")


class TestFraction:
    def test_the_items_key_decides(self):
        assert KIND.fraction(item("c"), "c")[0] == 1.0
        assert KIND.fraction(item("c"), "b")[0] == 0.0


class TestAnswerText:
    def test_the_chosen_reply_has_the_letter_this_learner_saw(self):
        shown = SEEDED.order(IDS, "jo-night")
        assert shown != IDS
        letter = "abcd"[shown.index("c")]
        assert KIND.answer_text(item(), "c", SEEDED) == f"Chosen reply ({letter}): Reply c <c>."

    def test_in_file_order_the_letter_is_the_files(self):
        assert KIND.answer_text(item(), "b", IN_FILE_ORDER) == "Chosen reply (b): Reply b <b>."

    def test_unknown_option_is_named_not_raised(self):
        assert KIND.answer_text(item(), "z", SEEDED) == "Chosen reply (z): (unknown option z)"


class TestFeedbackHtml:
    def test_every_reply_is_listed_in_the_learners_order_with_the_key_and_choice_marked(self):
        shown = SEEDED.order(IDS, "jo-night")
        html = KIND.feedback_html(item("b"), "d", SEEDED)
        rows = html.removeprefix("<ul><li>").removesuffix("</li></ul>").split("</li><li>")
        assert len(rows) == 4
        for letter, oid, row in zip("abcd", shown, rows, strict=True):
            assert row.startswith(f"<strong>({letter}) ")
            assert f"Reply {oid} &lt;{oid}&gt;." in row and f"<em>Why {oid}.</em>" in row
        assert "Best reply.</strong>" in rows[shown.index("b")]
        assert "Not the best reply (your choice).</strong>" in rows[shown.index("d")]
        assert sum("Not the best reply.</strong>" in r for r in rows) == 2

    def test_no_answer_marks_no_choice(self):
        assert "your choice" not in KIND.feedback_html(item(), None, SEEDED)

    def test_choosing_the_key_marks_it_best_and_chosen(self):
        assert "(b) Best reply (your choice).</strong>" in KIND.feedback_html(item(), "b", IN_FILE_ORDER)


class TestFeedbackLines:
    def test_one_plain_line_per_reply_in_the_learners_order(self):
        shown = SEEDED.order(IDS, "jo-night")
        lines = KIND.feedback_lines(item("b"), "b", SEEDED)
        assert len(lines) == 4
        n = shown.index("b")
        assert lines[n] == f"- ({'abcd'[n]}) Best reply (your choice). Reply b <b>. Why b."
        assert all("<strong>" not in line for line in lines)


class TestView:
    def test_is_the_best_response_widget(self, tmp_path):
        from course_utils.items.widgets.choice import BestResponseView

        assert isinstance(KIND.view(item(), AnswerStore(tmp_path)), BestResponseView)


class TestSimulate:
    def test_certain_learner_chooses_the_key(self):
        rng = random.Random(0)
        assert all(KIND.simulate(item(), 1.0, rng) == "b" for _ in range(20))

    def test_hopeless_learner_chooses_another_reply(self):
        rng = random.Random(0)
        answers = [KIND.simulate(item(), 0.0, rng) for _ in range(40)]
        assert set(answers) == {"a", "c", "d"}
        assert all(KIND.well_formed(a) and KIND.fraction(item(), a)[0] == 0.0 for a in answers)

    def test_same_seed_gives_the_same_answers(self):
        def draw():
            rng = random.Random(7)
            return [KIND.simulate(item(), 0.5, rng) for _ in range(20)]

        assert draw() == draw()


class TestGuess:
    def test_is_the_reply_the_guesser_likes_best_of_the_ones_shown(self):
        guesser = Guesser()
        shown = SEEDED.order(IDS, "jo-night")
        assert KIND.guess(item(), SEEDED, guesser) == shown[-1]
        assert guesser.shown == [(shown, [f"Reply {oid} <{oid}>." for oid in shown])]


class TestKeyedOption:
    def test_is_the_key(self):
        assert KIND.keyed_option(item("c")) == "c"
