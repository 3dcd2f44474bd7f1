"""Release notebooks carry the placeholder note in live cells only."""

from __future__ import annotations

import nbformat
import pytest
from helpers import REPO

from course_utils.assign.placeholders import add_placeholders, is_live
from course_utils.core.vocab import PLACEHOLDER_HTML, PLACEHOLDER_TEXT

RELEASED = sorted(REPO.glob("release/*/*.ipynb"))
PLACEHOLDER = {"text/html": PLACEHOLDER_HTML, "text/plain": PLACEHOLDER_TEXT}


def graded_cell(cell: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "locked": True, "grade": False,
                                 "solution": False, "task": False, "schema_version": 3}
    return cell


def code(grade_id: str, source: str = "", outputs=()) -> nbformat.NotebookNode:
    return graded_cell(nbformat.v4.new_code_cell(source, outputs=list(outputs)), grade_id)


def markdown(grade_id: str) -> nbformat.NotebookNode:
    return graded_cell(nbformat.v4.new_markdown_cell("## Text"), grade_id)


@pytest.fixture
def release_nb(tmp_path):
    """A module's release notebook in miniature: every kind of cell a module has."""
    stale = nbformat.v4.new_output("stream", name="stdout", text="old\n")
    nb = nbformat.v4.new_notebook(cells=[
        markdown("intro"),
        code("setup", "start()"),
        code("bp-first-words-show", 'show_item("bp-first-words")', [stale]),
        markdown("bp-first-words-title"),
        code("bp-first-words-grade", "grade_item({})"),
        code("report", "competency_report()"),
        markdown("end"),
        code("submit", "show_submit()"),
        code("module-list", "show_modules([], '..')"),
        nbformat.v4.new_code_cell("print('no nbgrader metadata')"),
    ])
    path = tmp_path / "being_present.ipynb"
    nbformat.write(nb, path)
    return path


def outputs_by_id(path) -> dict[str, list]:
    nb = nbformat.read(path, as_version=4)
    return {c.metadata.get("nbgrader", {}).get("grade_id", c.source): c.get("outputs") for c in nb.cells}


class TestIsLive:
    @pytest.mark.parametrize("grade_id", ["bp-first-words-show", "submit", "module-list"])
    def test_exercise_submit_and_module_list_cells_are_live(self, grade_id):
        assert is_live(code(grade_id))

    @pytest.mark.parametrize("grade_id", ["setup", "report", "bp-first-words-grade", "show", "submit-2",
                                          "my-module-list", "bp-show-title"])
    def test_other_code_cells_are_not(self, grade_id):
        assert not is_live(code(grade_id))

    def test_markdown_cell_with_a_live_id_is_not(self):
        assert not is_live(markdown("bp-first-words-show"))
        assert not is_live(markdown("submit"))

    def test_cell_without_nbgrader_metadata_is_not(self):
        assert not is_live(nbformat.v4.new_code_cell("show_submit()"))


class TestAddPlaceholders:
    def test_counts_the_live_cells(self, release_nb):
        assert add_placeholders(release_nb) == 3

    def test_live_cells_hold_only_the_placeholder(self, release_nb):
        add_placeholders(release_nb)
        outputs = outputs_by_id(release_nb)
        for grade_id in ("bp-first-words-show", "submit", "module-list"):
            [out] = outputs[grade_id]
            assert out["output_type"] == "display_data" and out["data"] == PLACEHOLDER

    def test_other_cells_are_unchanged(self, release_nb):
        add_placeholders(release_nb)
        outputs = outputs_by_id(release_nb)
        for grade_id in ("setup", "bp-first-words-grade", "report", "print('no nbgrader metadata')"):
            assert outputs[grade_id] == [], grade_id
        for grade_id in ("intro", "bp-first-words-title", "end"):
            assert outputs[grade_id] is None, grade_id

    def test_running_again_changes_nothing(self, release_nb):
        add_placeholders(release_nb)
        once = release_nb.read_bytes()
        assert add_placeholders(release_nb) == 3
        assert release_nb.read_bytes() == once

    def test_notebook_stays_valid(self, release_nb):
        add_placeholders(release_nb)
        nbformat.validate(nbformat.read(release_nb, as_version=4))

    def test_notebook_without_live_cells_gets_none(self, tmp_path):
        path = tmp_path / "dashboard.ipynb"
        nbformat.write(nbformat.v4.new_notebook(cells=[markdown("intro"), code("dashboard")]), path)
        assert add_placeholders(path) == 0
        assert outputs_by_id(path)["dashboard"] == []


@pytest.mark.parametrize("path", RELEASED, ids=[f"{p.parent.name}/{p.name}" for p in RELEASED])
class TestReleasedNotebooks:
    def test_placeholders_are_exactly_in_the_live_cells(self, path):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            expected = [PLACEHOLDER] if is_live(cell) else []
            assert [o.get("data") for o in cell.outputs] == expected, cell.metadata.nbgrader.grade_id

    def test_adding_them_again_leaves_the_file_as_released(self, path, tmp_path):
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        add_placeholders(copy)
        assert nbformat.read(copy, as_version=4) == nbformat.read(path, as_version=4)


def test_every_module_release_has_live_exercise_and_submit_cells():
    modules = [p for p in RELEASED if p.parent.name != "start_here"]
    assert len(modules) == 9
    for path in modules:
        ids = [c.metadata.nbgrader.grade_id for c in nbformat.read(path, as_version=4).cells
               if c.cell_type == "code" and is_live(c)]
        assert ids[-1] == "submit" and any(i.endswith("-show") for i in ids), path
