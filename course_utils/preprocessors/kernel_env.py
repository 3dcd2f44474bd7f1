"""Autograde kernels start without the grader's secrets in their environment.

A kernel inherits the environment of the process that grades, which may hold a gradebook URL
with its password (CPSW_DB_URL), a JupyterHub API token or other credentials. Only the course's
own cells run there by default (added code is commented out, course_utils/preprocessors/strip_added_code.py),
but nothing in a learner's notebook needs those variables, so they are left out.
"""

from __future__ import annotations

import os
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from nbgrader.preprocessors import Execute

SECRET_WORDS = ("PASSWORD", "SECRET", "TOKEN", "DB_URL", "DATABASE", "PGPASS")


def without_secrets(env: dict[str, str]) -> dict[str, str]:
    """The environment minus every variable whose name suggests a credential."""
    return {k: v for k, v in env.items() if not any(w in k.upper() for w in SECRET_WORDS)}


class PrivateEnvKernelManager(AsyncKernelManager):
    """A kernel manager that starts kernels without the grader's credentials."""

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        kw["env"] = without_secrets(dict(kw.get("env") or os.environ))
        await super()._async_launch_kernel(kernel_cmd, **kw)


class PrivateEnvExecute(Execute):
    """nbgrader's Execute preprocessor, with kernels started without the grader's credentials."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("kernel_manager_class", PrivateEnvKernelManager)
        super().__init__(*args, **kwargs)
