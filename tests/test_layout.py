"""The repository's shape: every module of the package has a test file of its own."""

from __future__ import annotations

from helpers import REPO

PACKAGE = REPO / "course_utils"


def test_every_module_has_a_test_file_of_its_own():
    missing = []
    for module in sorted(PACKAGE.rglob("*.py")):
        if module.name == "__init__.py" and module.parent == PACKAGE:
            continue  # the package's exports: tests/test_exercise.py and the rest import through it
        relative = module.relative_to(PACKAGE)
        name = "test_widgets.py" if module.name == "__init__.py" else f"test_{module.stem}.py"
        test = REPO / "tests" / relative.parent / name if module.name != "__init__.py" \
            else REPO / "tests" / name
        if not test.is_file():
            missing.append(f"{relative} (expected {test.relative_to(REPO)})")
    assert not missing, "modules without a test file: " + ", ".join(missing)
