"""Exports beyond nbgrader's grades CSV: learners' written text, only when asked for."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from course_utils.atomic import FILE_MODE, write_atomic
from course_utils.public import ItemsFileError, load_items
from course_utils.storage import read_answers

# Owner may read and write, group may read, others nothing: learners write about lived experience.
PRIVATE_MODE = FILE_MODE


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
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, ["student_id", "assignment", "item", "kind", "text"])
    writer.writeheader()
    writer.writerows(rows)
    write_atomic(target, text.getvalue(), mode=PRIVATE_MODE, newline="")
    return len(rows)


def make_private(path: Path) -> None:
    """Let only the owner and the owner's group read a file that holds learners' data."""
    os.chmod(path, PRIVATE_MODE)
