"""The repository's shape: stages as folders, one-way imports, a test file per module, old paths kept."""

from __future__ import annotations

import ast
import importlib

import pytest
from helpers import REPO

PACKAGE = REPO / "course_utils"
# The flow of the course, earliest first: a module may import its own stage and earlier ones.
STAGES = ("core", "analysis", "items", "content", "assign", "learner", "preprocessors", "autograde",
          "instructor")
# Paths that notebooks, hidden tests (stored in gradebooks) and course configurations import.
OLD_PATHS = {
    "course_utils": ["show_item", "start", "grade_item", "score_item", "load_course", "AnswerStore",
                     "analyze_reply"],
    "course_utils.grading": ["grade_item"],
    "course_utils.report": ["competency_report", "report_html"],
    "course_utils.progress": ["show_progress"],
    "course_utils.content": ["load_course", "load_module", "Item", "Module"],
    "course_utils.restore_cells": ["RestoreCells"],
    "course_utils.strip_added_code": ["StripAddedCode"],
    "course_utils.kernel_env": ["PrivateEnvExecute"],
    "course_utils.sandbox": ["SandboxExecute", "SandboxKernelManager"],
}
# Names the .gitignore or ruff skip: a subpackage named so would silently vanish.
IGNORED_NAMES = {"build", "reports", "feedback", "exchange", "source", "release", "submitted",
                 "autograded", "dist"}


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _stage(module_name: str) -> str | None:
    parts = module_name.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in STAGES else None


def _imports(path) -> list[str]:
    """Every course_utils module this file imports, at the top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("course_utils"):
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("course_utils")]
    return found


def test_every_module_has_a_test_file_of_its_own():
    missing = []
    for module in _modules():
        relative = module.relative_to(PACKAGE)
        if module.name == "__init__.py":
            tree = ast.parse(module.read_text(encoding="utf-8"))
            if not any(isinstance(n, (ast.FunctionDef, ast.ClassDef)) for n in tree.body):
                continue  # a stage's docstring and re-exports
            name = f"test_{module.parent.name}.py"
            test = REPO / "tests" / relative.parent / name if module.parent != PACKAGE \
                else REPO / "tests" / "test_layout.py"  # the package's exports: OLD_PATHS below
        elif module.parent == PACKAGE and module.stem != "cli":
            continue  # an old path kept for notebooks and configurations: tested below
        else:
            test = REPO / "tests" / relative.parent / f"test_{module.stem}.py"
        if not test.is_file():
            missing.append(f"{relative} (expected {test.relative_to(REPO)})")
    assert not missing, "modules without a test file: " + ", ".join(missing)


def test_the_package_is_stage_folders_and_the_command_line():
    top = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "cli"}
    old = {name.split(".")[1] for name in OLD_PATHS if "." in name} - {"content"}
    assert top == old, "a module outside the stage folders that is not an old path: " \
        + ", ".join(sorted(top - old))
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(STAGES)
    assert not any(p.name in IGNORED_NAMES for p in PACKAGE.rglob("*") if p.is_dir())


def test_no_stage_imports_a_later_one():
    backwards = []
    for module in _modules():
        name = ".".join(module.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        mine = _stage(name)
        if mine is None:
            continue
        for imported in _imports(module):
            theirs = _stage(imported)
            if theirs is None and imported != "course_utils":
                theirs = "old path"  # a stage must import the real module, not a kept old path
            if theirs == "old path" or (theirs and STAGES.index(theirs) > STAGES.index(mine)):
                backwards.append(f"{name} imports {imported}")
    assert not backwards, "imports against the flow: " + "; ".join(backwards)


@pytest.mark.parametrize("path", sorted(OLD_PATHS))
def test_an_old_import_path_still_gives_every_name(path):
    module = importlib.import_module(path)
    for name in OLD_PATHS[path]:
        assert getattr(module, name) is not None, f"{path}.{name}"


def test_an_old_path_gives_the_same_object_as_the_new_one():
    from course_utils import grading, restore_cells
    from course_utils.autograde import grading as new_grading
    from course_utils.preprocessors import restore_cells as new_restore

    assert grading.grade_item is new_grading.grade_item
    assert restore_cells.RestoreCells is new_restore.RestoreCells
