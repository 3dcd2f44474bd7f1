"""A build that nbgrader would refuse, because learners submitted, is refused first in plain words."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from helpers import ASSIGNMENT, REPO

from course_utils.assign.build import module_files
from course_utils.assign.cell_sets import notebook_cells
from course_utils.assign.guard import ReleasedChangeError, check_released
from course_utils.assign.released import RecordedNotebook, Submitted
from course_utils.content.loader import ContentError, load_module

NOTEBOOK = f"{ASSIGNMENT}.ipynb"


def released(files, submissions: int = 3) -> dict[str, Submitted]:
    """The gradebook's record of these files once learners have submitted them."""
    nb = files[NOTEBOOK]
    texts = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells}
    record = RecordedNotebook(ASSIGNMENT, notebook_cells(nb), texts, submissions)
    return {ASSIGNMENT: Submitted(ASSIGNMENT, submissions, {ASSIGNMENT: record})}


def refusal(content_dir, record, module) -> str:
    """The message of the refusal of building module against record (fails if nothing is refused)."""
    files = module_files(module, "help")
    with pytest.raises(ReleasedChangeError) as err:
        check_released(content_dir, record, {ASSIGNMENT: files}, [module], {})
    return str(err.value)


def edited_copy(tmp_path, edit_yaml=None, edit_reading=None):
    """Module 1 copied into tmp_path/content and edited as text, as a trainer would, then loaded."""
    folder = tmp_path / "content" / ASSIGNMENT
    shutil.copytree(REPO / "content" / ASSIGNMENT, folder)
    for name, edit in (("module.yaml", edit_yaml), ("reading.md", edit_reading)):
        if edit:
            (folder / name).write_text(edit((folder / name).read_text(encoding="utf-8")), encoding="utf-8")
    return load_module(folder)


def add_copy_of_item(text: str, item_id: str = "bp-stay-and-connect", new_id: str = "bp-stay-again") -> str:
    start = text.index(f"  - id: {item_id}\n")
    end = text.index("\n  # ----", start)
    return text[:end] + "\n" + text[start:end].replace(item_id, new_id) + text[end:]


@pytest.fixture
def record(module):
    return released(module_files(module, "help"))


class TestCheckReleased:
    def test_the_same_content_is_allowed(self, module, record):
        check_released(REPO / "content", record, {ASSIGNMENT: module_files(module, "help")}, [module], {})

    def test_new_wording_and_points_are_allowed(self, module, record):
        """nbgrader updates the text and points of existing cells even after submissions."""
        graded = next(i for i in module.items if i.auto_graded)
        first = module.items[0]
        items = tuple(replace(i, points=i.points + 1) if i is graded
                      else replace(i, prompt="A new question?") if i is first else i for i in module.items)
        edited = replace(module, items=items, reading=module.reading.replace("presence", "being there"))
        check_released(REPO / "content", record, {ASSIGNMENT: module_files(edited, "help")}, [edited], {})

    def test_a_new_item_is_named_with_its_file_and_line(self, tmp_path, record):
        edited = edited_copy(tmp_path, edit_yaml=add_copy_of_item)
        message = refusal(tmp_path / "content", record, edited)
        path = tmp_path / "content" / ASSIGNMENT / "module.yaml"
        line = path.read_text().splitlines().index("  - id: bp-stay-again") + 1
        assert f"{path}:{line}: item bp-stay-again is new" in message
        assert f"Learners have already submitted '{ASSIGNMENT}' (3 submissions in the gradebook)" in message
        assert "make this change in a new module" in message and "archived" in message
        assert "Changing the wording or the points of an existing item" in message

    def test_a_removed_item_is_named(self, module, record):
        gone = module.items[2]
        edited = replace(module, items=tuple(i for i in module.items if i is not gone))
        assert f"item {gone.id} was removed" in refusal(REPO / "content", record, edited)

    def test_practice_made_graded_is_named_as_such(self, module, record):
        practice = next(i for i in module.items if not i.graded and i.kind == "best_response")
        items = tuple(replace(i, mode="graded", points=1.0) if i is practice else i for i in module.items)
        message = refusal(REPO / "content", record, replace(module, items=items))
        assert f"item {practice.id} changed from practice to graded" in message

    def test_a_new_reading_section_is_named_by_its_heading_and_line(self, tmp_path, record):
        def add_section(text: str) -> str:
            at = text.index("\n## ", 10)
            return text[:at] + "\n\n## Why silence helps\n\nA pause leaves room.\n" + text[at:]

        edited = edited_copy(tmp_path, edit_reading=add_section)
        message = refusal(tmp_path / "content", record, edited)
        reading = tmp_path / "content" / ASSIGNMENT / "reading.md"
        line = reading.read_text().splitlines().index("## Why silence helps") + 1
        assert f"{reading}:{line}: reading section 'Why silence helps' is new" in message
        listed = [text for text in message.splitlines() if text.startswith("  - ")]
        assert not any(": item " in text for text in listed)  # the items are as they were

    def test_a_removed_reading_section_is_named(self, module, record):
        sections = module.reading.split("\n## ")
        gone = sections[2].splitlines()[0]
        edited = replace(module, reading="\n## ".join(sections[:2] + sections[3:]))
        assert f"reading section '{gone}' was removed" in refusal(REPO / "content", record, edited)

    def test_a_layout_change_of_the_code_is_told_apart_from_content(self, module, record):
        """A cell that nbgrader would record differently, with the content as it was."""
        files = module_files(module, "help")
        item = module.items[0]
        show = next(c for c in files[NOTEBOOK].cells
                    if c.metadata["nbgrader"]["grade_id"] == f"{item.id}-show")
        show.metadata["nbgrader"]["solution"] = not show.metadata["nbgrader"]["solution"]
        with pytest.raises(ReleasedChangeError) as err:
            check_released(REPO / "content", record, {ASSIGNMENT: files}, [module], {})
        assert f"item {item.id} would get other nbgrader cells" in str(err.value)
        assert "newer version of the course's code" in str(err.value)

    def test_a_kind_change_is_named_from_the_previous_items(self, module, record):
        written = next(i for i in module.items if i.kind == "written_reply" and i.graded)
        items = tuple(replace(i, kind="reflection", auto_rubric=()) if i is written else i
                      for i in module.items)
        previous = {ASSIGNMENT: {written.id: {"kind": "written_reply", "mode": "graded"}}}
        edited = replace(module, items=items)
        with pytest.raises(ReleasedChangeError) as err:
            check_released(REPO / "content", record, {ASSIGNMENT: module_files(edited, "help")}, [edited],
                           previous)
        assert f"item {written.id} changed kind from written_reply to reflection" in str(err.value)

    def test_a_new_notebook_in_a_submitted_assignment_is_refused(self, module, record):
        files = module_files(module, "help")
        files["extra.ipynb"] = files[NOTEBOOK]
        with pytest.raises(ReleasedChangeError, match="notebook 'extra.ipynb' would be new"):
            check_released(REPO / "content", record, {ASSIGNMENT: files}, [module], {})

    def test_a_notebook_without_submissions_may_change(self, module):
        """nbgrader's cell check is per notebook: a notebook nobody submitted takes any cells."""
        record = released(module_files(module, "help"), submissions=0)
        edited = replace(module, items=module.items[1:])
        check_released(REPO / "content", record, {ASSIGNMENT: module_files(edited, "help")}, [edited], {})

    def test_the_refusal_is_a_content_error_listing_each_change(self, module, record):
        edited = replace(module, items=module.items[1:])
        with pytest.raises(ContentError) as err:
            check_released(REPO / "content", record, {ASSIGNMENT: module_files(edited, "help")}, [edited], {})
        assert [p.item for p in err.value.problems] == [module.items[0].id]
        assert str(err.value).startswith("The build was stopped before changing anything.")
