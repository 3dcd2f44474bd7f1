"""Running real nbgrader commands."""

from __future__ import annotations

import pytest

from course_utils.assign.nbgrader_run import NbgraderError, run_nbgrader


class TestRunNbgrader:
    def test_failure_raises_with_the_log_tail(self, tmp_path):
        with pytest.raises(NbgraderError, match="No notebooks were matched|nbgrader autograde"):
            run_nbgrader(["autograde", "no_such_assignment"], tmp_path)

    def test_success_returns_the_log_and_prints_nothing(self, tmp_path, capsys):
        log = run_nbgrader(["--version"], tmp_path)
        assert "nbgrader version 0.9" in log
        assert capsys.readouterr() == ("", "")
