"""Where the gradebook lives: the one place that decides the database URL nbgrader opens.

SQLite (``gradebook.db`` in the course folder) by default; a server database such as
PostgreSQL when the environment variable ``CPSW_DB_URL`` holds an SQLAlchemy URL, e.g.
``postgresql+psycopg2://grader:secret@db.example.org:5432/being_present``.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs

DB_URL_ENV = "CPSW_DB_URL"
SQLITE_TIMEOUT_SECONDS = 120  # parallel SQLite writers wait this long for the lock, not fail


def db_url(course: Path) -> str:
    """The gradebook URL: $CPSW_DB_URL if set, else sqlite:///<course>/gradebook.db."""
    return os.environ.get(DB_URL_ENV, "").strip() or f"sqlite:///{Path(course).resolve() / 'gradebook.db'}"


def worker_db_url(course: Path) -> str:
    """The gradebook URL for one of several parallel writers: SQLite gets a busy timeout."""
    url = db_url(course)
    if not url.startswith("sqlite") or "timeout" in parse_qs(url.partition("?")[2]):
        return url
    return f"{url}{'&' if '?' in url else '?'}timeout={SQLITE_TIMEOUT_SECONDS}"
