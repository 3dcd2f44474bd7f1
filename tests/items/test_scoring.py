"""Pure scoring functions."""

from __future__ import annotations

import pytest

from course_utils.items.scoring import (
    fraction_best_response,
    fraction_classify,
    fraction_rank,
    fraction_select_all,
    score_answer,
)


class TestFractionBestResponse:
    def test_key_scores_one(self):
        assert fraction_best_response("b", "b")[0] == 1.0

    def test_other_or_none_scores_zero(self):
        assert fraction_best_response("a", "b")[0] == 0.0
        assert fraction_best_response(None, "b")[0] == 0.0


class TestFractionSelectAll:
    @pytest.mark.parametrize(
        ("answer", "expected"),
        [(["a", "c"], 1.0), (["a"], 0.5), (["a", "b"], 0.0), (["a", "c", "d"], 0.5),
         ([], 0.0), (["b", "d"], 0.0), (["a", "zz"], 0.5)],
    )
    def test_right_minus_wrong_over_right_floored(self, answer, expected):
        """(right picks - wrong picks) / number keyed, never below 0; unknown ids ignored."""
        assert fraction_select_all(answer, ("a", "c"), ("a", "b", "c", "d"))[0] == expected


class TestFractionRank:
    def test_key_order_scores_one(self):
        assert fraction_rank({"c": 1, "a": 2, "b": 3}, ("c", "a", "b"))[0] == 1.0

    def test_reversed_order_scores_zero(self):
        assert fraction_rank({"c": 3, "a": 2, "b": 1}, ("c", "a", "b"))[0] == 0.0

    def test_one_adjacent_swap_loses_one_pair(self):
        """With 4 replies there are 6 pairs; one swap leaves 5 in order: (5/6 - 1/2) / (1/2)."""
        answer = {"c": 1, "a": 2, "d": 4, "b": 3}
        assert fraction_rank(answer, ("c", "a", "d", "b"))[0] == pytest.approx(2 / 3)

    def test_reversed_order_earns_nothing(self):
        assert fraction_rank({"c": 4, "a": 3, "d": 2, "b": 1}, ("c", "a", "d", "b"))[0] == 0.0

    def test_random_orders_earn_little_on_average(self):
        """Beyond chance: the mean over all 24 orders of 4 replies is 7/36, not 1/2."""
        from itertools import permutations

        key = ("a", "b", "c", "d")
        values = [fraction_rank({o: n for n, o in enumerate(p, 1)}, key)[0] for p in permutations(key)]
        assert sum(values) / len(values) == pytest.approx(7 / 36)

    def test_ties_and_missing_places_do_not_agree(self):
        answer = {"c": 1, "a": 1}
        assert fraction_rank(answer, ("c", "a", "b"))[0] == 0.0


class TestFractionClassify:
    def test_share_of_right_labels(self):
        key = {"a": "advising", "b": "supportive", "c": "judging", "d": "distracting"}
        answer = {"a": "advising", "b": "judging", "c": "judging"}
        assert fraction_classify(answer, key)[0] == 0.5


class TestScoreAnswer:
    def test_points_scale_and_round_to_two_decimals(self):
        score = score_answer("select_all", ["b", "c"], ("b", "c", "e"), 2.0, "abcde")
        assert score.earned == 1.33
        assert score.possible == 2.0

    @pytest.mark.parametrize("answer", ["b", 42, ["x"], None])
    def test_malformed_answer_scores_zero_without_raising(self, answer):
        assert score_answer("rank", answer, ("a", "b", "c"), 2.0).earned == 0.0
        assert score_answer("classify", answer, (("a", "advising"),), 2.0).earned == 0.0

    def test_text_kinds_are_not_auto_scored(self):
        with pytest.raises(ValueError, match="not scored automatically"):
            score_answer("written_reply", "hi", None, 3.0)
