"""Shared fixtures: a built course in a temporary folder, and module 1 with its keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ASSIGNMENT, REPO, copy_course


@pytest.fixture(scope="session")
def built_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The course built from content into a temporary folder (source/ and release/)."""
    from course_utils.assign.build import build

    course = copy_course(tmp_path_factory.mktemp("course"))
    build(course, log=lambda _msg: None)
    return course


@pytest.fixture(scope="session", autouse=True)
def own_gradebooks():
    """Tests grade into their own temporary gradebooks: a CPSW_DB_URL set in the shell is ignored."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("CPSW_DB_URL", raising=False)
        yield


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server of its own (tests/pg.py), stopped and deleted after the session."""
    import pg

    server = pg.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def module():
    """The first module, loaded from the repo's content (with keys)."""
    from course_utils.content.loader import load_module

    return load_module(REPO / "content" / ASSIGNMENT)


@pytest.fixture
def shell():
    """An IPython shell, so display() publishes rich outputs that capture_output can read."""
    from IPython.core.interactiveshell import InteractiveShell

    return InteractiveShell.instance()
