"""Learner answers saved beside the notebook, atomically, the moment they change."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from course_utils.vocab import ANSWERS_FILE

FORMAT = 1


class StorageError(OSError):
    """Raised when an answer cannot be written; the message names the file and what to do."""


def grading_run() -> bool:
    """Whether this kernel runs under nbgrader autograde or validate."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


class AnswerStore:
    """Reads and writes one folder's answers file; never loses what it cannot read."""

    def __init__(self, folder: Path | str = ".", filename: str = ANSWERS_FILE) -> None:
        self.path = Path(folder) / filename
        self.status = ""
        self.problem = False
        self._answers = self._load()

    def get(self, item_id: str, default: Any = None) -> Any:
        """The saved answer for an item, or default."""
        entry = self._answers.get(item_id)
        return entry.get("value", default) if isinstance(entry, dict) else default

    def answers(self) -> dict[str, Any]:
        """Every saved answer, by item id."""
        return {k: v.get("value") for k, v in self._answers.items() if isinstance(v, dict)}

    def set(self, item_id: str, value: Any) -> None:
        """Save one answer now, keeping every other answer already in the file."""
        current = self._read_quietly()
        if current is not None:
            self._answers = current
        elif self.path.is_file() and self.path.stat().st_size:
            # Damaged since it was opened: keep it aside rather than write over it.
            self._unreadable(f"{self.path.name} was damaged while the notebook was open")
        self._answers[item_id] = {
            "value": value,
            "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        self._write({"format": FORMAT, "answers": self._answers})

    def _load(self) -> dict[str, Any]:
        name = self.path.name
        if not self.path.exists():
            self.status = f"No saved answers yet. Your answers are saved to {name} as you go."
            return {}
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as err:
            return self._unreadable(f"{name} could not be opened ({err.strerror})")
        if not text.strip():
            self.status = f"{name} was empty, so there was nothing to restore. New answers are saved there."
            self.problem = True
            return {}
        try:
            answers = _parse(text)
        except ValueError as err:
            return self._unreadable(f"{name} could not be read ({err})")
        self.status = f"Restored {len(answers)} saved answer(s) from {name}."
        return answers

    def _unreadable(self, reason: str) -> dict[str, Any]:
        self.problem = True
        if grading_run():
            self.status = f"{reason}. No answers could be graded from it."
            return {}
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}{self.path.suffix}")
        try:
            os.replace(self.path, kept)
        except OSError:
            self.status = (f"{reason}. It was left as it is; answers you give now cannot be saved "
                           "until it is moved or deleted. Ask your trainer for help.")
            return {}
        self.status = (f"{reason}. It was kept as {kept.name} so nothing is lost (your trainer "
                       f"can recover answers from it). New answers are saved to {self.path.name}.")
        return {}

    def _read_quietly(self) -> dict[str, Any] | None:
        try:
            return _parse(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _write(self, data: dict[str, Any]) -> None:
        folder = self.path.parent
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{self.path.stem}-", suffix=".tmp")
        except OSError as err:
            raise StorageError(f"Could not save your answer to {self.path}: {err.strerror}. "
                               "Check that the folder exists and you may write to it.") from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=1, ensure_ascii=False, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except OSError as err:
            Path(tmp).unlink(missing_ok=True)
            raise StorageError(f"Could not save your answer to {self.path}: {err.strerror}. "
                               "Your earlier answers are untouched; free some space or ask your "
                               "trainer.") from None


def read_answers(folder: Path | str, filename: str = ANSWERS_FILE) -> dict[str, Any]:
    """The answers saved in a folder, read only (an unreadable file gives none, untouched)."""
    try:
        raw = _parse((Path(folder) / filename).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v.get("value") for k, v in raw.items() if isinstance(v, dict)}


def _parse(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"not valid JSON at line {err.lineno}") from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise ValueError("it is not an answers file of this course")
    return data["answers"]
