"""The observer checklist widget (course_utils/items/widgets/checklist.py): saved as changed, restored."""

from __future__ import annotations

import json

from course_utils.core.storage import AnswerStore
from course_utils.items.checklist import empty_checklist
from course_utils.items.model import Item, Scenario
from course_utils.items.widgets.checklist import ChecklistView


def item() -> Item:
    return Item(id="jo-triad-observer", kind="observer_checklist", mode="graded", prompt="Note what you saw.",
                scenario=Scenario("After the triad."), competencies=(12,), points=2.0,
                rubric=("Gives the tallies",))


def saved(folder):
    return json.loads((folder / "answers.json").read_text())["answers"]["jo-triad-observer"]["value"]


def fill(view: ChecklistView) -> None:
    view.counts["simple_reflections"].value = 3
    view.counts["complex_reflections"].value = 1
    view.counts["open_questions"].value = 2
    view.roadblocks["advising"].value = True
    view.notes["observer"].value = "The pause helped."


class TestSaving:
    def test_every_change_is_saved_at_once(self, tmp_path):
        view = ChecklistView(item(), AnswerStore(tmp_path))
        fill(view)
        answer = saved(tmp_path)
        assert answer["tallies"] == {"simple_reflections": 3, "complex_reflections": 1, "open_questions": 2,
                                     "closed_questions": 0}
        assert answer["roadblocks"] == ["advising"] and answer["observer"] == "The pause helped."
        assert "Saved. This item is graded after you submit" in view.status.value

    def test_the_ratio_follows_the_counts(self, tmp_path):
        view = ChecklistView(item(), AnswerStore(tmp_path))
        assert "nothing counted yet" in view.ratio.value
        fill(view)
        assert "2.0 (4 to 2), good" in view.ratio.value
        view.counts["closed_questions"].value = 3
        assert "0.8 (4 to 5), below fair" in view.ratio.value

    def test_a_count_over_the_limit_is_held_at_the_limit(self, tmp_path):
        view = ChecklistView(item(), AnswerStore(tmp_path))
        view.counts["open_questions"].value = 500
        assert saved(tmp_path)["tallies"]["open_questions"] == 99


class TestRestoring:
    def test_a_new_view_shows_what_was_saved(self, tmp_path):
        fill(ChecklistView(item(), AnswerStore(tmp_path)))
        again = ChecklistView(item(), AnswerStore(tmp_path))
        assert again.read_answer() == saved(tmp_path)
        assert "2.0 (4 to 2), good" in again.ratio.value
        assert "restored" in again.status.value

    def test_a_saved_answer_of_another_shape_is_not_lost(self, tmp_path):
        AnswerStore(tmp_path).set("jo-triad-observer", "I counted three reflections.")
        view = ChecklistView(item(), AnswerStore(tmp_path))
        assert "could not be shown" in view.status.value
        assert view.read_answer() == empty_checklist()
        assert saved(tmp_path) == "I counted three reflections."
