"""The triad practice guide of a module and its observer checklist (course_utils/content/triad.py)."""

from __future__ import annotations

import copy

import pytest
import yaml
from helpers import ASSIGNMENT, REPO, only_problem, write_module

from course_utils.content.loader import load_module
from course_utils.content.triad import HEADING, LABELS, TRIAD_FILE


def checklist(data: dict) -> dict:
    return next(i for i in data["items"] if i["kind"] == "observer_checklist")


class TestRealGuide:
    def test_module_1_has_a_guide_with_every_part_and_one_checklist(self):
        module = load_module(REPO / "content" / ASSIGNMENT)
        assert module.triad.startswith(HEADING)
        assert all(label in module.triad for label in LABELS)
        assert [i.kind for i in module.items].count("observer_checklist") == 1


class TestProblems:
    def test_a_checklist_without_a_guide_names_the_item_and_the_missing_file(self, tmp_path):
        folder = write_module(tmp_path, lambda data: None)
        (folder / TRIAD_FILE).unlink()
        problem, text = only_problem(folder)
        item = checklist(yaml.safe_load((folder / "module.yaml").read_text()))
        assert problem.item == item["id"] and problem.field == "kind" and problem.line
        assert f"{folder / TRIAD_FILE} is missing" in text

    @pytest.mark.parametrize("label", LABELS)
    def test_a_guide_missing_a_part_names_it(self, tmp_path, label):
        folder = write_module(tmp_path, lambda data: None)
        guide = folder / TRIAD_FILE
        guide.write_text(guide.read_text().replace(label, "**Notes.**"))
        problem, _ = only_problem(folder)
        assert problem.file == str(guide) and f"has no {label} part" in problem.message

    def test_a_guide_must_start_with_its_heading(self, tmp_path):
        folder = write_module(tmp_path, lambda data: None)
        guide = folder / TRIAD_FILE
        guide.write_text(guide.read_text().replace(HEADING, "## Practice in threes"))
        problem, _ = only_problem(folder)
        assert problem.line == 1 and HEADING in problem.message

    def test_two_checklists_are_refused(self, tmp_path):
        def twice(data):
            second = copy.deepcopy(checklist(data))
            second["id"] += "-again"
            data["items"].append(second)

        problem, _ = only_problem(write_module(tmp_path, twice))
        assert problem.field == "items" and "exactly one observer_checklist" in problem.message
        assert "not 2" in problem.message

    def test_a_module_with_neither_loads_without_a_guide(self, tmp_path):
        folder = write_module(tmp_path, lambda data: data.update(
            items=[i for i in data["items"] if i["kind"] != "observer_checklist"]))
        (folder / TRIAD_FILE).unlink()
        assert load_module(folder).triad == ""

    def test_a_cohort_that_never_meets_can_have_a_practice_checklist(self, tmp_path):
        def practice(data):
            item = checklist(data)
            item["mode"] = "practice"
            item.pop("points")

        module = load_module(write_module(tmp_path, practice))
        assert not next(i for i in module.items if i.kind == "observer_checklist").graded
