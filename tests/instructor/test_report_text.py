"""The cohort report's words: item and competency names, flag and number explanations, captions."""

from __future__ import annotations

import re

import pytest

from course_utils.core.vocab import COMPETENCY_SHORT
from course_utils.instructor.item_analysis import FLAG_CODES, Analysis, Flag, ItemStats, analyse
from course_utils.instructor.report_text import (
    CAPTIONS,
    FLAG_HELP,
    alpha_text,
    competency_names,
    figure_text,
    flag_help,
    item_name,
    small_cohort_note,
)
from course_utils.items.model import Item, Module, Option, Reply, Scenario, Turn

FIGURES = ("scores.png", "difficulty.png", "discrimination.png", "distractors.png", "competencies.png")


def item(situation: str = "At the drop-in.", says: str = "", turns: tuple[Turn, ...] = ()) -> Item:
    return Item(id="i-1", kind="best_response", mode="graded", prompt="p", competencies=(1,),
                scenario=Scenario(situation, says), points=1.0, key="a", turns=turns,
                options=(Option("a", "I'm here.", ""), Option("b", "Calm down.", "")))


class TestItemName:
    def test_long_words_of_the_peer_are_cut_to_eight_with_an_ellipsis(self):
        said = "I just can't stop going over what happened at work today."
        assert item_name(item(says=said)) == "\u201cI just can't stop going over what happened\u2026\u201d"

    def test_short_words_of_the_peer_are_whole_without_an_ellipsis(self):
        assert item_name(item(says="I can't stop shaking.")) == "\u201cI can't stop shaking.\u201d"

    def test_without_peer_words_the_situation_is_used_unquoted(self):
        situation = "Dana comes in after a night shift and sits down without a word."
        assert item_name(item(situation)) == "Dana comes in after a night shift and\u2026"

    def test_a_conversation_uses_what_the_peer_says_first(self):
        turn = Turn("t1", "They say I'm going home Friday.", "guarded", (Reply("a", "Ok.", 2, "", ""),))
        assert item_name(item(turns=(turn,))) == "\u201cThey say I'm going home Friday.\u201d"

    def test_line_breaks_and_extra_spaces_collapse(self):
        assert item_name(item(says="Not\n  again.")) == "\u201cNot again.\u201d"


class TestCompetencyNames:
    def test_names_in_the_order_given(self):
        assert competency_names([9, 1]) == "Communication, Caring relationships"

    def test_an_unknown_number_is_named_as_a_category(self):
        assert competency_names([13]) == "Category 13"

    def test_uses_the_shared_short_names(self):
        assert competency_names(COMPETENCY_SHORT) == ", ".join(COMPETENCY_SHORT.values())


class TestFlagHelp:
    def test_every_flag_code_has_an_explanation_and_no_more(self):
        assert set(FLAG_HELP) == set(FLAG_CODES)

    @pytest.mark.parametrize("code", FLAG_CODES)
    def test_meaning_and_action_are_plain_sentences(self, code):
        meaning, action = FLAG_HELP[code]
        for text in (meaning, action):
            assert text[0].isupper() and text.endswith(".") and len(text.split()) >= 8
        assert meaning != action

    def test_flag_help_looks_the_flag_up_by_its_code(self):
        assert flag_help(Flag("too_hard", "anything")) == FLAG_HELP["too_hard"]

    def test_thresholds_in_the_words_are_the_ones_flagged(self):
        from course_utils.instructor.item_analysis import BOTTOM_MARGIN, EASY, HARD

        assert f"{EASY:.0%}" in FLAG_HELP["too_easy"][0] and f"{HARD:.0%}" in FLAG_HELP["too_hard"][0]
        assert f"{100 * BOTTOM_MARGIN:.0f} percentage points" in FLAG_HELP["bottom_choose_key"][0]


class TestAlphaText:
    def test_says_what_alpha_measures_the_value_and_what_to_do(self):
        text = alpha_text(0.38, 7, 25)
        assert "consistency" in text and "Here it is 0.38, which is low" in text
        assert "What to do:" in text

    def test_few_items_says_a_low_value_is_expected(self):
        assert "a low value is expected" in alpha_text(0.38, 7, 200)

    def test_many_items_and_learners_do_not_excuse_the_value(self):
        text = alpha_text(0.38, 40, 200)
        assert "expected" not in text and "uncertain" not in text

    def test_few_learners_say_the_value_is_uncertain(self):
        assert "With 6 learners the value is uncertain" in alpha_text(0.9, 40, 6)

    @pytest.mark.parametrize(("alpha", "word"), [(0.85, "high"), (0.72, "acceptable"),
                                                 (0.6, "moderate"), (0.1, "low"), (-0.2, "below zero")])
    def test_names_the_level(self, alpha, word):
        assert f"which is {word}" in alpha_text(alpha, 20, 50)

    def test_fewer_than_two_items_say_alpha_needs_two(self):
        text = alpha_text(0.0, 1, 20)
        assert "needs at least 2 scored items; this assignment has 1" in text and "Here it is" not in text


class TestSmallCohortNote:
    def test_small_cohort_is_cautioned(self):
        assert small_cohort_note(6).startswith("With 6 learners, a flag can come from one or two")

    def test_large_cohort_gets_no_note(self):
        assert small_cohort_note(30) == ""


MODULE = Module("mini", 1, "Mini", "", items=(item(says="I can't stop shaking."),))


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyse(MODULE, {"s1": {"i-1": "a"}, "s2": {"i-1": "b"}, "s3": {"i-1": "a"}})


class TestFigureText:
    def test_every_figure_has_a_title_and_a_caption_of_its_own(self):
        assert tuple(CAPTIONS) == FIGURES
        captions = [c for _, c in CAPTIONS.values()]
        assert len(set(captions)) == len(captions) and all(len(c.split()) > 20 for c in captions)

    @pytest.mark.parametrize("name", FIGURES)
    def test_alt_text_describes_the_data_not_the_file(self, analysis, name):
        title, caption, alt = figure_text(name, analysis, MODULE)
        assert (title, caption) == CAPTIONS[name]
        assert name not in alt and alt.endswith(".") and re.search(r"\d", alt)

    def test_scores_alt_gives_lowest_median_and_highest(self, analysis):
        assert figure_text("scores.png", analysis, MODULE)[2] == (
            "Histogram of the final scores of 3 learners on the scored items: lowest 0%, median "
            "100%, highest 100%.")

    def test_distractors_alt_gives_the_keys_share_in_each_third(self, analysis):
        alt = figure_text("distractors.png", analysis, MODULE)[2]
        assert "i-1: key (a) chosen by 100% of the top third and 0% of the bottom third" in alt

    def test_discrimination_alt_names_the_items_below_zero(self):
        low = ItemStats("i-1", "best_response", (1,), 0.5, -0.3, {}, {}, ())
        hand = Analysis("mini", ("s1", "s2"), (low,), (0.5, 0.5), 0.1, {"s1": {1: 0.5}, "s2": {1: 0.5}})
        assert figure_text("discrimination.png", hand, MODULE)[2].endswith("Below zero: i-1.")

    def test_competencies_alt_gives_the_cohort_mean_per_category(self, analysis):
        alt = figure_text("competencies.png", analysis, MODULE)[2]
        assert alt == ("Heat map of 3 learners by 1 competency category. Cohort mean share of "
                       "points: Caring relationships 67%.")
