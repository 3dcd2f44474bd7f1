"""What the gradebook holds of submitted assignments, read through nbgrader's Gradebook API."""

from __future__ import annotations

import shutil

import pytest
from helpers import REPO

from course_utils.assign.cell_sets import CellSets
from course_utils.assign.released import gradebook_exists, gradebook_settings, submitted


@pytest.fixture(autouse=True)
def no_alembic_run(monkeypatch):
    """A new gradebook without nbgrader's seconds-long `alembic heads` run: only reading is tested."""
    import nbgrader.api

    monkeypatch.setattr(nbgrader.api, "get_alembic_version", lambda: "test")


def make_gradebook(course, with_submission: bool = True) -> None:
    """A gradebook with assignment a1 (notebook a1: a grade cell and a locked cell) and b2 (none)."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for name in ("a1", "b2"):
            gb.add_assignment(name)
            gb.add_notebook(name, name)
        gb.add_grade_cell("x-grade", "a1", "a1", max_score=1, cell_type="code")
        gb.add_source_cell("x-grade", "a1", "a1", cell_type="code", source="grade()", locked=True)
        gb.add_source_cell("reading-1", "a1", "a1", cell_type="markdown", source="## Why", locked=True)
        if with_submission:
            gb.add_student("learner")
            gb.add_submission("a1", "learner")


class TestSubmitted:
    def test_an_assignment_with_submissions_comes_with_its_recorded_cells(self, tmp_path):
        make_gradebook(tmp_path)
        found = submitted(tmp_path, ["a1", "b2", "missing"])
        assert list(found) == ["a1"]
        record = found["a1"]
        assert record.submissions == 1
        notebook = record.notebooks["a1"]
        assert notebook.cells == CellSets(grade=frozenset({"x-grade"}),
                                          source=frozenset({"x-grade", "reading-1"}))
        assert notebook.texts["reading-1"] == "## Why"
        assert notebook.submissions == 1

    def test_without_submissions_nothing_is_returned(self, tmp_path):
        make_gradebook(tmp_path, with_submission=False)
        assert submitted(tmp_path, ["a1", "b2"]) == {}

    def test_no_gradebook_is_none_and_none_is_created(self, tmp_path):
        assert submitted(tmp_path, ["a1"]) == {}
        assert not (tmp_path / "gradebook.db").exists()


class TestGradebookSettings:
    def test_the_course_config_gives_its_gradebook_and_course_id(self, tmp_path, monkeypatch):
        monkeypatch.delenv("CPSW_DB_URL", raising=False)
        shutil.copy(REPO / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
        url, course_id = gradebook_settings(tmp_path)
        assert url == f"sqlite:///{tmp_path.resolve() / 'gradebook.db'}"
        assert course_id == "being-present"

    def test_cpsw_db_url_is_used_as_nbgrader_uses_it(self, tmp_path, monkeypatch):
        """The course config reads CPSW_DB_URL (course_utils/autograde/gradebook.py); so does the check."""
        shutil.copy(REPO / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
        monkeypatch.setenv("CPSW_DB_URL", "postgresql+psycopg2://grader@db.example.org/course")
        assert gradebook_settings(tmp_path)[0] == "postgresql+psycopg2://grader@db.example.org/course"

    def test_without_a_config_the_gradebook_is_in_the_course_folder(self, tmp_path):
        assert gradebook_settings(tmp_path)[0] == f"sqlite:///{tmp_path.resolve() / 'gradebook.db'}"


class TestGradebookExists:
    @pytest.mark.parametrize(("url", "exists"), [
        ("postgresql+psycopg2://grader@db.example.org/course", True),
        ("sqlite://", False),
        ("sqlite:///:memory:", False),
    ])
    def test_only_a_missing_sqlite_file_is_no_gradebook(self, url, exists):
        assert gradebook_exists(url) is exists

    def test_an_sqlite_file_exists_once_it_is_there(self, tmp_path):
        url = f"sqlite:///{tmp_path / 'gradebook.db'}"
        assert not gradebook_exists(url)
        (tmp_path / "gradebook.db").write_bytes(b"")
        assert gradebook_exists(url)
