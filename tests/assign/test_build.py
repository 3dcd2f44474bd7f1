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


FAILING_PREPROCESSOR = '''
from nbgrader.preprocessors import NbGraderPreprocessor


class FailOn(NbGraderPreprocessor):
    """Fails nbgrader generate_assignment on one notebook, as a broken cell would."""

    def preprocess(self, nb, resources):
        if resources.get("unique_key") == "{target}":
            raise ValueError("a cell nbgrader cannot read (made to fail by the test)")
        return nb, resources
'''

FAIL_CONFIG = '''
import os, sys
sys.path.insert(0, os.getcwd())
from nbgrader.converters import GenerateAssignment
c.GenerateAssignment.preprocessors = [
    *GenerateAssignment.class_traits()["preprocessors"].default(), "failing_pp.FailOn"]
'''


class TestNbgraderFailsMidBuild:
    def test_earlier_assignments_rebuilt_the_failed_one_and_notebooks_left_as_they_were(
            self, built_course, tmp_path):
        import shutil

        from course_utils.assign.build import ReleaseFailed

        course = Path(shutil.copytree(built_course, tmp_path / "course"))
        first, second, *rest = [m.assignment for m in load_course(course / "content")]
        (course / "failing_pp.py").write_text(FAILING_PREPROCESSOR.replace("{target}", second))
        with (course / "nbgrader_config.py").open("a") as config:
            config.write(FAIL_CONFIG)
        marker = course / "release" / first / "marker.txt"
        marker.write_text("from the previous build")
        before = {stage: tree(course / stage) for stage in ("notebooks", "source", "release")}
        start_here = course / "notebooks" / "start_here.ipynb"
        start_here.write_text(start_here.read_text() + " ")  # a build that finished would rewrite it
        kept = start_here.read_bytes()
        with pytest.raises(ReleaseFailed) as failed:
            build(course, log=lambda _m: None)
        said = str(failed.value)
        assert said.startswith(f"nbgrader could not generate release/{second}: a cell nbgrader "
                               "cannot read (made to fail by the test)")
        assert f"Already rebuilt by this build: {first}." in said
        assert f"Not rebuilt: {', '.join(rest)}" in said
        assert not marker.exists(), f"release/{first} was rebuilt and swapped in"
        for stage in ("source", "release"):
            assert tree(course / stage / second) == {
                k.split("/", 1)[1]: v for k, v in before[stage].items() if k.startswith(f"{second}/")}
        assert start_here.read_bytes() == kept, "notebooks/ is written only after a whole build"
        assert not list((course / ".cpsw").glob("build-*")), "the scratch folder is removed"
