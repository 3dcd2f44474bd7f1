"""The cells nbgrader records of a notebook, and which of them a new notebook adds or removes."""

from __future__ import annotations

from types import SimpleNamespace

import nbformat
import pytest

from course_utils.assign.cell_sets import (
    CellChange,
    CellSets,
    changed_cells,
    notebook_cells,
    owner,
    recorded_cells,
)


def cell(grade_id: str | None, kind: str = "markdown", **flags) -> nbformat.NotebookNode:
    """A cell with nbgrader metadata holding these flags (none: a cell nbgrader ignores)."""
    new = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    made = new("text")
    if grade_id is not None:
        made.metadata["nbgrader"] = {"grade_id": grade_id, "grade": False, "solution": False,
                                     "task": False, "locked": False, **flags}
    return made


def notebook(*cells) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=list(cells))


class TestNotebookCells:
    def test_each_kind_of_cell_goes_to_the_records_savecells_puts_it_in(self):
        """Grade, solution and task cells are also source cells; a locked cell is a source cell only."""
        nb = notebook(cell("g", "code", grade=True, points=1), cell("s", "code", solution=True),
                      cell("t", task=True, points=2), cell("l", locked=True), cell("free"), cell(None))
        sets = notebook_cells(nb)
        assert sets == CellSets(grade=frozenset({"g"}), solution=frozenset({"s"}),
                                task=frozenset({"t"}), source=frozenset({"g", "s", "t", "l"}))

    def test_an_unlocked_cell_without_flags_is_not_recorded(self):
        assert notebook_cells(notebook(cell("free"), cell(None))).names() == frozenset()

    def test_the_course_master_notebook_records_every_item_cell(self, module):
        from course_utils.assign.build import module_files

        nb = module_files(module, "help")[f"{module.assignment}.ipynb"]
        sets = notebook_cells(nb)
        graded = [i for i in module.items if i.graded]
        assert {owner(n, [i.id for i in graded]) for n in sets.grade | sets.task} == {i.id for i in graded}
        assert all(owner(n, [i.id for i in module.items]) for n in sets.grade | sets.task)


class TestRecordedCells:
    def test_the_names_of_each_gradebook_record_are_read(self):
        named = [SimpleNamespace(name="a"), SimpleNamespace(name="b")]
        gradebook_notebook = SimpleNamespace(grade_cells=named[:1], solution_cells=[], task_cells=named[1:],
                                             source_cells=named)
        assert recorded_cells(gradebook_notebook) == CellSets(
            grade=frozenset({"a"}), task=frozenset({"b"}), source=frozenset({"a", "b"}))


class TestChangedCells:
    def test_the_same_cells_are_no_change(self):
        sets = CellSets(grade=frozenset({"a"}), source=frozenset({"a", "b"}))
        assert changed_cells(sets, sets) == []

    def test_a_new_and_a_removed_cell_are_named(self):
        old = CellSets(source=frozenset({"a", "b"}))
        new = CellSets(source=frozenset({"a", "c"}))
        changes = changed_cells(old, new)
        assert changes == [CellChange("b", ("source",), ()), CellChange("c", (), ("source",))]
        assert changes[0].is_gone and changes[1].is_new

    def test_a_cell_that_changes_record_is_a_change_neither_new_nor_gone(self):
        old = CellSets(source=frozenset({"a"}))
        new = CellSets(solution=frozenset({"a"}), source=frozenset({"a"}))
        [change] = changed_cells(old, new)
        assert (change.before, change.after) == (("source",), ("solution", "source"))
        assert not change.is_new and not change.is_gone


class TestOwner:
    @pytest.mark.parametrize(("name", "expected"), [
        ("bp-a-show", "bp-a"),
        ("bp-a-b-grade", "bp-a-b"),  # the longest id wins
        ("bp-a", "bp-a"),
        ("bp-ab-show", None),  # a longer word is not the item
        ("reading-1", None),
    ])
    def test_a_cell_belongs_to_the_longest_item_id_it_starts_with(self, name, expected):
        assert owner(name, ["bp-a", "bp-a-b"]) == expected
