"""What a build changes per assignment: items added, removed and changed, and the page."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers import ASSIGNMENT

from course_utils.assign.build import module_files
from course_utils.assign.changes import AssignmentChanges, assignment_changes, items_in
from course_utils.assign.staging import write_files


@pytest.fixture
def previous(tmp_path, module):
    """The source folder a previous build wrote for module 1."""
    return write_files(tmp_path / ASSIGNMENT, module_files(module, "help"))


def changes(previous, module) -> AssignmentChanges:
    return assignment_changes(ASSIGNMENT, previous, module_files(module, "help"))


class TestAssignmentChanges:
    def test_the_same_content_is_unchanged(self, previous, module):
        result = changes(previous, module)
        assert result.unchanged
        assert str(result) == f"{ASSIGNMENT}: unchanged"

    def test_a_first_build_is_new_with_its_item_count(self, tmp_path, module):
        result = assignment_changes(ASSIGNMENT, tmp_path / "none", module_files(module, "help"))
        assert result.new and str(result) == f"{ASSIGNMENT}: new ({len(module.items)} items)"

    def test_an_item_added_in_front_is_added_and_no_other_item_changed(self, previous, module):
        """The other items' headings are numbered anew; that is no change of theirs."""
        new = replace(module.items[0], id="bp-new-first")
        result = changes(previous, replace(module, items=(new, *module.items)))
        assert (result.added, result.removed, result.changed, result.page) == \
            (("bp-new-first",), (), (), False)
        assert str(result) == f"{ASSIGNMENT}: items added: bp-new-first"

    def test_a_removed_item_is_listed(self, previous, module):
        result = changes(previous, replace(module, items=module.items[1:]))
        assert result.removed == (module.items[0].id,) and not result.changed

    def test_a_graded_key_changed_is_a_changed_item(self, previous, module):
        """A graded key is only in the hidden test cell, not in the learner's items.json."""
        item = next(i for i in module.items if i.graded and i.kind == "best_response")
        other = next(o.id for o in item.options if o.id != item.key)
        items = tuple(replace(i, key=other) if i is item else i for i in module.items)
        result = changes(previous, replace(module, items=items))
        assert result.changed == (item.id,)
        assert str(result) == f"{ASSIGNMENT}: items changed: {item.id}"

    def test_new_points_and_wording_are_changed_items(self, previous, module):
        first, graded = module.items[0], next(i for i in module.items if i.graded)
        items = tuple(replace(i, prompt="New?") if i is first else replace(i, points=9.0) if i is graded
                      else i for i in module.items)
        assert set(changes(previous, replace(module, items=items)).changed) == {first.id, graded.id}

    def test_a_reading_change_is_a_page_change(self, previous, module):
        result = changes(previous, replace(module, reading=module.reading + "\n\nOne more line."))
        assert result.page and not (result.added or result.removed or result.changed)
        assert "reading or other page text changed" in str(result)


class TestItemsIn:
    def test_a_missing_or_broken_items_file_has_no_items(self, tmp_path):
        assert items_in(tmp_path) == {}
        (tmp_path / "items.json").write_text("{not json")
        assert items_in(tmp_path) == {}

    def test_items_are_keyed_by_id(self, previous, module):
        assert list(items_in(previous)) == [i.id for i in module.items]
