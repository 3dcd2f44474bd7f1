"""Refuse, before a build writes anything, a change nbgrader would refuse once learners submitted.

nbgrader's `generate_assignment` cannot add or remove a notebook of an assignment that has
submissions, nor add or remove (or re-kind) a recorded cell of a notebook that has submissions
(`GenerateAssignment._clean_old_notebooks`, `SaveCells._create_notebook`). It fails only after
it has deleted the release folder; this check says the same thing first, in a trainer's words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course_utils.assign.cell_sets import CellChange, CellSets, changed_cells, notebook_cells, owner
from course_utils.assign.released import RecordedNotebook, Submitted
from course_utils.content.loader import MODULE_FILE, READING_FILE, item_line
from course_utils.items.model import ContentError, Module, Problem

INSTEAD = ("What to do instead:\n"
           "  - make this change in a new module (a new folder in content/), or after this "
           "cohort's grading is finished and the gradebook is archived (moved aside, so the next "
           "cohort starts a new one);\n"
           "  - to build your other changes now, undo the ones listed above and run the build again.\n"
           "Changing the wording or the points of an existing item (its options, explanations and "
           "key too), or the wording of the reading, is allowed now.")
GRADED_RECORDS = ("grade", "task")


@dataclass(frozen=True)
class Reason:
    """One change that nbgrader would refuse, in a trainer's words, with where it is."""

    file: str
    text: str
    line: int | None = None
    item: str = ""

    def __str__(self) -> str:
        at = f"{self.file}:{self.line}" if self.line else self.file
        return f"{at}: {self.text}"


@dataclass(frozen=True)
class Refusal:
    """An assignment with submissions that this build would change in a way nbgrader refuses."""

    assignment: str
    submissions: int
    reasons: tuple[Reason, ...]

    def __str__(self) -> str:
        plural = "s" if self.submissions != 1 else ""
        head = (f"Learners have already submitted '{self.assignment}' ({self.submissions} "
                f"submission{plural} in the gradebook). Once a module has submissions, nbgrader "
                "cannot add or remove an item or a reading section, nor change whether or how an "
                "item is graded. It cannot apply these changes:")
        return "\n".join([head, *(f"  - {r}" for r in self.reasons)])


class ReleasedChangeError(ContentError):
    """Raised before anything is written when the build would change a submitted assignment's cells."""

    def __init__(self, refusals: list[Refusal]) -> None:
        self.refusals = refusals
        super().__init__([Problem(r.file, r.item, "id" if r.item else "-", r.text, r.line)
                          for refusal in refusals for r in refusal.reasons])
        text = "\n\n".join(str(r) for r in refusals)
        self.args = (f"The build was stopped before changing anything.\n\n{text}\n\n{INSTEAD}",)


def check_released(content_dir: Path, submitted: Mapping[str, Submitted],
                   folders: Mapping[str, Mapping[str, Any]], modules: list[Module],
                   previous_items: Mapping[str, Mapping[str, dict]]) -> None:
    """Raise ReleasedChangeError naming every change nbgrader would refuse; return if there is none.

    folders holds each assignment's new files (notebooks by file name), previous_items each
    assignment's items as the previous build wrote them (by id; empty when unknown).
    """
    by_name = {m.assignment: m for m in modules}
    refusals = []
    for name, record in submitted.items():
        if name not in folders:
            continue  # not built from content any more: this build leaves it alone
        reasons = refused_changes(Path(content_dir) / name, record, folders[name], by_name.get(name),
                                  previous_items.get(name, {}))
        if reasons:
            refusals.append(Refusal(name, record.submissions, tuple(reasons)))
    if refusals:
        raise ReleasedChangeError(refusals)


def refused_changes(module_dir: Path, record: Submitted, files: Mapping[str, Any],
                    module: Module | None, previous: Mapping[str, dict]) -> list[Reason]:
    """What nbgrader would refuse in these new files of one submitted assignment."""
    where = str(module_dir / MODULE_FILE)
    notebooks = {Path(n).stem: nb for n, nb in files.items() if n.endswith(".ipynb")}
    reasons = [Reason(where, f"notebook '{n}.ipynb' would be new")
               for n in sorted(set(notebooks) - set(record.notebooks))]
    reasons += [Reason(where, f"notebook '{n}.ipynb' would be removed")
                for n in sorted(set(record.notebooks) - set(notebooks))]
    for name in sorted(set(notebooks) & set(record.notebooks)):
        recorded = record.notebooks[name]
        new = notebook_cells(notebooks[name])
        changes = changed_cells(recorded.cells, new) if recorded.submissions else []
        if changes:
            reasons += _described(module_dir, module, previous, recorded, notebooks[name], new, changes)
    return reasons


def _described(module_dir: Path, module: Module | None, previous: Mapping[str, dict],
               recorded: RecordedNotebook, nb: Any, new: CellSets,
               changes: list[CellChange]) -> list[Reason]:
    """The changed cells of one notebook, as changes to items and to the reading."""
    current = {i.id: i for i in module.items} if module else {}
    ids = set(current) | set(previous)
    ids |= _unknown_items(recorded.cells.names(), ids)
    by_item: dict[str, list[CellChange]] = {}
    page: list[CellChange] = []
    for change in changes:
        item_id = owner(change.name, ids)
        (by_item.setdefault(item_id, []) if item_id else page).append(change)
    where = module_dir / MODULE_FILE
    reasons = [_item_reason(where, item_id, recorded.cells, new, cells, current, previous)
               for item_id, cells in by_item.items()]
    if page:
        reasons += _page_reasons(module_dir, module, recorded, nb, new, page, ids)
    return reasons


def _unknown_items(names: frozenset[str], ids: set[str]) -> set[str]:
    """Items the gradebook has cells of that neither the content nor the previous build names.

    A cell named <id>-<part> belongs to an item when another recorded cell starts with the same
    <id>- (each item has several cells); numbered parts (reading-1, reading-2) are the reading's.
    """
    loose = [n for n in names if not owner(n, ids) and "-" in n]
    prefixes = [n.rsplit("-", 1) for n in loose]
    return {head for head, part in prefixes if not part.isdigit()
            and sum(n.startswith(f"{head}-") for n in loose) > 1}


def _item_reason(where: Path, item_id: str, old: CellSets, new: CellSets, cells: list[CellChange],
                 current: Mapping[str, Any], previous: Mapping[str, dict]) -> Reason:
    """One item's cell changes in a trainer's words."""
    def owned(sets: CellSets, records: tuple[str, ...]) -> set[str]:
        return {n for r in records for n in getattr(sets, r) if owner(n, [item_id]) == item_id}

    line = item_line(where, item_id) if item_id in current else None
    if not owned(old, ("source", "grade", "solution", "task")):
        return Reason(str(where), f"item {item_id} is new", line, item_id)
    if item_id not in current or not owned(new, ("source", "grade", "solution", "task")):
        return Reason(str(where), f"item {item_id} was removed (learners have it)", line, item_id)
    item, before = current[item_id], previous.get(item_id, {})
    was_graded, is_graded = bool(owned(old, GRADED_RECORDS)), bool(owned(new, GRADED_RECORDS))
    if was_graded != is_graded:
        modes = ("graded", "practice") if was_graded else ("practice", "graded")
        return Reason(str(where), f"item {item_id} changed from {modes[0]} to {modes[1]}", line, item_id)
    if before.get("kind") and before["kind"] != item.kind:
        return Reason(str(where), f"item {item_id} changed kind from {before['kind']} to {item.kind}, "
                      "which grades it with other cells", line, item_id)
    detail = "; ".join(_cell_words(c) for c in cells)
    return Reason(str(where), f"item {item_id} would get other nbgrader cells than learners have "
                  f"({detail}); its kind and mode did not change, so this comes from a newer version "
                  "of the course's code: build with the version this cohort started with",
                  line, item_id)


def _cell_words(change: CellChange) -> str:
    """One cell's change, e.g. "cell 'x-grade' is new" or "cell 'x-show' becomes a solution cell"."""
    if change.is_new:
        return f"cell '{change.name}' is new"
    if change.is_gone:
        return f"cell '{change.name}' is gone"
    joins = [r for r in change.after if r not in change.before]
    leaves = [r for r in change.before if r not in change.after]
    parts = [f"becomes a {r} cell" for r in joins] + [f"is no longer a {r} cell" for r in leaves]
    return f"cell '{change.name}' {' and '.join(parts)}"


def _page_reasons(module_dir: Path, module: Module | None, recorded: RecordedNotebook, nb: Any,
                  new: CellSets, page: list[CellChange], ids: set[str]) -> list[Reason]:
    """Cells outside the items: reading sections (named by heading) or other parts of the page."""
    reading = module.reading if module else ""
    texts = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells
             if "grade_id" in c.metadata.get("nbgrader", {})}
    old_heads = {_section(recorded.texts.get(n, "")) for n in recorded.cells.names() if not owner(n, ids)}
    new_heads = {_section(texts.get(n, "")) for n in new.names() if not owner(n, ids)}
    path = module_dir / READING_FILE
    reasons = [Reason(str(path), f"reading section '{h}' is new", _section_line(reading, h))
               for h in sorted(new_heads - old_heads - {""}) if _section_line(reading, h)]
    reasons += [Reason(str(path), f"reading section '{h}' was removed (learners have it)")
                for h in sorted(old_heads - new_heads - {""})]
    if not reasons:  # no heading tells: name the page's cells themselves
        where = str(module_dir / MODULE_FILE)
        reasons = [Reason(where, f"a part of the page would change ({_cell_words(c)}); this comes from "
                          "a newer version of the course's code, or a reading split differently")
                   for c in page]
    return reasons


def _section(text: str) -> str:
    """The '## ' heading a reading section starts with ("" when the text has none)."""
    match = re.match(r"## +(.+?)\s*$", text.lstrip().split("\n", 1)[0])
    return match.group(1) if match else ""


def _section_line(reading: str, heading: str) -> int | None:
    """The line of a section heading in the reading (None: not a heading of the reading)."""
    for number, line in enumerate(reading.splitlines(), start=1):
        if _section(line) == heading:
            return number
    return None
