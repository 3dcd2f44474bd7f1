"""A build's scratch folder: new source/ and release/ folders are made there, then swapped in.

A folder in use (source/<a>, release/<a>) is replaced by renames only once its new version is
complete, so a failed nbgrader run or a stopped build leaves the previous folders as they were.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import nbformat
from nbformat.notebooknode import NotebookNode

SCRATCH_DIR = ".cpsw"  # the course's own working folder (also holds autograde records)


def write_files(target: Path, files: Mapping[str, NotebookNode | dict[str, Any]]) -> Path:
    """Write a generated folder's files (notebooks, JSON documents) into a new folder target."""
    target.mkdir(parents=True)
    for name, data in files.items():
        if isinstance(data, NotebookNode):
            nbformat.write(data, target / name)
        else:
            text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True)
            (target / name).write_text(text + "\n", encoding="utf-8")
    return target


def swap_in(pairs: list[tuple[Path, Path]], backup: Path) -> None:
    """Replace each live folder by its staged one, all of them or none.

    pairs are (live, staged); the live folders are first moved into backup, and moved back if any
    rename fails. The previous folders are deleted only once every new one is in place.
    """
    backup.mkdir(parents=True, exist_ok=True)
    done: list[tuple[Path, Path | None, bool]] = []  # (live, its previous version, new one placed)
    try:
        for n, (live, staged) in enumerate(pairs):
            previous = None
            if live.exists():
                previous = backup / f"{n}-{live.name}"
                live.rename(previous)
            done.append((live, previous, False))
            live.parent.mkdir(parents=True, exist_ok=True)
            staged.rename(live)
            done[-1] = (live, previous, True)
    except OSError:
        _put_back(done)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def _put_back(done: list[tuple[Path, Path | None, bool]]) -> None:
    """Undo the renames of swap_in, the last first: each live folder as it was before."""
    for live, previous, placed in reversed(done):
        if placed and live.exists():
            shutil.rmtree(live)
        if previous is not None and previous.exists():
            previous.rename(live)


class Staging:
    """A scratch folder of its own inside the course, deleted when the build ends."""

    def __init__(self, course: Path) -> None:
        scratch = Path(course) / SCRATCH_DIR
        scratch.mkdir(parents=True, exist_ok=True)
        # Inside the course: the same file system, so the swap is renames, never copies.
        self.root = Path(tempfile.mkdtemp(prefix="build-", dir=scratch))

    def folder(self, step: str) -> Path:
        """Where the new folders of one step (source, release) are made."""
        return self.root / step

    def write(self, step: str, assignment: str, files: Mapping[str, NotebookNode | dict[str, Any]]) -> Path:
        """An assignment's new folder of one step, written from its files."""
        return write_files(self.folder(step) / assignment, files)

    def swap_in(self, assignment: str, pairs: list[tuple[Path, Path]]) -> None:
        """Put an assignment's new folders in place of the live ones, all of them or none."""
        swap_in(pairs, self.root / "previous" / assignment)

    def close(self) -> None:
        """Delete the scratch folder and whatever is left in it."""
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
