"""Autograde kernels start without the grader's credentials."""

from __future__ import annotations

from course_utils.preprocessors.kernel_env import without_secrets


class TestWithoutSecrets:
    def test_credentials_are_left_out(self):
        env = {"CPSW_DB_URL": "postgresql://g:pw@h/db", "JUPYTERHUB_API_TOKEN": "t",
               "PGPASSWORD": "pw", "AWS_SECRET_ACCESS_KEY": "k", "PATH": "/usr/bin", "HOME": "/h"}
        assert without_secrets(env) == {"PATH": "/usr/bin", "HOME": "/h"}

    def test_ordinary_variables_are_kept(self):
        env = {"LANG": "C.UTF-8", "NBGRADER_EXECUTION": "autograde", "JPY_PARENT_PID": "1"}
        assert without_secrets(env) == env
