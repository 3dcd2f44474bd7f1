"""Which gradebook nbgrader opens: the course's SQLite file, or the server named by CPSW_DB_URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import REPO

from course_utils.autograde.gradebook import DB_URL_ENV, SQLITE_TIMEOUT_SECONDS, db_url, worker_db_url

PG_URL = "postgresql+psycopg2://grader:pw@db.example.org:5432/being_present"


class TestDbUrl:
    def test_unset_is_the_course_sqlite_file(self, tmp_path):
        """Without CPSW_DB_URL the gradebook is gradebook.db in the course folder."""
        assert db_url(tmp_path) == f"sqlite:///{tmp_path.resolve()}/gradebook.db"

    @pytest.mark.parametrize("value", ["", "   "])
    def test_empty_value_is_the_course_sqlite_file(self, tmp_path, monkeypatch, value):
        """An empty or blank CPSW_DB_URL counts as unset."""
        monkeypatch.setenv(DB_URL_ENV, value)
        assert db_url(tmp_path) == f"sqlite:///{tmp_path.resolve()}/gradebook.db"

    def test_set_is_that_url(self, tmp_path, monkeypatch):
        """CPSW_DB_URL wins, whatever the course folder."""
        monkeypatch.setenv(DB_URL_ENV, f" {PG_URL}\n")
        assert db_url(tmp_path) == PG_URL

    def test_relative_course_is_made_absolute(self, tmp_path, monkeypatch):
        """The URL names the same file whichever folder nbgrader runs in."""
        monkeypatch.chdir(tmp_path)
        assert db_url(Path(".")) == f"sqlite:///{tmp_path.resolve()}/gradebook.db"


class TestWorkerDbUrl:
    def test_sqlite_gets_a_busy_timeout(self, tmp_path):
        """Parallel SQLite writers wait for the lock instead of failing."""
        expected = f"sqlite:///{tmp_path.resolve()}/gradebook.db?timeout={SQLITE_TIMEOUT_SECONDS}"
        assert worker_db_url(tmp_path) == expected

    def test_postgres_is_unchanged(self, tmp_path, monkeypatch):
        """A server database handles concurrent writers itself."""
        monkeypatch.setenv(DB_URL_ENV, PG_URL)
        assert worker_db_url(tmp_path) == PG_URL

    def test_sqlite_url_with_a_query_gets_the_timeout_appended(self, tmp_path, monkeypatch):
        """An SQLite CPSW_DB_URL keeps its own query options."""
        monkeypatch.setenv(DB_URL_ENV, "sqlite:////srv/gb.db?check_same_thread=false")
        assert worker_db_url(tmp_path) == \
            f"sqlite:////srv/gb.db?check_same_thread=false&timeout={SQLITE_TIMEOUT_SECONDS}"

    def test_sqlite_url_with_its_own_timeout_is_unchanged(self, tmp_path, monkeypatch):
        """A timeout the operator chose is not overridden."""
        monkeypatch.setenv(DB_URL_ENV, "sqlite:////srv/gb.db?timeout=5")
        assert worker_db_url(tmp_path) == "sqlite:////srv/gb.db?timeout=5"


class TestNbgraderConfig:
    def load(self):
        from traitlets.config.loader import PyFileConfigLoader

        return PyFileConfigLoader("nbgrader_config.py", path=str(REPO)).load_config()

    def test_unset_leaves_nbgrader_default(self):
        """Without CPSW_DB_URL nbgrader keeps its own default, gradebook.db in the course root."""
        assert "db_url" not in self.load().CourseDirectory

    def test_set_points_nbgrader_at_it(self, monkeypatch):
        """With CPSW_DB_URL every nbgrader command of the course opens that database."""
        monkeypatch.setenv(DB_URL_ENV, PG_URL)
        assert self.load().CourseDirectory.db_url == PG_URL
