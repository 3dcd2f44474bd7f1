"""The cells nbgrader records of a notebook (grade, solution, task, source), and how two differ.

nbgrader's SaveCells (nbgrader/preprocessors/savecells.py) records every grade, solution and
task cell, and as a source cell every one of those and every locked cell, each by its
`grade_id`. Once a notebook has submissions it refuses any master whose names differ from the
recorded ones in any of the four records; this module tells the same thing in the same terms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

RECORDS = ("grade", "solution", "task", "source")


@dataclass(frozen=True)
class CellSets:
    """The names (grade_id) of a notebook's cells in each of nbgrader's four records."""

    grade: frozenset[str] = frozenset()
    solution: frozenset[str] = frozenset()
    task: frozenset[str] = frozenset()
    source: frozenset[str] = frozenset()

    def records_of(self, name: str) -> tuple[str, ...]:
        """The records (grade, solution, task, source) that hold this cell."""
        return tuple(r for r in RECORDS if name in getattr(self, r))

    def names(self) -> frozenset[str]:
        """Every cell name in any record."""
        return self.grade | self.solution | self.task | self.source


@dataclass(frozen=True)
class CellChange:
    """One cell whose place in nbgrader's records differs: the records before and after."""

    name: str
    before: tuple[str, ...]
    after: tuple[str, ...]

    @property
    def is_new(self) -> bool:
        """Whether nbgrader has no record of this cell yet."""
        return not self.before

    @property
    def is_gone(self) -> bool:
        """Whether the new notebook no longer has this cell in any record."""
        return not self.after


def notebook_cells(nb: Any) -> CellSets:
    """The cells of a master notebook as SaveCells records them."""
    from nbgrader import utils  # instructor-only and slow to import

    found: dict[str, set[str]] = {r: set() for r in RECORDS}
    for cell in nb.cells:
        flags = {"grade": utils.is_grade(cell), "solution": utils.is_solution(cell),
                 "task": utils.is_task(cell)}
        flags["source"] = any(flags.values()) or utils.is_locked(cell)
        for record, flag in flags.items():
            if flag:
                found[record].add(cell.metadata["nbgrader"]["grade_id"])
    return CellSets(**{r: frozenset(names) for r, names in found.items()})


def recorded_cells(notebook: Any) -> CellSets:
    """The cells the gradebook holds for a notebook (an `nbgrader.api.Notebook`)."""
    return CellSets(grade=frozenset(c.name for c in notebook.grade_cells),
                    solution=frozenset(c.name for c in notebook.solution_cells),
                    task=frozenset(c.name for c in notebook.task_cells),
                    source=frozenset(c.name for c in notebook.source_cells))


def changed_cells(old: CellSets, new: CellSets) -> list[CellChange]:
    """Every cell whose records differ between old and new, by name; none: nbgrader accepts new."""
    changes = []
    for name in sorted(old.names() | new.names()):
        before, after = old.records_of(name), new.records_of(name)
        if before != after:
            changes.append(CellChange(name, before, after))
    return changes


def owner(name: str, item_ids: Iterable[str]) -> str | None:
    """The item a cell belongs to: the longest id that the cell's name is or starts with plus '-'."""
    matches = [i for i in item_ids if name == i or name.startswith(f"{i}-")]
    return max(matches, key=len) if matches else None
