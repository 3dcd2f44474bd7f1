"""The `cpsw` command."""

from __future__ import annotations

import re

import pytest
from helpers import ASSIGNMENT, copy_course

from course_utils.cli import main


class TestCheck:
    def test_valid_content_reports_counts(self, tmp_path, capsys):
        course = copy_course(tmp_path / "course")
        assert main(["--course", str(course), "check"]) == 0
        assert re.search(r"Content is valid: \d+ module\(s\), \d+ items", capsys.readouterr().out)

    def test_bad_content_exits_2_naming_file_item_field(self, tmp_path, capsys):
        course = copy_course(tmp_path / "course")
        path = course / "content" / ASSIGNMENT / "module.yaml"
        path.write_text(path.read_text().replace("competencies: [", "competencies: [99, ", 1))
        assert main(["--course", str(course), "check"]) == 2
        err = capsys.readouterr().err
        assert str(path) in err and "field 'competencies'" in err and "item 'bp-" in err
        assert "Nothing was changed" in err

    @pytest.mark.parametrize("command", ["build", "check", "demo", "autograde", "export",
                                         "feedback", "report"])
    def test_every_subcommand_has_help(self, command, capsys):
        with pytest.raises(SystemExit) as done:
            main([command, "--help"])
        assert done.value.code == 0 and "usage: cpsw" in capsys.readouterr().out

    def test_build_without_release_writes_source(self, tmp_path, capsys):
        course = copy_course(tmp_path / "course")
        assert main(["--course", str(course), "build", "--no-release"]) == 0
        assert (course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()
        assert not (course / "release").exists()

    def test_help_lists_subcommands(self, capsys):
        with pytest.raises(SystemExit):
            main(["--help"])
        out = capsys.readouterr().out
        assert "build" in out and "demo" in out and "check" in out


class TestExport:
    def test_text_is_left_out_unless_asked_for(self, tmp_path, capsys):
        """Grades export never carries written text; --include-text adds a separate CSV."""
        import shutil

        from helpers import REPO

        from course_utils.core.storage import AnswerStore

        course = copy_course(tmp_path / "course")
        folder = course / "submitted" / "ana" / ASSIGNMENT
        shutil.copytree(REPO / "release" / ASSIGNMENT, folder)
        AnswerStore(folder).set("bp-reflect-presence", "Something personal.")
        AnswerStore(folder).set("bp-reply-clinic", "That sounds hard.")
        grades = course / "out" / "grades.csv"
        assert main(["--course", str(course), "export", "--to", str(grades)]) == 0
        assert grades.exists() and not (course / "out" / "written_text.csv").exists()
        assert "Something personal." not in grades.read_text()
        assert main(["--course", str(course), "export", "--to", str(grades),
                     "--include-text"]) == 0
        text = (course / "out" / "written_text.csv").read_text()
        assert (course / "out" / "written_text.csv").stat().st_mode & 0o777 == 0o640
        assert grades.stat().st_mode & 0o777 == 0o640
        assert not list((course / "out").glob(".*.tmp"))
        assert "Something personal." in text and "reflection" in text and "That sounds hard." in text
