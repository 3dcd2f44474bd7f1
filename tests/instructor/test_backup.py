"""Backing up the gradebook while it is in use, and restoring it (course_utils/instructor/backup.py)."""

from __future__ import annotations

import shutil
import sqlite3
import stat

import pytest

from course_utils.cli import main
from course_utils.instructor.backup import BackupError, backup, restore

CELLS = ("q1", "q2", "q3")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Real nbgrader gradebooks, made once: (students) -> the folder holding its gradebook.db."""
    root = tmp_path_factory.mktemp("gradebooks")
    return {n: _make(root / str(n), ("ana", "ben", "cal")[:n]) for n in (2, 3)}


def gradebook(made, course, students: int = 2) -> dict:
    """A copy of a made gradebook in course/; its grades."""
    course.mkdir(parents=True, exist_ok=True)
    shutil.copy(made[students] / "gradebook.db", course / "gradebook.db")
    return grades(course / "gradebook.db")


def _make(course, students):
    """A real nbgrader gradebook in course/ with one assignment and scores."""
    from nbgrader.api import Gradebook

    course.mkdir(parents=True, exist_ok=True)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        gb.add_assignment("m1")
        gb.update_or_create_notebook("m1", "m1")
        for cell in CELLS:
            gb.update_or_create_grade_cell(cell, "m1", "m1", max_score=2, cell_type="code")
        for n, student in enumerate(students):
            gb.add_student(student)
            gb.add_submission("m1", student)
            for m, cell in enumerate(CELLS):
                grade = gb.find_grade(cell, "m1", "m1", student)
                grade.auto_score = (n + m) % 3
            gb.db.commit()
    return course


def grades(path) -> dict:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return {tuple(row[:2]): row[2] for row in conn.execute(
            "SELECT s.student_id, c.name, g.auto_score FROM grade g JOIN base_cell c ON g.cell_id = c.id "
            "JOIN submitted_notebook s2 ON g.notebook_id = s2.id "
            "JOIN submitted_assignment s ON s2.assignment_id = s.id")}


class TestBackup:
    def test_every_grade_is_in_the_private_copy_and_no_temporary_file_is_left(self, made, tmp_path):
        want = gradebook(made, tmp_path / "course")
        said = backup(tmp_path / "course", tmp_path / "safe" / "gb.db")
        assert grades(tmp_path / "safe" / "gb.db") == want and len(want) == 6
        assert "(6 grades)" in said
        assert stat.S_IMODE((tmp_path / "safe" / "gb.db").stat().st_mode) == 0o640
        assert [p.name for p in (tmp_path / "safe").iterdir()] == ["gb.db"]

    def test_a_write_in_progress_neither_blocks_the_copy_nor_gets_half_into_it(self, made, tmp_path):
        want = gradebook(made, tmp_path / "course")
        writer = sqlite3.connect(tmp_path / "course" / "gradebook.db", isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE grade SET auto_score = 99")  # not committed while the backup runs
        try:
            backup(tmp_path / "course", tmp_path / "gb.db")
        finally:
            writer.execute("ROLLBACK")
            writer.close()
        assert grades(tmp_path / "gb.db") == want

    def test_an_older_backup_is_replaced_whole(self, made, tmp_path):
        gradebook(made, tmp_path / "course")
        (tmp_path / "gb.db").write_text("yesterday's")
        backup(tmp_path / "course", tmp_path / "gb.db")
        assert len(grades(tmp_path / "gb.db")) == 6

    def test_no_gradebook_yet_is_said_plainly(self, tmp_path, capsys):
        with pytest.raises(BackupError, match="no gradebook to back up yet"):
            backup(tmp_path, tmp_path / "gb.db")
        assert main(["--course", str(tmp_path), "backup", "--to", str(tmp_path / "gb.db")]) == 1
        assert "Not backed up:" in capsys.readouterr().err
        assert not (tmp_path / "gb.db").exists()


class TestRestore:
    def test_a_backup_restored_into_a_fresh_course_has_every_grade(self, made, tmp_path, capsys):
        want = gradebook(made, tmp_path / "course")
        assert main(["--course", str(tmp_path / "course"), "backup", "--to", str(tmp_path / "gb.db")]) == 0
        fresh = tmp_path / "fresh"
        fresh.mkdir()
        assert main(["--course", str(fresh), "restore", str(tmp_path / "gb.db")]) == 0
        assert grades(fresh / "gradebook.db") == want
        assert "Restored:" in capsys.readouterr().out

    def test_an_existing_gradebook_is_kept_unless_forced(self, made, tmp_path):
        gradebook(made, tmp_path / "old", students=3)
        backup(tmp_path / "old", tmp_path / "gb.db")
        current = gradebook(made, tmp_path / "course")
        with pytest.raises(BackupError, match="already exists: move it aside, or pass --force"):
            restore(tmp_path / "course", tmp_path / "gb.db")
        assert grades(tmp_path / "course" / "gradebook.db") == current
        restore(tmp_path / "course", tmp_path / "gb.db", force=True)
        assert len(grades(tmp_path / "course" / "gradebook.db")) == 9

    @pytest.mark.parametrize("content", ["not a database", None])
    def test_a_file_that_is_not_a_gradebook_is_refused_and_nothing_changes(self, tmp_path, content):
        bad = tmp_path / "bad.db"
        if content is None:  # an SQLite file, but not nbgrader's
            with sqlite3.connect(bad) as conn:
                conn.execute("CREATE TABLE notes (x)")
        else:
            bad.write_text(content)
        course = tmp_path / "course"
        course.mkdir()
        with pytest.raises(BackupError, match="nothing restored"):
            restore(course, bad)
        assert list(course.iterdir()) == []

    def test_a_missing_backup_file_is_named(self, tmp_path, capsys):
        assert main(["--course", str(tmp_path), "restore", str(tmp_path / "nope.db")]) == 1
        assert "nope.db: no such backup file" in capsys.readouterr().err


@pytest.mark.slow
class TestWhileGradingRuns:
    def test_backups_during_autograde_are_whole_and_the_last_restores_every_grade(self, built_course,
                                                                                  tmp_path):
        """`cpsw backup` over and over while `cpsw autograde` writes grades: each copy is a whole
        gradebook whose scores agree with the final ones; the last, restored into a fresh course,
        holds every grade and exports the same scores."""
        import subprocess
        import sys

        from helpers import ASSIGNMENT, run_cpsw

        from course_utils.content.loader import load_module
        from course_utils.instructor.simulate import make_cohort, simulate_submissions

        course = tmp_path / "course"
        shutil.copytree(built_course, course)
        fresh = tmp_path / "fresh"
        shutil.copytree(built_course, fresh)  # built, nothing graded yet
        module = load_module(course / "content" / ASSIGNMENT)
        simulate_submissions(module, course / "release", course / "submitted", make_cohort(6, 5), 5)
        grading = subprocess.Popen([sys.executable, "-m", "course_utils.cli", "autograde", ASSIGNMENT],
                                   cwd=course, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        during = []
        while grading.poll() is None:
            target = tmp_path / f"during-{len(during)}.db"
            backup(course, target)
            during.append(grades(target))
        out = grading.communicate()[0]
        assert grading.returncode == 0, out
        final = grades(course / "gradebook.db")
        assert len({k[0] for k in final}) == 6
        assert len(during) >= 2, "autograde ended before a backup could be taken during it"
        for copy in during:  # a grade already scored in a copy has its final score
            assert all(final[k] == v for k, v in copy.items() if v is not None)
        assert run_cpsw(course, "backup", "--to", str(tmp_path / "last.db")).returncode == 0
        restored = run_cpsw(fresh, "restore", str(tmp_path / "last.db"), "--force")
        assert restored.returncode == 0, restored.stderr
        assert grades(fresh / "gradebook.db") == final
        exports = [run_cpsw(c, "export", "--to", str(tmp_path / f"{c.name}.csv")) for c in (course, fresh)]
        assert all(e.returncode == 0 for e in exports)
        assert (tmp_path / "course.csv").read_text() == (tmp_path / "fresh.csv").read_text()
