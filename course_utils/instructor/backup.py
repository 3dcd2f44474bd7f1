"""Back up the gradebook while grading runs, and restore it into a course.

SQLite is copied with SQLite's online backup (a consistent copy, safe while writers hold the
file), checked, and renamed into place whole; PostgreSQL goes through pg_dump and pg_restore.
Either way the gradebook URL is the one nbgrader opens (autograde/gradebook.py).
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from course_utils.autograde.gradebook import db_url
from course_utils.core.atomic import FILE_MODE

NBGRADER_TABLES = frozenset({"assignment", "student", "submitted_assignment", "grade"})


class BackupError(RuntimeError):
    """A backup or restore that could not be made; nothing was replaced."""


def backup(course: Path, target: Path) -> str:
    """Copy the course's gradebook to target (whole or not at all); say what was copied."""
    url = db_url(course)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        source = _sqlite_path(url)
        if not source.is_file():
            raise BackupError(f"{source}: no gradebook to back up yet (nbgrader makes it at the first "
                              "build or autograde)")
        _sqlite_copy(source, target)
        return f"{source} -> {target} ({_grade_count(target)} grades)"
    _replace_from(target, lambda tmp: _pg(["pg_dump", "--format=custom", "--no-owner", "-f", str(tmp)], url))
    return f"PostgreSQL gradebook -> {target} (pg_dump, custom format)"


def restore(course: Path, source: Path, *, force: bool = False) -> str:
    """Put a backup back as the course's gradebook; an existing one is replaced only with force."""
    url, source = db_url(course), Path(source)
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    if url.startswith("sqlite"):
        target = _sqlite_path(url)
        if target.exists() and not force:
            raise BackupError(f"{target} already exists: move it aside, or pass --force to replace it "
                              "(stop formgrader and any autograde first)")
        _gradebook_tables(source)
        _sqlite_copy(source, target)
        return f"{source} -> {target} ({_grade_count(target)} grades)"
    _pg(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(source)], url,
        database_flag=True)
    return f"{source} -> PostgreSQL gradebook (pg_restore)"


def _sqlite_path(url: str) -> Path:
    return Path(url.split("///", 1)[1].split("?", 1)[0])


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup of source into a temporary file beside target, checked, then renamed."""
    def copy(tmp: Path) -> None:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=120)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            if dst.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{source}: the copy failed SQLite's integrity check; nothing replaced")
        except sqlite3.DatabaseError as err:
            raise BackupError(f"{source}: not a readable SQLite gradebook ({err}); "
                              "nothing replaced") from None
        finally:
            dst.close()
            src.close()
    _replace_from(target, copy)


def _replace_from(target: Path, make: Callable[[Path], None]) -> None:
    """Make a temporary file beside target with make(tmp), then rename it over target."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        make(tmp)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _gradebook_tables(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as err:
        raise BackupError(f"{path}: not an SQLite file ({err}); nothing restored") from None
    missing = ", ".join(sorted(NBGRADER_TABLES - tables))
    if missing:
        raise BackupError(f"{path}: not an nbgrader gradebook (no {missing} table); nothing restored")


def _grade_count(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT COUNT(*) FROM grade").fetchone()[0]


def _pg(command: list[str], url: str, *, database_flag: bool = False) -> None:
    """Run a PostgreSQL client tool against the gradebook at url (password through the environment)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    tool = _pg_tool(command[0])
    args = [tool, *command[1:], "-h", parsed.host or "localhost", "-p", str(parsed.port or 5432),
            "-U", parsed.username or os.environ.get("USER", "postgres")]
    args += ["-d", parsed.database or ""] if database_flag else [parsed.database or ""]
    env = {**os.environ, "PGPASSWORD": parsed.password or os.environ.get("PGPASSWORD", "")}
    done = subprocess.run(args, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()[-500:]}")


def _pg_tool(name: str) -> str:
    """pg_dump or pg_restore: on PATH, else the newest of Debian's PostgreSQL installs."""
    found = shutil.which(name) or max(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), default="",
                                      key=lambda p: int(p.split("/postgresql/")[1].split("/")[0]))
    if not found:
        raise BackupError(f"{name} is not installed: install PostgreSQL's client tools "
                          "(Debian: postgresql-client)")
    return found
