"""A PostgreSQL gradebook: parallel autograde, the summary, report and export work as on SQLite.

Two copies of one course hold the same 4 simulated submissions. One keeps its SQLite gradebook;
the other points nbgrader at a real PostgreSQL server (tests/pg.py) through CPSW_DB_URL, which
the spawned autograde workers and the nbgrader subprocesses inherit.
"""

from __future__ import annotations

import csv
import shutil
import time

import pytest
from helpers import ASSIGNMENT

from course_utils.assign.nbgrader_run import run_nbgrader
from course_utils.autograde.gradebook import DB_URL_ENV, db_url
from course_utils.autograde.parallel_autograde import autograde_all, state_path
from course_utils.cli import main
from course_utils.content.loader import load_module
from course_utils.instructor.simulate import make_cohort, simulate_submissions

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

LEARNERS = 4


def all_grades(url: str) -> dict:
    """Every grade of the assignment in the gradebook at url, keyed by student and grade cell."""
    from nbgrader.api import Gradebook

    with Gradebook(url) as gb:
        return {(s.student.id, g.name): (g.auto_score, g.needs_manual_grade)
                for s in gb.assignment_submissions(ASSIGNMENT)
                for nb in s.notebooks for g in nb.grades}


def export_scores(course, target, env_url: str | None = None) -> dict[str, str]:
    """`cpsw export` of a course: the assignment's score per student, as the CSV says."""
    with pytest.MonkeyPatch.context() as patch:
        if env_url:
            patch.setenv(DB_URL_ENV, env_url)
        assert main(["--course", str(course), "export", "--to", str(target)]) == 0
    with target.open(newline="") as handle:
        return {row["student_id"]: row["score"] for row in csv.DictReader(handle)
                if row["assignment"] == ASSIGNMENT}


@pytest.fixture(scope="module")
def graded(built_course, postgres, tmp_path_factory):
    """The twin courses, each autograded in parallel (2 workers): PostgreSQL first, then SQLite."""
    root = tmp_path_factory.mktemp("pg-twins")
    module = load_module(built_course / "content" / ASSIGNMENT)
    lite = root / "sqlite"
    shutil.copytree(built_course, lite)
    simulate_submissions(module, lite / "release", lite / "submitted", make_cohort(LEARNERS, 11), 11)
    server = root / "postgres"
    shutil.copytree(lite, server)
    url = postgres.create_database("being_present")
    seconds = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DB_URL_ENV, url)
        # The assignment, its notebook and cells enter the server gradebook as nbgrader made them.
        run_nbgrader(["generate_assignment", ASSIGNMENT, "--force"], server)
        started = time.perf_counter()
        outcomes = {"postgres": autograde_all(server, ASSIGNMENT, jobs=2)}
        seconds["postgres"] = time.perf_counter() - started
    started = time.perf_counter()
    outcomes["sqlite"] = autograde_all(lite, ASSIGNMENT, jobs=2)
    seconds["sqlite"] = time.perf_counter() - started
    return {"sqlite": lite, "postgres": server, "url": url, "outcomes": outcomes,
            "seconds": seconds}


class TestParallelAutograde:
    def test_postgres_gradebook_same_grades_as_sqlite(self, graded, capsys):
        """Every auto score and manual-grading flag is the same in both gradebooks."""
        for outcomes in graded["outcomes"].values():
            assert len(outcomes) == LEARNERS and all(o.ok for o in outcomes), outcomes
        on_server = all_grades(graded["url"])
        assert on_server == all_grades(db_url(graded["sqlite"]))
        assert len(on_server) == LEARNERS * 9  # 4 learners x 9 graded cells
        with capsys.disabled():
            print(f"\nparallel autograde, {LEARNERS} learners, 2 workers: "
                  f"PostgreSQL {graded['seconds']['postgres']:.1f} s, "
                  f"SQLite {graded['seconds']['sqlite']:.1f} s")

    def test_postgres_course_leaves_its_sqlite_file_alone(self, graded):
        """With CPSW_DB_URL set nothing is graded into the course's gradebook.db."""
        assert all_grades(db_url(graded["postgres"])) == {}


class TestCommandsOnPostgres:
    def test_autograde_summary_reads_the_server_gradebook(self, graded, monkeypatch, capsys):
        """`cpsw autograde` prints each learner's score from the gradebook nbgrader wrote."""
        from nbgrader.api import Gradebook

        course = graded["postgres"]
        student = graded["outcomes"]["postgres"][0].student
        state_path(course, ASSIGNMENT).unlink()
        monkeypatch.setenv(DB_URL_ENV, graded["url"])
        assert main(["--course", str(course), "autograde", ASSIGNMENT, "--jobs", "1",
                     "--student", student]) == 0
        with Gradebook(db_url(graded["sqlite"])) as gb:
            sub = gb.find_submission(ASSIGNMENT, student)
            expected = f"{student:24} graded {sub.score:g} of {sub.max_score:g}"
        assert expected in capsys.readouterr().out
        assert all_grades(graded["url"]) == all_grades(db_url(graded["sqlite"]))

    def test_report_is_written(self, graded, monkeypatch, tmp_path, capsys):
        """`cpsw report` works on the course graded into PostgreSQL."""
        monkeypatch.setenv(DB_URL_ENV, graded["url"])
        out = tmp_path / "reports"
        assert main(["--course", str(graded["postgres"]), "report", ASSIGNMENT,
                     "--out", str(out)]) == 0
        assert f"{ASSIGNMENT}: " in capsys.readouterr().out
        assert list((out / ASSIGNMENT).glob("*.html"))

    def test_export_has_every_learner_with_the_sqlite_totals(self, graded, tmp_path):
        """`cpsw export` from PostgreSQL lists the 4 learners with the same scores as SQLite."""
        on_server = export_scores(graded["postgres"], tmp_path / "pg.csv", graded["url"])
        on_file = export_scores(graded["sqlite"], tmp_path / "sqlite.csv")
        assert len(on_server) == LEARNERS
        assert on_server == on_file


class TestBackupOnPostgres:
    def test_a_pg_dump_backup_restores_every_grade_into_a_fresh_database(self, graded, postgres,
                                                                        monkeypatch, tmp_path):
        """`cpsw backup` (pg_dump) of the graded server gradebook, `cpsw restore` (pg_restore) into a
        new, empty database of a fresh course: every grade is there, and nothing else changed."""
        course = graded["postgres"]
        monkeypatch.setenv(DB_URL_ENV, graded["url"])
        assert main(["--course", str(course), "backup", "--to", str(tmp_path / "gb.dump")]) == 0
        assert (tmp_path / "gb.dump").stat().st_size > 0
        fresh = postgres.create_database("restored_gradebook")
        monkeypatch.setenv(DB_URL_ENV, fresh)
        assert main(["--course", str(tmp_path), "restore", str(tmp_path / "gb.dump")]) == 0
        assert all_grades(fresh) == all_grades(graded["url"])
        assert len(all_grades(fresh)) == LEARNERS * 9


class TestServerRestart:
    def test_a_restart_during_autograde_loses_and_doubles_no_grade(self, graded, postgres, tmp_path,
                                                                    monkeypatch):
        """The PostgreSQL server restarts while `cpsw autograde` is writing grades: the batch
        retries or is run again (it resumes what is left), and every grade ends up there once."""
        import os
        import subprocess
        import sys

        import psycopg2

        course = tmp_path / "restart"
        shutil.copytree(graded["postgres"], course)
        state_path(course, ASSIGNMENT).unlink(missing_ok=True)
        url = postgres.create_database("restart_gradebook")
        monkeypatch.setenv(DB_URL_ENV, url)
        run_nbgrader(["generate_assignment", ASSIGNMENT, "--force"], course)

        def submissions() -> int:
            conn = psycopg2.connect(host=str(postgres.root), port=postgres.port, user="postgres",
                                    dbname="restart_gradebook")
            try:
                with conn.cursor() as cur:
                    cur.execute("SELECT COUNT(*) FROM submitted_assignment")
                    return cur.fetchone()[0]
            finally:
                conn.close()

        command = [sys.executable, "-m", "course_utils.cli", "autograde", ASSIGNMENT, "--jobs", "2"]
        first = subprocess.Popen(command, cwd=course, env={**os.environ}, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 120
        while submissions() == 0 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        restarted_while_grading = first.poll() is None
        postgres.restart()
        runs = [first.communicate(timeout=600)[0]]
        if first.returncode != 0:  # what failed when the server went away is graded on resume
            again = subprocess.run(command, cwd=course, capture_output=True, text=True, timeout=600)
            runs.append(again.stdout + again.stderr)
            assert again.returncode == 0, runs
        assert restarted_while_grading, runs
        assert all_grades(url) == all_grades(db_url(graded["sqlite"])), runs
        conn = psycopg2.connect(host=str(postgres.root), port=postgres.port, user="postgres",
                                dbname="restart_gradebook")
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT COUNT(*), COUNT(DISTINCT (cell_id, notebook_id)) FROM grade")
                assert cur.fetchone() == (LEARNERS * 9, LEARNERS * 9)
        finally:
            conn.close()
