"""The course's fixed vocabularies: the invariants the rest of the code relies on."""

from __future__ import annotations

import re

import pytest

from course_utils.core import vocab
from course_utils.core.vocab import (
    ANSWERS_FILE,
    AUTO_CRITERIA,
    COMPETENCIES,
    COMPETENCY_SHORT,
    DEFAULT_AUTO_RUBRIC,
    ITEMS_FILE,
    LABEL_TITLES,
    LABELS,
    LESSONS,
    MAX_REPLY_CHARS,
    MODES,
    MOODS,
    QUALITY_LABELS,
    ROADBLOCKS,
    TURNS_PER_PATH,
)

SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
NAME_LISTS = {"MODES": MODES, "ROADBLOCKS": ROADBLOCKS, "LABELS": LABELS,
              "LESSONS": LESSONS}


class TestNames:
    @pytest.mark.parametrize("name", NAME_LISTS)
    def test_names_are_unique(self, name):
        names = NAME_LISTS[name]
        assert len(set(names)) == len(names), name

    @pytest.mark.parametrize("name", [*NAME_LISTS, "MOODS", "AUTO_CRITERIA", "SETTINGS", "AGE_BANDS",
                                      "IDENTITIES"])
    def test_names_are_lowercase_snake_case(self, name):
        """Names are written in YAML and code as bare words: no spaces, capitals or hyphens."""
        names = NAME_LISTS.get(name) or getattr(vocab, name)
        assert [n for n in names if not SNAKE.match(n)] == []

    def test_sequences_are_tuples_so_they_cannot_change(self):
        assert all(isinstance(v, tuple) for v in NAME_LISTS.values())


class TestScenarioTags:
    @pytest.mark.parametrize("name", ["SETTINGS", "AGE_BANDS", "IDENTITIES"])
    def test_every_value_has_a_plain_description(self, name):
        described = getattr(vocab, name)
        assert described and all(isinstance(d, str) and d.strip() for d in described.values())

    def test_there_is_a_value_for_what_is_not_said_or_fits_nowhere(self):
        assert "unknown" in vocab.AGE_BANDS and "other" in vocab.SETTINGS

    def test_older_adult_is_an_age_band_not_an_identity(self):
        assert "older_adult" in vocab.AGE_BANDS and "older_adult" not in vocab.IDENTITIES


class TestModes:
    def test_modes_are_exactly_practice_and_graded(self):
        """Item.graded and validation compare with these two spellings."""
        assert MODES == ("practice", "graded")


class TestRoadblocks:
    def test_gordons_twelve_roadblocks(self):
        assert len(ROADBLOCKS) == 12

    def test_every_roadblock_has_a_suggestion(self):
        from course_utils.analysis.reply_patterns import SUGGESTIONS

        assert list(SUGGESTIONS) == list(ROADBLOCKS)


class TestLabels:
    def test_labels_are_supportive_then_the_roadblocks(self):
        assert LABELS[0] == "supportive"
        assert LABELS[1:] == ROADBLOCKS
        assert "supportive" not in ROADBLOCKS

    def test_every_label_has_a_title_in_the_same_order(self):
        """render and the classify widget look titles up by label; none may be missing."""
        assert list(LABEL_TITLES) == list(LABELS)

    @pytest.mark.parametrize("label", LABELS)
    def test_titles_are_capitalised_and_name_the_label(self, label):
        title = LABEL_TITLES[label]
        assert title[0].isupper() and not title.endswith(".")
        assert label.split("_")[0][:4] in title.lower()


class TestCompetencies:
    def test_numbered_one_to_twelve(self):
        """Validation messages say 'use numbers 1-12'."""
        assert list(COMPETENCIES) == list(range(1, 13))

    def test_each_has_a_distinct_capitalised_description(self):
        descriptions = list(COMPETENCIES.values())
        assert len(set(descriptions)) == 12
        assert all(d and d[0].isupper() and not d.endswith(".") for d in descriptions)


class TestCompetencyShort:
    def test_one_short_name_per_competency_in_the_same_order(self):
        """Bars, tables and the report's heat map look the short name up by number."""
        assert list(COMPETENCY_SHORT) == list(COMPETENCIES)

    def test_short_names_are_distinct_capitalised_and_short(self):
        names = list(COMPETENCY_SHORT.values())
        assert len(set(names)) == len(names)
        assert all(n[0].isupper() and not n.endswith(".") and len(n) <= 24 for n in names)

    def test_each_is_no_longer_than_its_full_name(self):
        assert all(len(COMPETENCY_SHORT[c]) <= len(COMPETENCIES[c]) for c in COMPETENCIES)

    def test_plots_use_these_names(self):
        """The learner's plots and the instructor's report name competencies alike."""
        from course_utils.learner import plots

        assert plots.COMPETENCY_SHORT is COMPETENCY_SHORT


class TestConversation:
    def test_moods_have_plain_descriptions(self):
        assert set(MOODS) == {"opens", "guarded", "withdraws"}
        assert all(text and text == text.lower() for text in MOODS.values())

    def test_quality_labels_cover_zero_one_and_two(self):
        """Validation accepts qualities 0, 1, 2; every one needs a label to show."""
        assert sorted(QUALITY_LABELS) == [0, 1, 2]
        assert len(set(QUALITY_LABELS.values())) == 3

    def test_turns_per_path_is_an_ordered_positive_range(self):
        low, high = TURNS_PER_PATH
        assert isinstance(low, int) and isinstance(high, int)
        assert 1 <= low <= high


class TestAutoCriteria:
    def test_every_criterion_has_a_check(self):
        """reply_rubric scores a criterion only through its check; none may be missing or extra."""
        from course_utils.analysis.reply_rubric import CHECKS

        assert set(CHECKS) == set(AUTO_CRITERIA)

    def test_sentences_are_distinct_and_capitalised(self):
        sentences = list(AUTO_CRITERIA.values())
        assert len(set(sentences)) == len(sentences)
        assert all(s[0].isupper() and not s.endswith(".") for s in sentences)


class TestDefaultAutoRubric:
    def test_uses_known_criteria_once_each(self):
        names = [name for name, _ in DEFAULT_AUTO_RUBRIC]
        assert names and len(set(names)) == len(names)
        assert set(names) <= set(AUTO_CRITERIA)

    def test_weights_are_positive_and_add_up_to_one(self):
        weights = [w for _, w in DEFAULT_AUTO_RUBRIC]
        assert all(w > 0 for w in weights)
        assert sum(weights) == pytest.approx(1.0)

    def test_passes_the_validation_an_item_rubric_must_pass(self):
        """The default is held to the same rule as an item's own auto_rubric."""
        from course_utils.items.kinds.written_reply import parse_auto_rubric

        said: list[tuple[str, str]] = []
        rubric = parse_auto_rubric(dict(DEFAULT_AUTO_RUBRIC), lambda f, m: said.append((f, m)))
        assert said == []
        assert rubric == DEFAULT_AUTO_RUBRIC


class TestFiles:
    def test_items_and_answers_files_are_distinct_json(self):
        assert ITEMS_FILE != ANSWERS_FILE
        assert ITEMS_FILE.endswith(".json") and ANSWERS_FILE.endswith(".json")
        assert "/" not in ITEMS_FILE + ANSWERS_FILE


class TestMaxReplyChars:
    def test_is_well_above_a_real_reply(self):
        """A real reply is a few hundred characters; the cap must not cut one short."""
        assert isinstance(MAX_REPLY_CHARS, int)
        assert 1000 <= MAX_REPLY_CHARS <= 100_000
