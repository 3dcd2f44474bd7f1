"""The observer checklist's saved shape and plain words (course_utils/items/checklist.py)."""

from __future__ import annotations

import pytest

from course_utils.items.checklist import (
    TALLIES,
    checklist_text,
    empty_checklist,
    is_blank,
    is_checklist,
    ratio_text,
)


def filled(**tallies: int) -> dict:
    answer = empty_checklist()
    answer["tallies"].update(tallies)
    return answer


class TestShape:
    def test_an_empty_checklist_is_well_formed_and_blank(self):
        assert is_checklist(empty_checklist()) and is_blank(empty_checklist())

    @pytest.mark.parametrize("change", [
        lambda a: a.pop("listener"),
        lambda a: a.update(extra="x"),
        lambda a: a["tallies"].update(open_questions=-1),
        lambda a: a["tallies"].update(open_questions=100),
        lambda a: a["tallies"].update(open_questions=2.0),
        lambda a: a["tallies"].update(open_questions=True),
        lambda a: a["tallies"].pop("closed_questions"),
        lambda a: a.update(roadblocks=["shouting"]),
        lambda a: a.update(roadblocks="advising"),
        lambda a: a.update(observer=3),
    ])
    def test_other_shapes_are_refused(self, change):
        answer = empty_checklist()
        change(answer)
        assert not is_checklist(answer)

    @pytest.mark.parametrize("change", [
        lambda a: a["tallies"].update(open_questions=1),
        lambda a: a.update(roadblocks=["advising"]),
        lambda a: a.update(listener="I rushed."),
    ])
    def test_anything_filled_in_is_not_blank(self, change):
        answer = empty_checklist()
        change(answer)
        assert not is_blank(answer)

    def test_spaces_alone_are_blank(self):
        assert is_blank({**empty_checklist(), "observer": "  \n"})


class TestRatio:
    @pytest.mark.parametrize(("tallies", "words"), [
        ({}, "nothing counted yet"),
        ({"simple_reflections": 2}, "2 reflections and no questions"),
        ({"simple_reflections": 1, "open_questions": 2}, "0.5 (1 to 2), below fair"),
        ({"complex_reflections": 3, "closed_questions": 3}, "1.0 (3 to 3), fair"),
        ({"simple_reflections": 3, "complex_reflections": 2, "open_questions": 1, "closed_questions": 1},
         "2.5 (5 to 2), good"),
    ])
    def test_reflections_per_question_against_miti(self, tallies, words):
        assert words in ratio_text(filled(**tallies)["tallies"])


class TestText:
    def test_every_count_roadblock_and_note_is_in_the_text(self):
        answer = filled(simple_reflections=4, complex_reflections=1, open_questions=3, closed_questions=2)
        answer.update(roadblocks=["advising", "reassuring"], observer="She let the silence be.",
                      listener="")
        text = checklist_text(answer)
        assert all(f"{title}: {answer['tallies'][k]}" in text for k, title in TALLIES.items())
        assert "Advising, giving solutions, Reassuring, sympathizing" in text
        assert "As observer: She let the silence be." in text and "As listener: (left blank)" in text
        assert "1.0 (5 to 5), fair" in text

    def test_no_roadblock_ticked_says_so(self):
        assert "Roadblocks heard: none ticked." in checklist_text(empty_checklist())
