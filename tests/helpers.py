"""Helpers shared by the tests: paths and a fresh copy of the course."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from course_utils.content.loader import ContentError, load_module

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "being_present"


def copy_course(target: Path) -> Path:
    """A course folder with the repo's content and nbgrader config, not yet built."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "content", target / "content")
    shutil.copy(REPO / "nbgrader_config.py", target / "nbgrader_config.py")
    return target


def python_bin(name: str) -> str:
    """A script of the running environment (nbgrader, jupyter)."""
    return str(Path(sys.executable).parent / name)


def run_cpsw(course: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `cpsw ARGS` in the course folder, as a trainer would type it; capture what it prints."""
    return subprocess.run([sys.executable, "-m", "course_utils.cli", *args], cwd=course,
                          capture_output=True, text=True, timeout=600)


def run_notebook(path: Path, timeout: int = 180) -> list:
    """Execute a notebook in its own folder with a fresh kernel; return its code outputs."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def write_module(tmp_path: Path, mutate) -> Path:
    """A copy of module 1 with one change applied to its YAML data."""
    folder = tmp_path / ASSIGNMENT
    shutil.copytree(REPO / "content" / ASSIGNMENT, folder)
    data = yaml.safe_load((folder / "module.yaml").read_text())
    mutate(data)
    (folder / "module.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


def only_problem(folder: Path):
    """The single problem load_module finds in folder, and the error text."""
    with pytest.raises(ContentError) as err:
        load_module(folder)
    assert len(err.value.problems) == 1
    return err.value.problems[0], str(err.value)
