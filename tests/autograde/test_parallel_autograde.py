"""Parallel autograde through nbgrader: the same grades as plain sequential nbgrader, resumable."""

from __future__ import annotations

import json
import shutil

import pytest
from helpers import ASSIGNMENT
from nbgrader.api import Gradebook

from course_utils.assign.nbgrader_run import run_nbgrader
from course_utils.autograde.parallel_autograde import (
    autograde_all,
    load_done,
    state_path,
    submitted_students,
)
from course_utils.cli import main
from course_utils.content.loader import load_module
from course_utils.instructor.simulate import make_cohort, simulate_submissions

pytestmark = pytest.mark.slow


def all_grades(course):
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {(s.student.id, g.name): (g.auto_score, g.needs_manual_grade)
                for s in gb.assignment_submissions(ASSIGNMENT)
                for nb in s.notebooks for g in nb.grades}


@pytest.fixture(scope="module")
def twin_courses(built_course, tmp_path_factory):
    """Two identical courses holding the same 4 simulated submissions."""
    root = tmp_path_factory.mktemp("twins")
    module = load_module(built_course / "content" / ASSIGNMENT)
    first = root / "sequential"
    shutil.copytree(built_course, first)
    simulate_submissions(module, first / "release", first / "submitted", make_cohort(4, 11), 11)
    second = root / "parallel"
    shutil.copytree(first, second)
    return first, second


class TestAutogradeAll:
    def test_same_grades_as_sequential_nbgrader(self, twin_courses):
        sequential, parallel = twin_courses
        run_nbgrader(["autograde", ASSIGNMENT], sequential)
        outcomes = autograde_all(parallel, ASSIGNMENT, jobs=2)
        assert sorted(o.student for o in outcomes if o.ok) == sorted(
            {s for s, _ in all_grades(sequential)})
        assert all_grades(parallel) == all_grades(sequential)
        assert len(all_grades(parallel)) == 4 * 9  # 4 learners x 9 graded cells

    def test_resume_grades_only_what_is_left(self, twin_courses, tmp_path):
        _, graded = twin_courses
        course = tmp_path / "resume"
        shutil.copytree(graded, course)
        done = sorted(load_done(course, ASSIGNMENT))
        state_path(course, ASSIGNMENT).write_text(json.dumps({"done": done[:2]}))
        outcomes = autograde_all(course, ASSIGNMENT, jobs=2)
        assert sorted(o.student for o in outcomes) == done[2:]
        assert load_done(course, ASSIGNMENT) == set(done)
        assert all_grades(course) == all_grades(graded)
        assert autograde_all(course, ASSIGNMENT, jobs=2) == []  # nothing left

    def test_a_broken_submission_is_flagged_and_the_batch_goes_on(self, twin_courses, tmp_path,
                                                                   capsys):
        _, graded = twin_courses
        course = tmp_path / "broken"
        shutil.copytree(graded, course)
        state_path(course, ASSIGNMENT).unlink()
        victim = sorted(load_done(graded, ASSIGNMENT))[0]
        (course / "submitted" / victim / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").write_text("{oops")
        code = main(["--course", str(course), "autograde", ASSIGNMENT, "--jobs", "2"])
        out = capsys.readouterr().out
        assert code == 1
        assert f"{victim:24} FLAGGED" in out and "3 graded, 1 flagged" in out


class TestGradebookLocked:
    def test_a_locked_gradebook_makes_the_batch_wait_and_no_grade_is_lost_or_doubled(self, twin_courses,
                                                                                      tmp_path):
        """Someone holds the SQLite gradebook's write lock (a grader saving, a backup tool) for a
        few seconds while `cpsw autograde` starts: the workers wait for it, then grade everyone,
        with the grades of the twin course and one grade row per learner and cell."""
        import sqlite3
        import threading
        import time

        ungraded, _ = twin_courses
        reference, course = tmp_path / "unlocked", tmp_path / "locked"
        for copy in (reference, course):
            shutil.copytree(ungraded, copy)
            state_path(copy, ASSIGNMENT).unlink(missing_ok=True)
            with Gradebook(f"sqlite:///{copy / 'gradebook.db'}") as gb:
                for student in {s for s, _ in all_grades(copy)}:
                    gb.remove_submission(ASSIGNMENT, student)  # graded afresh below
        autograde_all(reference, ASSIGNMENT, jobs=2)
        lock = sqlite3.connect(course / "gradebook.db", isolation_level=None, check_same_thread=False)
        lock.execute("BEGIN EXCLUSIVE")
        held = threading.Timer(8.0, lambda: lock.execute("COMMIT"))
        held.start()
        started = time.monotonic()
        try:
            outcomes = autograde_all(course, ASSIGNMENT, jobs=2)
        finally:
            held.join()
            lock.close()
        assert time.monotonic() - started >= 8.0  # it waited for the lock instead of failing
        assert all(o.ok for o in outcomes) and len(outcomes) == 4, outcomes
        assert all_grades(course) == all_grades(reference) and len(all_grades(course)) == 4 * 9
        with sqlite3.connect(course / "gradebook.db") as db:
            rows = db.execute("SELECT COUNT(*), COUNT(DISTINCT cell_id || notebook_id) FROM grade").fetchone()
        assert rows == (4 * 9, 4 * 9)


class TestFeedbackCommand:
    def test_feedback_pages_are_written_and_counted(self, twin_courses, tmp_path, capsys):
        _, graded = twin_courses
        course = tmp_path / "fb"
        shutil.copytree(graded, course)
        assert main(["--course", str(course), "feedback", ASSIGNMENT]) == 0
        assert "4 feedback page(s)" in capsys.readouterr().out
        pages = list((course / "feedback").glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.html"))
        assert len(pages) == 4
        assert all(p.stat().st_mode & 0o777 == 0o640 for p in pages)  # holds the learner's text


class TestSubmittedStudents:
    def test_students_come_from_the_folder_the_course_config_names(self, tmp_path):
        course = tmp_path
        (course / "nbgrader_config.py").write_text(
            'c = get_config()\nc.CourseDirectory.submitted_directory = "handed_in"\n')
        for student in ("ben", "ana"):
            (course / "handed_in" / student / ASSIGNMENT).mkdir(parents=True)
        (course / "handed_in" / "cy").mkdir()  # no submission of this assignment
        (course / "submitted" / "dee" / ASSIGNMENT).mkdir(parents=True)  # not the configured folder
        assert submitted_students(course, ASSIGNMENT) == ["ana", "ben"]


class TestReason:
    def test_the_error_behind_nbgraders_generic_line_is_given(self):
        from course_utils.autograde.parallel_autograde import _reason

        result = {"success": False,
                  "log": "[AutogradeApp | ERROR] psycopg2.OperationalError: server closed the connection",
                  "error": "Traceback (most recent call last):\n  File \"x.py\", line 1\n"
                           "nbgrader.converters.base.NbGraderException: Please see the above traceback"}
        assert _reason(result) == "psycopg2.OperationalError: server closed the connection"

    def test_a_gradebook_locked_too_long_is_said_plainly_not_as_a_database_upgrade(self):
        from course_utils.autograde.parallel_autograde import LOCKED, _reason

        result = {"success": False, "log": "sqlite3.OperationalError: database is locked\n"
                  "[AutogradeApp | ERROR] The database is out of date: run `nbgrader db upgrade`."}
        assert _reason(result) == LOCKED and "run cpsw autograde again" in LOCKED

    def test_with_no_exception_line_the_last_line_is_given(self):
        from course_utils.autograde.parallel_autograde import _reason

        assert _reason({"success": False, "log": "something odd\nthe end"}) == "the end"
        assert _reason({"success": False}) == "nbgrader reported a failure"
