"""Exports beyond nbgrader's grades CSV: learners' written text, only when asked for."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any

from course_utils.core.atomic import FILE_MODE, write_atomic
from course_utils.core.display_order import IN_FILE_ORDER
from course_utils.core.folders import folder
from course_utils.core.storage import read_answers
from course_utils.items.kind import kind_of
from course_utils.items.model import Item
from course_utils.items.public import ItemsFileError, load_items

# Owner may read and write, group may read, others nothing: learners write about lived experience.
PRIVATE_MODE = FILE_MODE


def export_text(course: Path, target: Path) -> int:
    """Write every written reply, reflection and role-play transcript in submitted/ to a CSV.

    Returns the row count. Reflections and role-plays may hold lived experience: call this only
    when an instructor asks for text. Only answers in the learner's own words are rows; a text
    that a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a carriage
    return) is written with a leading apostrophe.
    """
    rows = []
    for submission in sorted(folder(course, "submitted").glob("*/*")):
        if not submission.is_dir():
            continue  # a stray file beside the assignment folders
        try:
            items = load_items(submission)
        except ItemsFileError:
            continue
        answers = read_answers(submission)
        for item_id, item in items.items():
            words = _own_words(item, answers.get(item_id))
            if words:
                rows.append({"student_id": submission.parent.name, "assignment": submission.name,
                             "item": item_id, "kind": item.kind, "text": _not_a_formula(words)})
    target.parent.mkdir(parents=True, exist_ok=True)
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, ["student_id", "assignment", "item", "kind", "text"])
    writer.writeheader()
    writer.writerows(rows)
    write_atomic(target, text.getvalue(), mode=PRIVATE_MODE, newline="")
    return len(rows)


def _own_words(item: Item, answer: Any) -> str:
    """A written answer's text, a role-play's transcript or a checklist; '' for anything else or blank."""
    kind = kind_of(item)
    if not kind.own_words or answer is None or not kind.well_formed(answer) or kind.blank(answer):
        return ""
    text = answer if isinstance(answer, str) else kind.answer_text(item, answer, IN_FILE_ORDER)
    return text if text.strip() else ""


def _not_a_formula(text: str) -> str:
    """The text, with an apostrophe in front where a spreadsheet would run it as a formula."""
    return f"'{text}" if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def make_private(path: Path) -> None:
    """Let only the owner and the owner's group read a file that holds learners' data."""
    os.chmod(path, PRIVATE_MODE)
