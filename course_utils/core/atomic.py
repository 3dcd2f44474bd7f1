"""Write a file whole or not at all: a temporary file beside it, then one rename.

Readers see the old file or the new one, never half of either; a failed write leaves no
temporary file behind. The temporary file is named ``.<stem>-<random>.tmp`` in the same folder,
so a writer killed mid-save leaves only files of that shape (storage.py sweeps old ones away).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO, Any

FILE_MODE = 0o640  # about learners: the owner reads and writes, the group only reads


class TempFileError(OSError):
    """The temporary file could not be made: the folder is missing or not writable."""


def write_atomic(path: Path | str, text: str | bytes, *, mode: int = FILE_MODE, durable: bool = False,
                 newline: str | None = None) -> None:
    """Replace path's content with text (or bytes) in one rename; durable also fsyncs first."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    except OSError as err:
        raise TempFileError(err.errno, err.strerror, str(path.parent)) from None
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as raw:
                _write(raw, text, mode, durable)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
                _write(handle, text, mode, durable)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write(handle: IO[Any], data: Any, mode: int, durable: bool) -> None:
    """Set the file's mode, write, and with durable flush it to the disk."""
    os.fchmod(handle.fileno(), mode)
    handle.write(data)
    if durable:
        handle.flush()
        os.fsync(handle.fileno())
