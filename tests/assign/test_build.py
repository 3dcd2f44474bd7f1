"""content -> source/ -> release/: in sync with the repo, and no graded key reaches learners."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import ASSIGNMENT, REPO, copy_course

from course_utils.assign.build import build
from course_utils.assign.secrecy import find_leaks
from course_utils.content.loader import ContentError, load_course

pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class TestBuild:
    @pytest.mark.parametrize("stage", ["source", "release", "notebooks"])
    def test_committed_stage_matches_a_fresh_build(self, built_course, stage):
        """source/, release/ and notebooks/ in the repo are exactly what the content builds to."""
        assert tree(REPO / stage) == tree(built_course / stage), (
            f"{stage}/ is out of date: run `make build` and commit the result")

    @pytest.mark.parametrize("where", ["repo", "fresh"])
    def test_release_reveals_no_graded_answer(self, built_course, where):
        """No module's graded key, explanation, example or hidden test is in release/."""
        release = (REPO if where == "repo" else built_course) / "release"
        assert not list(release.glob("*/answers*.json"))
        assert find_leaks([release], load_course(REPO / "content")) == []

    def test_wheel_holds_only_the_package(self, tmp_path):
        subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                        "--outdir", str(tmp_path), str(REPO)], check=True, capture_output=True)
        wheel = next(tmp_path.glob("*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            names = zf.namelist()
        assert all(n.startswith(("course_utils/", "being_present-")) for n in names)
        assert "course_utils/items/widgets/guard.js" in names
        assert find_leaks([wheel], load_course(REPO / "content")) == []

    def test_invalid_content_changes_nothing(self, tmp_path):
        course = copy_course(tmp_path / "course")
        build(course, release=False, log=lambda _m: None)
        before = tree(course / "source")
        module_yaml = course / "content" / ASSIGNMENT / "module.yaml"
        module_yaml.write_text(module_yaml.read_text().replace("kind: rank", "kind: ranking", 1))
        with pytest.raises(ContentError, match="unknown kind 'ranking'"):
            build(course, log=lambda _m: None)
        assert tree(course / "source") == before

    def test_without_a_log_nothing_is_printed(self, tmp_path, capsys):
        course = copy_course(tmp_path / "course")
        build(course, release=False)
        assert (course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()
        assert capsys.readouterr() == ("", "")

    def test_stray_answers_in_source_are_removed_and_reported(self, tmp_path):
        course = copy_course(tmp_path / "course")
        build(course, release=False, log=lambda _m: None)
        (course / "source" / ASSIGNMENT / "answers.json").write_text("{}")
        said: list[str] = []
        build(course, release=False, log=said.append)
        assert not (course / "source" / ASSIGNMENT / "answers.json").exists()
        assert any("removed source/being_present/answers.json" in line for line in said)
