"""Learner answers saved beside the notebook, atomically, the moment they change."""

from __future__ import annotations

import json
import math
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from course_utils.core.atomic import FILE_MODE, TempFileError, write_atomic
from course_utils.core.vocab import ANSWERS_FILE

try:
    import fcntl
except ImportError:  # Windows: saves stay atomic but are not serialised between kernels
    fcntl = None  # type: ignore[assignment]

FORMAT = 1
MAX_ANSWERS_BYTES = 5 * 1024 * 1024
# Learners write about lived experience: the owner reads and writes, the group (trainers) may only
# read, everyone else gets nothing, whatever the umask of the server.
# A temporary file this old belongs to a writer that died before renaming it (a save takes ms).
STALE_TEMP_SECONDS = 60


class StorageError(OSError):
    """Raised when an answer cannot be written; the message names the file and what to do."""


class _EmptyFile(ValueError):
    """The answers file holds nothing but whitespace."""


def grading_run() -> bool:
    """Whether this kernel runs under nbgrader autograde or validate."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


class AnswerStore:
    """Reads and writes one folder's answers file; never loses what it cannot read.

    Several kernels may save to the same file: concurrent saves merge item by item; for the same
    item, the last writer wins.
    """

    def __init__(self, folder: Path | str = ".", filename: str = ANSWERS_FILE,
                 read_only: bool | None = None) -> None:
        self.path = Path(folder) / filename
        self.status = ""
        self.problem = False
        self._seed: str | None = None  # set by _load from the file
        self._seed_settled = False
        # Read only (the default under nbgrader): nothing is moved or deleted, so no lock is needed.
        self.read_only = grading_run() if read_only is None else read_only
        if self.read_only:
            self._answers = self._load()
            return
        with _locked(self.path):
            _remove_stale_temp_files(self.path)
            self._answers = self._load()

    def display_seed(self, identity: str | None = None) -> str | None:
        """The learner's display-order seed, kept with the answers; made and saved on first use.

        The seed is the learner's identity where there is one (the JupyterHub user, or identity),
        else random. Read only (autograde): the saved seed; with no file, the student id that is
        the folder's parent (autograded/<student>/<assignment>); answers saved before seeds
        existed keep the file's order (None).
        """
        if self._seed is not None or self._seed_settled:
            return self._seed
        self._seed_settled = True
        if self.read_only:
            if self._answers:
                return None
            return f"user:{self.path.parent.parent.name}"
        name = identity or os.environ.get("JUPYTERHUB_USER")
        seed: str | None = f"user:{name}" if name else f"random:{secrets.token_hex(8)}"
        if self._answers and not identity:
            seed = None  # answered before display orders were kept: keep the order they saw
        try:
            self._save_seed(seed)
        except StorageError:
            pass  # shown in this order for this session; the next save tries again
        self._seed = seed
        return seed

    def _save_seed(self, seed: str | None) -> None:
        with _locked(self.path):
            stored = None
            try:
                self._answers, _notes, stored = _read_file(self.path)
            except (OSError, _EmptyFile):
                pass  # missing or empty: the seed starts the file
            except ValueError:
                return  # damaged: the next answer saved keeps it aside first
            if stored is not None or seed is None:
                self._seed = stored
                return
            self._write({"format": FORMAT, "answers": self._answers, "display_seed": seed})

    def get(self, item_id: str, default: Any = None) -> Any:
        """The saved answer for an item, or default."""
        entry = self._answers.get(item_id)
        return entry.get("value", default) if isinstance(entry, dict) else default

    def answers(self) -> dict[str, Any]:
        """Every saved answer, by item id."""
        return {k: v.get("value") for k, v in self._answers.items() if isinstance(v, dict)}

    def set(self, item_id: str, value: Any) -> None:
        """Save one answer; concurrent saves merge item by item; for the same item, the last writer wins."""
        with _locked(self.path):
            stored = None
            try:
                self._answers, _notes, stored = _read_file(self.path)
            except (OSError, _EmptyFile):
                pass  # missing, empty or not a file: what this store holds is written back (or fails)
            except ValueError as err:
                # Damaged since it was opened: keep it aside rather than write over it.
                self._unreadable(f"{err}; it was damaged while the notebook was open")
            self._answers[item_id] = {
                "value": value,
                "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            }
            seed = stored or self._seed
            data = {"format": FORMAT, "answers": self._answers}
            if seed is not None:
                data["display_seed"] = seed
            self._write(data)

    def _load(self) -> dict[str, Any]:
        name = self.path.name
        if not self.path.exists():
            self.status = f"No saved answers yet. Your answers are saved to {name} as you go."
            return {}
        try:
            answers, notes, self._seed = _read_file(self.path)
        except _EmptyFile:
            self.status = f"{name} was empty, so there was nothing to restore. New answers are saved there."
            self.problem = True
            return {}
        except OSError as err:
            return self._unreadable(f"{name} could not be opened ({err.strerror})")
        except ValueError as err:
            return self._unreadable(str(err))
        self.status = f"Restored {len(answers)} saved answer(s) from {name}."
        if notes:
            self.problem = True
            self.status += f" But {'; '.join(notes)}."
            self.status += self._keep_copy()
        return answers

    def _keep_copy(self) -> str:
        """Copy a partly readable file aside before a save rewrites it; say where it went."""
        if self.read_only:
            return f" {self.path.name} was left as it is."
        kept = _aside_name(self.path)
        try:
            shutil.copyfile(self.path, kept)
            os.chmod(kept, FILE_MODE)
        except OSError:
            return " A copy of the file as it was could not be kept; ask your trainer before going on."
        return (f" The file as it was is kept as {kept.name}, so your trainer can recover what "
                "was left out.")

    def _unreadable(self, reason: str) -> dict[str, Any]:
        self.problem = True
        if self.read_only:
            self.status = f"{reason}. It was left in place; no answers could be graded from it."
            return {}
        kept = _aside_name(self.path)
        try:
            os.replace(self.path, kept)
            os.chmod(kept, FILE_MODE)
        except OSError:
            self.status = (f"{reason}. It was left as it is; answers you give now cannot be saved "
                           "until it is moved or deleted. Ask your trainer for help.")
            return {}
        self.status = (f"{reason}. It was kept as {kept.name} so nothing is lost (your trainer "
                       f"can recover answers from it). New answers are saved to {self.path.name}.")
        return {}

    def _write(self, data: dict[str, Any]) -> None:
        text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True)
        try:
            write_atomic(self.path, text, mode=FILE_MODE, durable=True)
        except TempFileError as err:
            raise StorageError(f"Could not save your answer to {self.path}: {err.strerror}. "
                               "Check that the folder exists and you may write to it.") from None
        except OSError as err:
            raise StorageError(f"Could not save your answer to {self.path}: {err.strerror}. "
                               "Your earlier answers are untouched; free some space or ask your "
                               "trainer.") from None


def read_answers(folder: Path | str, filename: str = ANSWERS_FILE) -> dict[str, Any]:
    """The answers saved in a folder, read only (an unreadable file gives none, untouched)."""
    try:
        entries, _notes, _seed = _read_file(Path(folder) / filename)
    except (OSError, ValueError):
        return {}
    return {k: v["value"] for k, v in entries.items()}


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock beside the answers file (released by the kernel if the process dies)."""
    lock = path.with_name(f".{path.name}.lock")
    try:
        # The umask can only make the lock file more private than FILE_MODE; it holds no data.
        fd = os.open(lock, os.O_RDONLY | os.O_CREAT, FILE_MODE) if fcntl else -1
    except OSError:
        fd = -1  # e.g. a read-only folder: the save below is still atomic, only not serialised
    if fd < 0:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def read_display_seed(folder: Path | str, filename: str = ANSWERS_FILE) -> str | None:
    """The display-order seed saved in a folder's answers file, read only (None if none)."""
    try:
        return _read_file(Path(folder) / filename)[2]
    except (OSError, ValueError):
        return None


def _read_file(path: Path) -> tuple[dict[str, dict[str, Any]], list[str], str | None]:
    """The good entries of an answers file, notes on what was repaired, and the display seed.

    Raises ValueError when the file cannot be used at all.
    """
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        raw = b"" if size > MAX_ANSWERS_BYTES else handle.read(MAX_ANSWERS_BYTES + 1)
    if size > MAX_ANSWERS_BYTES or len(raw) > MAX_ANSWERS_BYTES:
        megabytes = math.ceil(max(size, len(raw)) * 10 / 2**20) / 10  # 5.01 MB reads 5.1, not 5.0
        raise ValueError(f"{path.name} is {megabytes:.1f} MB, over the "
                         f"{MAX_ANSWERS_BYTES // 2**20} MB an answers file may be, so nothing was read")
    notes = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
        notes.append(f"{path.name} is not UTF-8 text; some characters were replaced")
    if not text.strip():
        raise _EmptyFile(path.name)
    entries, skipped, seed = _parse(text, path.name)
    if skipped:
        shown = ", ".join(skipped[:5]) + (", ..." if len(skipped) > 5 else "")
        notes.append(f"{len(skipped)} entr{'y' if len(skipped) == 1 else 'ies'} in {path.name} "
                     f"{'was' if len(skipped) == 1 else 'were'} not a saved answer and left out ({shown})")
    return entries, notes, seed


def _parse(text: str, name: str) -> tuple[dict[str, dict[str, Any]], list[str], str | None]:
    """Entries shaped like saved answers, the ids of those that are not, and the display seed."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"{name} could not be read (not valid JSON at line {err.lineno})") from None
    except (ValueError, RecursionError):  # e.g. a number too long to convert, or nesting too deep
        raise ValueError(f"{name} could not be read (it is not JSON this course can read)") from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise ValueError(f"{name} could not be read (it is not an answers file of this course)")
    good, skipped = {}, []
    for key, entry in data["answers"].items():
        if isinstance(key, str) and isinstance(entry, dict) and "value" in entry:
            good[key] = entry
        else:
            skipped.append(repr(key)[:40])
    seed = data.get("display_seed")
    return good, skipped, seed if isinstance(seed, str) and 0 < len(seed) <= 200 else None


def _aside_name(path: Path) -> Path:
    """A free name to keep an unreadable answers file under, e.g. answers.unreadable-20250101-120000.json."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.stem}.unreadable-{stamp}{path.suffix}")
    n = 1
    while kept.exists():
        n += 1
        kept = path.with_name(f"{path.stem}.unreadable-{stamp}-{n}{path.suffix}")
    return kept


def _remove_stale_temp_files(path: Path) -> None:
    """Delete temporary files that writers killed mid-save left behind; answers.json is never one."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for tmp in path.parent.glob(f".{path.stem}-*.tmp"):
        try:
            if tmp.stat().st_mtime < cutoff:
                tmp.unlink()
        except OSError:
            pass
