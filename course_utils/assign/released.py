"""What the gradebook holds of the assignments learners have submitted: each notebook's cells.

The gradebook is the one nbgrader opens for this course: its URL and course id are read from
the course's `nbgrader_config.py` exactly as nbgrader reads them (that file takes the URL from
`course_utils/autograde/gradebook.py` when `CPSW_DB_URL` is set).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from course_utils.assign.cell_sets import CellSets, recorded_cells
from course_utils.core.folders import CONFIG_FILE


@dataclass(frozen=True)
class RecordedNotebook:
    """One notebook as the gradebook records it: its cells, their recorded text, its submissions."""

    name: str
    cells: CellSets
    texts: Mapping[str, str] = field(default_factory=dict)
    submissions: int = 0


@dataclass(frozen=True)
class Submitted:
    """An assignment that has submissions, with what the gradebook recorded of its notebooks."""

    assignment: str
    submissions: int
    notebooks: Mapping[str, RecordedNotebook]


def gradebook_settings(course: Path) -> tuple[str, str]:
    """The gradebook URL and course id nbgrader uses in this course folder."""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    course = Path(course).resolve()
    config = Config()
    if (course / CONFIG_FILE).is_file():
        # Read afresh each time: the file looks at the environment (CPSW_DB_URL) when it runs.
        config = PyFileConfigLoader(CONFIG_FILE, path=str(course)).load_config()
    if "root" not in config.CourseDirectory:
        config.CourseDirectory.root = str(course)  # nbgrader runs in the course folder
    coursedir = CourseDirectory(config=config)
    return coursedir.db_url, coursedir.course_id


def gradebook_exists(url: str) -> bool:
    """Whether there is a gradebook to look in (an SQLite file that is not there holds nothing)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return True
    database = parsed.database or ""
    return database not in ("", ":memory:") and Path(database).is_file()


def submitted(course: Path, assignments: Iterable[str]) -> dict[str, Submitted]:
    """The assignments among these that have submissions in the course's gradebook."""
    url, course_id = gradebook_settings(course)
    if not gradebook_exists(url):
        return {}  # opening it would create an empty gradebook: nothing was ever submitted
    from nbgrader.api import Gradebook, MissingEntry

    found: dict[str, Submitted] = {}
    with Gradebook(url, course_id) as gb:
        for name in assignments:
            try:
                assignment = gb.find_assignment(name)
            except MissingEntry:
                continue
            if assignment.submissions:
                found[name] = Submitted(name, len(assignment.submissions),
                                        {nb.name: _recorded(nb) for nb in assignment.notebooks})
    return found


def _recorded(notebook) -> RecordedNotebook:
    """A gradebook notebook (`nbgrader.api.Notebook`), read while its session is open."""
    return RecordedNotebook(notebook.name, recorded_cells(notebook),
                            {c.name: c.source or "" for c in notebook.source_cells},
                            len(notebook.submissions))
