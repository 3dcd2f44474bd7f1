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

    def test_prints_who_the_scenarios_are_about_and_passes_the_bar(self, tmp_path, capsys):
        course = copy_course(tmp_path / "course")
        assert main(["--course", str(course), "check"]) == 0
        out = capsys.readouterr().out
        assert "Who the scenarios are about and where" in out and "an LGBTQ+ person: " in out
        assert "First names: each person's name belongs to one item; ok" in out

    def test_a_name_given_to_two_people_fails_naming_both_items(self, tmp_path, capsys):
        course = copy_course(tmp_path / "course")
        path = course / "content" / ASSIGNMENT / "module.yaml"
        path.write_text(path.read_text().replace("Luis", "Tanya"))  # bp-notice-cues-respite's person
        assert main(["--course", str(course), "check"]) == 1
        err = capsys.readouterr().err
        assert "A name of two people: Tanya is the person of 2 items: bp-first-words, " \
               "bp-notice-cues-respite" in err

    def test_a_shortfall_of_the_bar_fails_naming_what_is_short(self, tmp_path, capsys, monkeypatch):
        from course_utils.instructor import coverage

        monkeypatch.setattr(coverage, "MIN_SCENARIOS", 10_000)
        assert main(["--course", str(copy_course(tmp_path / "course")), "check"]) == 1
        captured = capsys.readouterr()
        assert "an LGBTQ+ person: " in captured.out and "SHORT by" in captured.out
        assert "Coverage short: an LGBTQ+ person" in captured.err

    @pytest.mark.parametrize("command", ["build", "check", "cues", "demo", "autograde", "export",
                                         "feedback", "report", "check-secrets", "backup", "restore"])
    def test_every_subcommand_has_help(self, command, capsys):
        with pytest.raises(SystemExit) as done:
            main([command, "--help"])
        assert done.value.code == 0 and "usage: cpsw" in capsys.readouterr().out

    def test_build_without_release_writes_source(self, tmp_path, capsys):
        course = copy_course(tmp_path / "course")
        assert main(["--course", str(course), "build", "--no-release"]) == 0
        assert (course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()
        assert not (course / "release").exists()
        assert f"source/{ASSIGNMENT}/: {ASSIGNMENT}.ipynb, items.json\n" in capsys.readouterr().out

    def test_build_writes_the_source_folder_the_course_config_names(self, tmp_path, capsys):
        course = copy_course(tmp_path / "course")
        with (course / "nbgrader_config.py").open("a") as config:
            config.write('c.CourseDirectory.source_directory = "masters"\n')
        assert main(["--course", str(course), "build", "--no-release"]) == 0
        assert (course / "masters" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()
        assert not (course / "source").exists()
        assert f"masters/{ASSIGNMENT}/: {ASSIGNMENT}.ipynb, items.json\n" in capsys.readouterr().out

    def test_help_lists_subcommands(self, capsys):
        with pytest.raises(SystemExit):
            main(["--help"])
        out = capsys.readouterr().out
        assert "build" in out and "demo" in out and "check" in out


class TestCues:
    def test_one_assignment_shows_figures_items_shares_and_hits(self, tmp_path, capsys):
        from course_utils.instructor.testwise import STRATEGIES

        course = copy_course(tmp_path / "course")
        assert main(["--course", str(course), "cues", ASSIGNMENT]) == 0
        out = capsys.readouterr().out
        assert out.startswith(f"{ASSIGNMENT}: best response: ")
        assert "all modules" not in out
        assert (f"\nTest-wise strategies on {ASSIGNMENT} (graded auto-graded points; bound 35%):\n"
                in out)
        assert all(f"{ASSIGNMENT}: {s.name}: " in out for s in STRATEGIES)
        assert "  Items a text strategy answers fully right in over half of learners' orders" in out
        assert out.count("Test-wise strategies on") == 1

    def test_an_unknown_assignment_exits_2_naming_it(self, tmp_path, capsys):
        course = copy_course(tmp_path / "course")
        assert main(["--course", str(course), "cues", "no_such_module"]) == 2
        assert "No assignment called 'no_such_module' in content/." in capsys.readouterr().err

    def test_a_figure_out_of_bounds_exits_1(self, tmp_path, capsys, monkeypatch):
        from course_utils.instructor import cue_audit

        course = copy_course(tmp_path / "course")
        failing = cue_audit.Figure(ASSIGNMENT, "made up", 1.0, 0.1, 10, ("bp-x",))
        monkeypatch.setattr(cue_audit, "audit_modules", lambda modules: [failing])
        monkeypatch.setattr("course_utils.instructor.testwise.shares", lambda module: [])
        monkeypatch.setattr("course_utils.instructor.testwise.hits", lambda module: [])
        assert main(["--course", str(course), "cues", ASSIGNMENT]) == 1
        assert capsys.readouterr().out.startswith(f"{failing}\n    bp-x\n")


class TestDemo:
    @pytest.mark.parametrize(("mismatches", "code"), [((), 0), (("ana being_present bp-1: gradebook 0",), 1)])
    def test_the_log_is_printed_and_the_exit_code_says_whether_every_score_matched(
            self, tmp_path, monkeypatch, capsys, mismatches, code):
        from course_utils.instructor import demo

        said = []

        def fake_run_demo(course, learners, seed, log):
            log("the demo's own lines")
            said.append((learners, seed))
            return demo.DemoResult(course, mismatches)

        monkeypatch.setattr(demo, "run_demo", fake_run_demo)
        assert main(["--course", str(tmp_path), "demo", "--learners", "3", "--seed", "5"]) == code
        assert said == [(3, 5)]
        assert capsys.readouterr().out == "the demo's own lines\n"


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
