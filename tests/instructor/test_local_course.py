"""A course on one machine: real nbgrader releases to a local exchange, and collects from it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from helpers import REPO
from traitlets.config.loader import PyFileConfigLoader

from course_utils.assign.guide_notebooks import GUIDE_ASSIGNMENT
from course_utils.instructor.local_course import (
    COURSE_ID,
    LocalCourse,
    collect,
    prepare,
    released_assignments,
)
from course_utils.learner.exchange import submit
from course_utils.learner.learner_settings import START_PAGE

# One assignment keeps this file to a few nbgrader runs; the other exchange tests release several.
ASSIGNMENTS = ("start_here",)


def course_with(tmp: Path, assignments: tuple[str, ...]) -> Path:
    """A course folder holding these assignments of the repo (release/ and source/) and its config."""
    course = tmp / "course"
    course.mkdir(parents=True, exist_ok=True)
    for stage in ("release", "source"):
        for name in assignments:
            if (REPO / stage / name).is_dir():
                shutil.copytree(REPO / stage / name, course / stage / name)
    shutil.copy(REPO / "nbgrader_config.py", course / "nbgrader_config.py")
    return course


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """The course prepared once; the learner's nbgrader cache kept in the temporary folder."""
    tmp = tmp_path_factory.mktemp("local_course")
    course = course_with(tmp, ASSIGNMENTS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_DATA_DIR", str(tmp / "data"))
        yield course, prepare(course, tmp / "local")


class TestLocalCourse:
    def test_folders_are_under_the_root(self, tmp_path):
        local = LocalCourse(tmp_path)
        assert (local.exchange, local.home, local.config) == \
            (tmp_path / "exchange", tmp_path / "home", tmp_path / "config")

    def test_learner_env_changes_only_the_config_dir(self, tmp_path):
        env = LocalCourse(tmp_path).learner_env()
        assert {k: v for k, v in env.items() if os.environ.get(k) != v} == \
            {"JUPYTER_CONFIG_DIR": str(tmp_path / "config")}
        assert set(env) - set(os.environ) <= {"JUPYTER_CONFIG_DIR"}


class TestReleasedAssignments:
    def test_the_repo_releases_start_here_first_then_every_module(self):
        names = released_assignments(REPO)
        assert names[0] == GUIDE_ASSIGNMENT
        assert names[1:] == sorted(p.name for p in (REPO / "content").iterdir()
                                   if (p / "module.yaml").is_file())

    def test_hidden_folders_and_files_are_not_assignments(self, tmp_path):
        course = course_with(tmp_path, ())
        for name in ("safe_space", ".ipynb_checkpoints", GUIDE_ASSIGNMENT, "being_present"):
            (course / "release" / name).mkdir(parents=True)
        (course / "release" / "notes.txt").write_text("not an assignment", encoding="utf-8")
        assert released_assignments(course) == [GUIDE_ASSIGNMENT, "being_present", "safe_space"]


@pytest.mark.slow
class TestPrepare:
    def test_every_assignment_is_in_the_exchange_as_released(self, prepared):
        course, local = prepared
        outbound = local.exchange / COURSE_ID / "outbound"
        assert sorted(p.name for p in outbound.iterdir()) == sorted(ASSIGNMENTS)
        for name in ASSIGNMENTS:
            assert files(outbound / name) == files(course / "release" / name), name
        assert (local.exchange / COURSE_ID / "inbound").is_dir()

    def test_start_here_is_fetched_for_the_learner(self, prepared):
        course, local = prepared
        assert sorted(p.name for p in local.home.iterdir()) == [GUIDE_ASSIGNMENT]
        assert files(local.home / GUIDE_ASSIGNMENT) == files(course / "release" / GUIDE_ASSIGNMENT)

    def test_learner_config_opens_start_here_on_this_exchange(self, prepared):
        _, local = prepared
        server = json.loads((local.config / "jupyter_server_config.json").read_text(encoding="utf-8"))
        assert server["ServerApp"]["default_url"] == f"/{START_PAGE}"
        assert (local.home / START_PAGE.removeprefix("voila/render/")).is_file()
        loaded = PyFileConfigLoader("nbgrader_config.py", path=str(local.config)).load_config()
        assert (loaded.CourseDirectory.course_id, loaded.Exchange.root) == (COURSE_ID, str(local.exchange))

    def test_the_course_folder_gains_no_learner_files(self, prepared):
        course, _ = prepared
        assert sorted(p.name for p in course.iterdir()) == ["nbgrader_config.py", "release", "source"]

    def test_running_again_keeps_the_learners_work(self, prepared):
        course, local = prepared
        answers = local.home / GUIDE_ASSIGNMENT / "answers.json"
        answers.write_text('{"format": 1, "answers": {}}', encoding="utf-8")
        again = prepare(course, local.root)
        assert again == local
        assert answers.read_text(encoding="utf-8") == '{"format": 1, "answers": {}}'
        outbound = local.exchange / COURSE_ID / "outbound"
        assert sorted(p.name for p in outbound.iterdir()) == sorted(ASSIGNMENTS)


@pytest.mark.slow
class TestCollect:
    def test_a_submission_is_collected_into_submitted(self, prepared, monkeypatch):
        course, local = prepared
        for name, value in local.learner_env().items():
            monkeypatch.setenv(name, value)
        assert submit(local.home / GUIDE_ASSIGNMENT).ok
        lines = collect(course, local.exchange)
        assert lines == [f"{GUIDE_ASSIGNMENT}: 1 submission(s) collected"]
        [notebook] = course.glob(f"submitted/*/{GUIDE_ASSIGNMENT}/start_here.ipynb")
        assert notebook.read_bytes() == (local.home / GUIDE_ASSIGNMENT / "start_here.ipynb").read_bytes()
