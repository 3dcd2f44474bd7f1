"""Name the roadblock: a label for every statement (course_utils/items/kinds/classify.py)."""

from __future__ import annotations

import random

import pytest

from course_utils.core.display_order import IN_FILE_ORDER, DisplayOrder
from course_utils.core.storage import AnswerStore
from course_utils.core.vocab import LABEL_TITLES, LABELS
from course_utils.items.kind import kind_of
from course_utils.items.kinds.classify import Classify, fraction_classify
from course_utils.items.model import Item, Option, Scenario

KIND = kind_of("classify")
SEEDED = DisplayOrder("learner-1")
IDS = ["a", "b", "c", "d"]
KEY = {"a": "advising", "b": "supportive", "c": "judging", "d": "advising"}


def item(labels: tuple[str, ...] = ("supportive", "advising", "judging")) -> Item:
    options = tuple(Option(i, f"Statement {i} <{i}>.", f"Why {i}.") for i in IDS)
    return Item(id="jo-night", kind="classify", mode="graded", prompt="?", scenario=Scenario("s"),
                competencies=(1,), points=2.0, options=options, labels=labels,
                key=tuple(sorted(KEY.items())))


def collector():
    """A `bad` callback and the (field, message) pairs it received."""
    said: list[tuple[str, str]] = []
    return (lambda field, message: said.append((field, message))), said


class Guesser:
    """A test-wise learner that likes the statements shown last best and calls every one judging."""

    reply = "I hear you."

    def __init__(self) -> None:
        self.shown: list[tuple[list[str], list[str]]] = []
        self.labelled: list[str] = []

    def rank(self, item, ids, texts):
        self.shown.append((list(ids), list(texts)))
        return list(reversed(ids))

    def picks(self, item, ids, texts):
        raise AssertionError("a classify guess labels, it does not pick")

    def label(self, item, text):
        self.labelled.append(text)
        return "judging"


class TestRegistration:
    def test_the_kind_is_registered_with_labels_and_two_to_eight_statements(self):
        assert isinstance(KIND, Classify)
        assert KIND.fields == {"options", "key", "labels"} and KIND.option_counts == (2, 8)


class TestParse:
    def raw(self, **changes) -> dict:
        raw = {"options": [{"id": i, "text": f"S {i}", "explanation": "e"} for i in "ab"],
               "labels": ["supportive", "advising"], "key": {"b": "advising", "a": "supportive"}}
        raw.update(changes)
        return {k: v for k, v in raw.items() if v is not None}

    def test_labels_and_key_are_parsed_the_key_sorted_by_statement(self):
        bad, said = collector()
        fields = KIND.parse(self.raw(), "graded", (), bad)
        assert said == []
        assert fields["labels"] == ("supportive", "advising")
        assert fields["key"] == (("a", "supportive"), ("b", "advising"))

    def test_missing_key_says_auto_graded_items_need_the_answer(self):
        bad, said = collector()
        assert KIND.parse(self.raw(key=None), "graded", (), bad)["key"] is None
        assert said == [("key", "missing: auto-graded items need the right answer")]

    @pytest.mark.parametrize(("labels", "says"), [
        (["supportive"], "give 2 or more labels"),
        (None, "give 2 or more labels"),
        (["supportive", "shouting"], "(unknown: shouting)"),
    ])
    def test_labels_must_be_two_or_more_known_ones(self, labels, says):
        bad, said = collector()
        KIND.parse(self.raw(labels=labels, key=None), "practice", (), bad)
        [message] = [m for field, m in said if field == "labels"]
        assert says in message
        assert all(label in message for label in LABELS)

    def test_labels_that_are_not_a_list_of_texts_are_named(self):
        bad, said = collector()
        KIND.parse(self.raw(labels=5, key=None), "practice", (), bad)
        assert said[0] == ("labels", f"give the labels as a list, from: {', '.join(LABELS)}")

    def test_the_key_is_checked_against_the_parsed_labels(self):
        bad, said = collector()
        KIND.parse(self.raw(labels=["supportive", "judging"]), "graded", (), bad)
        assert said == [("key", "labels not in this item's labels list: b: advising")]


class TestCheckKey:
    def check(self, key, labels=("supportive", "advising")):
        bad, said = collector()
        return KIND.check_key(key, ["a", "b", "c"], {"labels": labels}, bad), said

    @pytest.mark.parametrize("key", [{"a": "advising", "b": "supportive"}, ["a", "b", "c"], "a"])
    def test_key_must_label_every_statement(self, key):
        assert self.check(key) == (
            None, [("key", "give a label for every statement, e.g. {a: advising, b: supportive}")])

    def test_label_outside_the_items_labels_is_listed(self):
        key, said = self.check({"c": "judging", "a": "advising", "b": "probing"})
        assert said == [("key", "labels not in this item's labels list: c: judging, b: probing")]
        assert key == (("a", "advising"), ("b", "probing"), ("c", "judging"))

    def test_key_is_sorted_by_statement(self):
        key, said = self.check({"c": "advising", "a": "supportive", "b": "advising"})
        assert said == []
        assert key == (("a", "supportive"), ("b", "advising"), ("c", "advising"))


class TestWellFormed:
    def test_a_mapping_is_well_formed(self):
        assert KIND.well_formed({"a": "advising"}) and KIND.well_formed({})

    @pytest.mark.parametrize("answer", [["a"], "advising", None])
    def test_anything_else_is_not(self, answer):
        assert not KIND.well_formed(answer)


class TestFractionClassify:
    def test_share_of_right_labels(self):
        key = {"a": "advising", "b": "supportive", "c": "judging", "d": "distracting"}
        answer = {"a": "advising", "b": "judging", "c": "judging"}
        assert fraction_classify(answer, key) == (
            0.5, "You gave 2 of the 4 statements the right label. Read why for each one marked Not quite.")

    def test_all_right_and_none_labelled_say_so(self):
        key = {"a": "advising", "b": "supportive"}
        assert fraction_classify(key, key) == (1.0, "You gave all 2 statements the right label.")
        assert fraction_classify({}, key) == (0.0, "You did not label any of the 2 statements.")

    @pytest.mark.parametrize("answer", [None, ["advising"]])
    def test_no_labels_earn_nothing(self, answer):
        assert fraction_classify(answer, {"a": "advising"})[0] == 0.0


class TestFraction:
    def test_the_items_stored_key_decides(self):
        assert KIND.fraction(item(), dict(KEY))[0] == 1.0
        assert KIND.fraction(item(), {**KEY, "a": "judging"})[0] == 0.75


class TestAnswerText:
    def test_every_statement_in_the_learners_order_with_its_label(self):
        shown = SEEDED.order(IDS, "jo-night")
        assert shown != IDS
        answer = {"a": "advising", "c": "supportive"}
        said = [LABEL_TITLES[answer[oid]] if oid in answer else "not labeled yet" for oid in shown]
        assert KIND.answer_text(item(), answer, SEEDED) == "Labels: " + "; ".join(
            f"({letter}) {title}" for letter, title in zip("abcd", said, strict=True))


class TestFeedbackHtml:
    def test_a_right_label_is_named_once(self):
        html = KIND.feedback_html(item(), {"a": "advising"}, IN_FILE_ORDER)
        assert ("<li><strong>(a) Right: Advising, giving solutions</strong>. "
                "Statement a &lt;a&gt;. <em>Why a.</em></li>") in html

    def test_a_wrong_label_names_the_right_one_and_the_learners(self):
        html = KIND.feedback_html(item(), {"b": "judging"}, IN_FILE_ORDER)
        assert "<strong>(b) Not quite: Supportive</strong> (you said: Judging, criticizing)." in html

    def test_an_unlabelled_statement_says_it_has_no_label(self):
        html = KIND.feedback_html(item(), None, IN_FILE_ORDER)
        assert html.count("(you gave it no label).") == 4 and html.startswith("<ul>")

    def test_a_label_the_course_does_not_know_is_shown_escaped(self):
        html = KIND.feedback_html(item(), {"b": "<odd>"}, IN_FILE_ORDER)
        assert "(you said: &lt;odd&gt;)." in html

    def test_lines_follow_the_learners_order(self):
        shown = SEEDED.order(IDS, "jo-night")
        lines = KIND.feedback_lines(item(), dict(KEY), SEEDED)
        assert lines == [f"- ({'abcd'[n]}) Right: {LABEL_TITLES[KEY[oid]]}. "
                         f"Statement {oid} <{oid}>. Why {oid}." for n, oid in enumerate(shown)]


class TestView:
    def test_is_the_classify_widget(self, tmp_path):
        from course_utils.items.widgets.order import ClassifyView

        assert isinstance(KIND.view(item(), AnswerStore(tmp_path)), ClassifyView)


class TestSimulate:
    def test_certain_learner_gives_the_key(self):
        answer = KIND.simulate(item(), 1.0, random.Random(0))
        assert answer == KEY and KIND.fraction(item(), answer)[0] == 1.0

    def test_hopeless_learner_mislabels_every_statement_with_one_of_the_items_labels(self):
        rng = random.Random(0)
        for _ in range(20):
            answer = KIND.simulate(item(), 0.0, rng)
            assert set(answer) == set(IDS)
            assert all(answer[oid] != KEY[oid] and answer[oid] in item().labels for oid in IDS)
            assert KIND.fraction(item(), answer)[0] == 0.0


class TestGuess:
    def test_the_statement_it_likes_best_is_supportive_the_others_go_by_their_words(self):
        guesser = Guesser()
        shown = SEEDED.order(IDS, "jo-night")
        answer = KIND.guess(item(), SEEDED, guesser)
        assert answer == {oid: "supportive" if oid == shown[-1] else "judging" for oid in shown}
        assert list(answer) == shown
        assert guesser.shown == [(shown, [f"Statement {oid} <{oid}>." for oid in shown])]

    def test_without_a_supportive_label_every_statement_goes_by_its_words(self):
        guesser = Guesser()
        answer = KIND.guess(item(labels=("advising", "judging")), SEEDED, guesser)
        assert answer == dict.fromkeys(SEEDED.order(IDS, "jo-night"), "judging")
        assert len(guesser.labelled) == 4
