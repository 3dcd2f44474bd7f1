"""folder: each step's course folder as nbgrader's CourseDirectory names it, the course's config included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO

from course_utils.core.folders import STEPS, folder


class TestFolder:
    @pytest.mark.parametrize("step", STEPS)
    def test_without_a_config_the_names_are_nbgrader_defaults(self, tmp_path: Path, step: str):
        from nbgrader.coursedir import CourseDirectory

        default = CourseDirectory.class_traits()[f"{step}_directory"].default_value
        assert folder(tmp_path, step) == tmp_path / default == tmp_path / step

    @pytest.mark.parametrize("step", STEPS)
    def test_the_repo_config_keeps_the_defaults(self, step: str):
        assert folder(REPO, step) == REPO / step

    def test_a_course_config_renames_a_folder(self, tmp_path: Path):
        (tmp_path / "nbgrader_config.py").write_text(
            'c = get_config()\nc.CourseDirectory.submitted_directory = "handed_in"\n')
        assert folder(tmp_path, "submitted") == tmp_path / "handed_in"
        assert folder(str(tmp_path), "release") == tmp_path / "release"

    def test_a_config_written_after_a_first_look_is_read(self, tmp_path: Path):
        assert folder(tmp_path, "feedback") == tmp_path / "feedback"
        (tmp_path / "nbgrader_config.py").write_text(
            'c = get_config()\nc.CourseDirectory.feedback_directory = "returned"\n')
        assert folder(tmp_path, "feedback") == tmp_path / "returned"

    def test_an_unknown_step_raises_naming_the_valid_ones(self, tmp_path: Path):
        with pytest.raises(ValueError, match="'graded'.*source, release, submitted, autograded, feedback"):
            folder(tmp_path, "graded")

    def test_importing_the_module_does_not_import_nbgrader(self):
        code = "import sys, course_utils.core.folders; print('nbgrader' in sys.modules)"
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert done.stdout.strip() == "False"
