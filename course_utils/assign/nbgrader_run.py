"""Run real nbgrader commands from Python with the environment they need."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


class NbgraderError(RuntimeError):
    """Raised when an nbgrader command fails; carries the end of its log."""


def run_nbgrader(args: list[str], course_dir: Path) -> str:
    """Run `nbgrader ARGS` in course_dir; return its log or raise NbgraderError with its tail."""
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ)
    # nbgrader calls the `alembic` script of its own environment when it opens a gradebook.
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("PYTHONWARNINGS", "ignore")
    cmd = [str(bin_dir / "nbgrader"), *args]
    proc = subprocess.run(cmd, cwd=course_dir, env=env, capture_output=True, text=True)
    log = proc.stdout + proc.stderr
    if proc.returncode != 0 or "[ERROR]" in log or "| ERROR]" in log:
        tail = "\n".join(log.strip().splitlines()[-25:])
        raise NbgraderError(f"`nbgrader {' '.join(args)}` failed in {course_dir}:\n{tail}")
    return log
