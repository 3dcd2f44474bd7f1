"""A course of the repo's assignments released to a real local exchange, for the learner tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import REPO

from course_utils.instructor.local_course import LocalCourse, prepare


def local_exchange(tmp: Path, assignments: tuple[str, ...]) -> LocalCourse:
    """A course folder holding these assignments of the repo, released to a local exchange."""
    course = tmp / "course"
    for stage in ("release", "source"):
        for name in assignments:
            if (REPO / stage / name).is_dir():
                shutil.copytree(REPO / stage / name, course / stage / name)
    shutil.copy(REPO / "nbgrader_config.py", course / "nbgrader_config.py")
    return prepare(course, tmp / "local")


@contextmanager
def as_learner(tmp: Path, assignments: tuple[str, ...]) -> Iterator[LocalCourse]:
    """These assignments released, with the learner's environment in use (as in their kernel).

    nbgrader keeps its submission cache under JUPYTER_DATA_DIR, here away from the real one.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_DATA_DIR", str(tmp / "data"))
        course = local_exchange(tmp, assignments)
        for name, value in course.learner_env().items():
            patch.setenv(name, value)
        yield course
