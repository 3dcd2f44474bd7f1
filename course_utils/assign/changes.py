"""What a build changes in each assignment, against the previous source/: items and the page.

An item counts as changed when its learner-safe entry in items.json differs, or when one of its
graded cells (nbgrader grade, task or solution cells: keys, points, rubric) does; its heading's
number moving because another item was added is no change of its own.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from course_utils.assign.cell_sets import notebook_cells, owner
from course_utils.core.vocab import ITEMS_FILE

GRADED_RECORDS = ("grade", "task", "solution")


@dataclass(frozen=True)
class AssignmentChanges:
    """One assignment's changes: items added, removed and changed, and any other page text."""

    assignment: str
    new: bool = False
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    page: bool = False  # text outside the items (reading, notes, guide pages) changed
    items: int = 0

    @property
    def unchanged(self) -> bool:
        """Whether the build leaves this assignment as it was."""
        return not (self.new or self.added or self.removed or self.changed or self.page)

    def __str__(self) -> str:
        if self.new:
            count = f" ({self.items} items)" if self.items else ""
            return f"{self.assignment}: new{count}"
        if self.unchanged:
            return f"{self.assignment}: unchanged"
        parts = [f"{label}: {', '.join(ids)}" for label, ids in
                 (("items added", self.added), ("items removed", self.removed),
                  ("items changed", self.changed)) if ids]
        if self.page:
            parts.append("reading or other page text changed")
        return f"{self.assignment}: {'; '.join(parts)}"


def assignment_changes(assignment: str, previous: Path, files: Mapping[str, Any]) -> AssignmentChanges:
    """Compare an assignment's previous source folder with the files a build makes of it."""
    new_items = _items(files.get(ITEMS_FILE))
    if not previous.is_dir():
        return AssignmentChanges(assignment, new=True, items=len(new_items))
    old_items = items_in(previous)
    old_nbs = {p.name: nbformat.read(p, as_version=4) for p in sorted(previous.glob("*.ipynb"))}
    new_nbs = {n: nb for n, nb in files.items() if n.endswith(".ipynb")}
    ids = set(old_items) | set(new_items)
    old_cells, old_page = _split(old_nbs, ids)
    new_cells, new_page = _split(new_nbs, ids)
    common = [i for i in new_items if i in old_items]
    changed = tuple(i for i in common
                    if old_items[i] != new_items[i] or old_cells.get(i) != new_cells.get(i))
    return AssignmentChanges(
        assignment,
        added=tuple(i for i in new_items if i not in old_items),
        removed=tuple(i for i in old_items if i not in new_items),
        changed=changed, page=old_page != new_page, items=len(new_items))


def items_in(folder: Path) -> dict[str, dict]:
    """The items of a generated folder's items.json by id (none when it is missing or unreadable)."""
    return _items(_read_json(folder / ITEMS_FILE))


def _items(document: Any) -> dict[str, dict]:
    """An items.json document's items by id (none when there is no such file)."""
    items = document.get("items") if isinstance(document, dict) else None
    return {i["id"]: i for i in items or [] if isinstance(i, dict) and "id" in i}


def _read_json(path: Path) -> Any:
    """A JSON file's data, or None when it is missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _split(notebooks: Mapping[str, Any], ids: set[str]) -> tuple[dict[str, list], dict[str, list]]:
    """Each item's graded cells (source and points), and each notebook's other cells' text."""
    items: dict[str, list] = {}
    page: dict[str, list] = {}
    for name, nb in notebooks.items():
        sets = notebook_cells(nb)
        graded = set().union(*(getattr(sets, r) for r in GRADED_RECORDS))
        page[name] = []
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            cell_id = meta.get("grade_id", "")
            item_id = owner(cell_id, ids) if cell_id else None
            if item_id is None:
                page[name].append((cell.cell_type, cell.source))
            elif cell_id in graded:
                items.setdefault(item_id, []).append((cell_id, cell.source, meta.get("points")))
    return items, page
