"""Exports beyond nbgrader's grades CSV: learners' written text, only when asked for."""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from course_utils.public import ItemsFileError, load_items
from course_utils.storage import read_answers

# Owner may read and write, group may read, others nothing: learners write about lived experience.
PRIVATE_MODE = 0o640


def export_text(course: Path, target: Path) -> int:
    """Write every written reply and reflection in submitted/ to a CSV; return the row count.

    Reflections may hold lived experience: call this only when an instructor asks for text.
    """
    rows = []
    for folder in sorted((Path(course) / "submitted").glob("*/*")):
        try:
            items = load_items(folder)
        except ItemsFileError:
            continue
        answers = read_answers(folder)
        for item_id, item in items.items():
            if item.kind in ("written_reply", "reflection") and answers.get(item_id):
                rows.append({"student_id": folder.parent.name, "assignment": folder.name,
                             "item": item_id, "kind": item.kind, "text": answers[item_id]})
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=".tmp")
    try:
        os.fchmod(fd, PRIVATE_MODE)
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, ["student_id", "assignment", "item", "kind", "text"])
            writer.writeheader()
            writer.writerows(rows)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return len(rows)


def make_private(path: Path) -> None:
    """Let only the owner and the owner's group read a file that holds learners' data."""
    os.chmod(path, PRIVATE_MODE)
