"""The course folder of each nbgrader step, named as nbgrader's CourseDirectory names it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

STEPS = ("source", "release", "submitted", "autograded", "feedback")
CONFIG_FILE = "nbgrader_config.py"


def folder(course: Path | str, step: str) -> Path:
    """The folder of one step (source, release, submitted, autograded or feedback) of a course."""
    if step not in STEPS:
        raise ValueError(f"unknown course step {step!r}: use one of {', '.join(STEPS)}")
    course = Path(course)
    config = course / CONFIG_FILE
    # The config's modification time is part of the key: a course written after a first look
    # (the demo copies its config in) is read again.
    stamp = config.stat().st_mtime_ns if config.is_file() else None
    return course / dict(_names(course.resolve(), stamp))[step]


@lru_cache(maxsize=64)
def _names(course: Path, stamp: int | None) -> tuple[tuple[str, str], ...]:
    """(step, folder name) per step: CourseDirectory's traits under the course's nbgrader_config.py."""
    # Imported here: the learner's kernel imports course_utils.core, and nbgrader is slow and
    # instructor-only.
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    if stamp is not None:
        config = PyFileConfigLoader(CONFIG_FILE, path=str(course)).load_config()
    coursedir = CourseDirectory(config=config)
    return tuple((step, str(getattr(coursedir, f"{step}_directory"))) for step in STEPS)
