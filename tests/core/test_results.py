"""Per-item results recorded during autograde, and their sums by SAMHSA competency."""

from __future__ import annotations

import json
import stat

import pytest

from course_utils.core.atomic import TempFileError
from course_utils.core.results import (
    RESULTS_FILE,
    CompetencyScore,
    by_competency,
    load_results,
    record_result,
)


def stored(folder) -> dict:
    return json.loads((folder / RESULTS_FILE).read_text(encoding="utf-8"))


class TestCompetencyScore:
    def test_percent_is_the_share_of_points_earned(self):
        assert CompetencyScore(2, 3, 1.5, 2.0).percent == pytest.approx(75.0)

    def test_no_points_possible_is_zero_percent_not_an_error(self):
        assert CompetencyScore(2, 1, 0.0, 0.0).percent == 0.0

    def test_is_frozen(self):
        score = CompetencyScore(1, 1, 1.0, 1.0)
        with pytest.raises(AttributeError):
            score.earned = 2.0  # type: ignore[misc]


class TestRecordResult:
    def test_first_result_starts_the_file(self, tmp_path):
        record_result(tmp_path, "bp-1", (1, 9), 0.5, 1.0)
        assert stored(tmp_path) == {"bp-1": {"competencies": [1, 9], "earned": 0.5, "possible": 1.0}}

    def test_file_is_indented_json_with_sorted_keys(self, tmp_path):
        record_result(tmp_path, "b", (2,), 1.0, 1.0)
        record_result(tmp_path, "a", (2,), 0.0, 1.0)
        text = (tmp_path / RESULTS_FILE).read_text(encoding="utf-8")
        assert text == json.dumps(stored(tmp_path), indent=1, sort_keys=True)
        assert text.index('"a"') < text.index('"b"')

    def test_later_items_are_added_and_earlier_ones_kept(self, tmp_path):
        for n in range(4):
            record_result(tmp_path, f"item-{n}", (n + 1,), float(n), 3.0)
        assert stored(tmp_path) == {f"item-{n}": {"competencies": [n + 1], "earned": float(n),
                                                  "possible": 3.0} for n in range(4)}

    def test_recording_an_item_again_replaces_its_result(self, tmp_path):
        """A second autograde run of the same notebook gives one result per item, the latest."""
        record_result(tmp_path, "bp-1", (1,), 0.0, 2.0)
        record_result(tmp_path, "bp-2", (2,), 1.0, 1.0)
        record_result(tmp_path, "bp-1", (1,), 2.0, 2.0)
        assert stored(tmp_path) == {"bp-1": {"competencies": [1], "earned": 2.0, "possible": 2.0},
                                    "bp-2": {"competencies": [2], "earned": 1.0, "possible": 1.0}}

    def test_accepts_a_folder_given_as_text(self, tmp_path):
        record_result(str(tmp_path), "bp-1", (), 1.0, 1.0)
        assert stored(tmp_path) == {"bp-1": {"competencies": [], "earned": 1.0, "possible": 1.0}}

    def test_file_is_private_and_no_temporary_file_is_left(self, tmp_path):
        for n in range(3):
            record_result(tmp_path, f"item-{n}", (1,), 1.0, 1.0)
        assert [p.name for p in tmp_path.iterdir()] == [RESULTS_FILE]
        assert stat.S_IMODE((tmp_path / RESULTS_FILE).stat().st_mode) == 0o640

    @pytest.mark.parametrize("damaged", ['{"bp-0": ', "", "\xff\xfe not utf-8"])
    def test_unreadable_file_is_started_afresh(self, tmp_path, damaged):
        """A results file that cannot be read is replaced by one holding the new result only."""
        (tmp_path / RESULTS_FILE).write_bytes(damaged.encode("latin-1"))
        record_result(tmp_path, "bp-1", (1,), 1.0, 1.0)
        assert stored(tmp_path) == {"bp-1": {"competencies": [1], "earned": 1.0, "possible": 1.0}}
        assert [p.name for p in tmp_path.iterdir()] == [RESULTS_FILE]

    @pytest.mark.parametrize("text", ["[1, 2]", "3", "null"])
    def test_a_file_of_another_shape_is_started_afresh_not_a_crash(self, tmp_path, text):
        """grade_item records results in the hidden test cell: a wrong shape must not fail it."""
        (tmp_path / RESULTS_FILE).write_text(text, "utf-8")
        record_result(tmp_path, "bp-1", (1,), 1.0, 1.0)
        assert load_results(tmp_path) == {"bp-1": result((1,), 1.0, 1.0)}

    def test_missing_folder_raises_and_creates_nothing(self, tmp_path):
        with pytest.raises(TempFileError):
            record_result(tmp_path / "gone", "bp-1", (1,), 1.0, 1.0)
        assert list(tmp_path.iterdir()) == []

    def test_results_file_that_is_a_folder_raises_and_leaves_no_temporary_file(self, tmp_path):
        (tmp_path / RESULTS_FILE).mkdir()
        with pytest.raises(OSError):
            record_result(tmp_path, "bp-1", (1,), 1.0, 1.0)
        assert [p.name for p in tmp_path.iterdir()] == [RESULTS_FILE]
        assert (tmp_path / RESULTS_FILE).is_dir()


class TestLoadResults:
    def test_reads_back_what_was_recorded(self, tmp_path):
        record_result(tmp_path, "bp-1", (1, 2), 0.75, 1.0)
        record_result(tmp_path, "bp-2", (8,), 0.0, 2.0)
        assert load_results(tmp_path) == {
            "bp-1": {"competencies": [1, 2], "earned": 0.75, "possible": 1.0},
            "bp-2": {"competencies": [8], "earned": 0.0, "possible": 2.0}}

    def test_accepts_a_folder_given_as_text(self, tmp_path):
        record_result(tmp_path, "bp-1", (1,), 1.0, 1.0)
        assert set(load_results(str(tmp_path))) == {"bp-1"}

    def test_missing_file_or_folder_gives_no_results(self, tmp_path):
        assert load_results(tmp_path) == {}
        assert load_results(tmp_path / "gone") == {}

    @pytest.mark.parametrize("text", ['{"bp-1": {"earned": ', "", "[1, 2]", '"text"', "3", "null"])
    def test_damaged_or_wrong_shape_gives_no_results_and_leaves_the_file(self, tmp_path, text):
        (tmp_path / RESULTS_FILE).write_text(text, encoding="utf-8")
        assert load_results(tmp_path) == {}
        assert (tmp_path / RESULTS_FILE).read_text(encoding="utf-8") == text

    def test_not_utf8_gives_no_results(self, tmp_path):
        (tmp_path / RESULTS_FILE).write_bytes(b'{"caf\xe9": {}}')
        assert load_results(tmp_path) == {}

    def test_results_file_that_is_a_folder_gives_no_results(self, tmp_path):
        (tmp_path / RESULTS_FILE).mkdir()
        assert load_results(tmp_path) == {}


def result(competencies, earned, possible):
    return {"competencies": list(competencies), "earned": earned, "possible": possible}


class TestByCompetency:
    def test_sums_items_earned_and_possible_per_competency(self):
        scores = by_competency({"a": result((2,), 1.0, 1.0), "b": result((2,), 0.5, 2.0),
                                "c": result((8,), 0.0, 1.0)})
        assert scores == [CompetencyScore(2, 2, 1.5, 3.0), CompetencyScore(8, 1, 0.0, 1.0)]

    def test_item_with_two_competencies_counts_in_both(self):
        scores = by_competency({"a": result((1, 9), 2.0, 4.0), "b": result((9,), 1.0, 1.0)})
        assert scores == [CompetencyScore(1, 1, 2.0, 4.0), CompetencyScore(9, 2, 3.0, 5.0)]

    def test_rows_are_ordered_by_competency_number(self):
        scores = by_competency({"a": result((12,), 1, 1), "b": result((3,), 1, 1), "c": result((10,), 1, 1)})
        assert [s.competency for s in scores] == [3, 10, 12]

    def test_unknown_competencies_are_left_out(self):
        """Only SAMHSA categories 1-12 count; 0, 13 and a number saved as text do not."""
        scores = by_competency({"a": result((0, 13, "2"), 1.0, 1.0), "b": result((2,), 1.0, 2.0)})
        assert scores == [CompetencyScore(2, 1, 1.0, 2.0)]

    def test_sums_are_rounded_to_two_decimals(self):
        scores = by_competency({f"i{n}": result((5,), 0.1, 0.3) for n in range(3)})
        assert scores == [CompetencyScore(5, 3, 0.3, 0.9)]
        assert scores[0].earned == 0.3  # not 0.30000000000000004

    def test_missing_fields_count_as_nothing(self):
        """A record without competencies is left out; one without points counts 0 of 0."""
        scores = by_competency({"a": {"earned": 1.0, "possible": 1.0}, "b": {"competencies": [4]}})
        assert scores == [CompetencyScore(4, 1, 0.0, 0.0)]
        assert scores[0].percent == 0.0

    def test_points_saved_as_text_are_read_as_numbers(self):
        assert by_competency({"a": result((6,), "1.5", "2")}) == [CompetencyScore(6, 1, 1.5, 2.0)]

    def test_no_results_give_no_rows(self):
        assert by_competency({}) == []

    @pytest.mark.parametrize("record", [3, None, "x", {"competencies": None}, {"competencies": 2},
                                        {"competencies": [True], "earned": 1, "possible": 1}])
    def test_records_this_module_never_writes_are_left_out(self, record):
        assert by_competency({"odd": record, "a": result((2,), 1.0, 1.0)}) == [
            CompetencyScore(2, 1, 1.0, 1.0)]

    def test_a_competency_listed_twice_counts_once(self):
        assert by_competency({"a": result((2, 2), 1.0, 2.0)}) == [CompetencyScore(2, 1, 1.0, 2.0)]

    def test_items_is_a_whole_number(self):
        [score] = by_competency({"a": result((7,), 1.0, 1.0)})
        assert score.items == 1 and isinstance(score.items, int)

    def test_from_a_recorded_file(self, tmp_path):
        record_result(tmp_path, "bp-1", (1, 2), 1.0, 1.0)
        record_result(tmp_path, "bp-2", (2,), 0.25, 1.0)
        assert by_competency(load_results(tmp_path)) == [CompetencyScore(1, 1, 1.0, 1.0),
                                                         CompetencyScore(2, 2, 1.25, 2.0)]
