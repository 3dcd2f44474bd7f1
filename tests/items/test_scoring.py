"""Scoring any item by its kind (course_utils/items/scoring.py); each kind's rule is tested with the kind."""

from __future__ import annotations

import pytest

from course_utils.items.model import Item, Option, Scenario
from course_utils.items.scoring import score_item, well_formed


def _item(kind, key, ids="abc", **fields):
    options = tuple(Option(i, f"reply {i}", "why") for i in ids)
    return Item(id="x", kind=kind, mode="graded", prompt="?", scenario=Scenario("s"),
                competencies=(1,), points=2.0, options=options, key=key, **fields)


class TestScoreItem:
    def test_points_scale_and_round_to_two_decimals(self):
        score = score_item(_item("select_all", ("b", "c", "e"), "abcde"), ["b", "c"])
        assert score.earned == 1.33
        assert score.possible == 2.0

    @pytest.mark.parametrize("answer", ["b", 42, ["x"]])
    def test_malformed_answer_scores_zero_with_its_reason(self, answer):
        for item in (_item("rank", ("a", "b", "c")), _item("classify", (("a", "advising"),), "a",
                                                             labels=("advising", "supportive"))):
            score = score_item(item, answer)
            assert score.earned == 0.0 and "not in the form" in score.note

    def test_a_missing_answer_scores_zero(self):
        assert score_item(_item("rank", ("a", "b", "c")), None).earned == 0.0

    def test_reflections_are_not_auto_scored(self):
        item = Item(id="r", kind="reflection", mode="graded", prompt="?", scenario=Scenario("s"),
                    competencies=(1,), points=3.0, rubric=("honest",))
        with pytest.raises(ValueError, match="not automatically"):
            score_item(item, "I noticed I rush.")


class TestWellFormed:
    @pytest.mark.parametrize(("kind", "good", "bad"), [
        ("best_response", "a", ["a"]), ("select_all", ["a"], "a"), ("rank", {"a": 1}, ["a"])])
    def test_the_kind_decides_the_shape(self, kind, good, bad):
        item = _item(kind, "a")
        assert well_formed(item, good) and not well_formed(item, bad)
