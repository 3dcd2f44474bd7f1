"""Content -> source/ (nbgrader master notebooks) -> release/ (learner versions).

Nothing is written until all content is valid and the gradebook says nbgrader will take the
change (course_utils/assign/guard.py). Each assignment's new source/ and release/ folders are
made in a scratch folder and swapped in only once nbgrader has succeeded on them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode

from course_utils.assign.changes import AssignmentChanges, assignment_changes, items_in
from course_utils.assign.guard import check_released
from course_utils.assign.guide_notebooks import (
    GUIDE_ASSIGNMENT,
    build_dashboard,
    build_my_progress,
    build_start_here,
)
from course_utils.assign.nbgrader_run import NbgraderError, run_nbgrader
from course_utils.assign.notebook import build_notebook
from course_utils.assign.placeholders import add_placeholders
from course_utils.assign.released import submitted
from course_utils.assign.staging import Staging
from course_utils.content.loader import ContentError, Module, Problem, load_course
from course_utils.core.atomic import write_atomic
from course_utils.core.folders import folder
from course_utils.core.vocab import ITEMS_FILE
from course_utils.items.public import items_document

HELP_NOW_FILE = "help_now.md"
NOTEBOOKS_DIR = "notebooks"
Files = dict[str, NotebookNode | dict]


@dataclass(frozen=True)
class BuildResult:
    """What a build made: the modules, and per assignment what changed against the previous build."""

    modules: list[Module]
    changes: tuple[AssignmentChanges, ...]


class ReleaseFailed(NbgraderError):
    """nbgrader failed on one assignment: its previous source/ and release/ folders are kept."""


def module_files(module: Module, help_now: str) -> Files:
    """A module's master notebook and its learner-safe items file."""
    return {f"{module.assignment}.ipynb": build_notebook(module, help_now),
            ITEMS_FILE: items_document(module)}


def _silent(_message: str) -> None:
    """A log that says nothing."""


def build(course_dir: Path, release: bool = True, log: Callable[[str], None] = _silent) -> list[Module]:
    """Validate all content, regenerate source/ and notebooks/, then release/ through nbgrader."""
    return build_course(course_dir, release, log).modules


def build_course(course_dir: Path, release: bool = True,
                 log: Callable[[str], None] = _silent) -> BuildResult:
    """Build as `build` does, and say per assignment what changed."""
    course_dir = Path(course_dir)
    modules, folders = generated_files(course_dir)  # raises before anything is written
    source = folder(course_dir, "source")
    check_released(course_dir / "content", submitted(course_dir, folders), folders, modules,
                   {a: items_in(source / a) for a in folders})
    changes = tuple(assignment_changes(a, source / a, files) for a, files in folders.items())
    with Staging(course_dir) as stage:
        done: list[str] = []
        for assignment, files in folders.items():
            _build_one(course_dir, stage, assignment, files, release, log, done, list(folders))
            done.append(assignment)
    # Only once every assignment is in place, so a failed build leaves notebooks/ as it was.
    notebooks = course_dir / NOTEBOOKS_DIR
    notebooks.mkdir(exist_ok=True)
    guide = folders[GUIDE_ASSIGNMENT]
    for name, nb in {**guide, "instructor_dashboard.ipynb": build_dashboard()}.items():
        write_atomic(notebooks / name, nbformat.writes(nb) + "\n")
    return BuildResult(modules, changes)


def generated_files(course_dir: Path) -> tuple[list[Module], dict[str, Files]]:
    """The validated modules, and each assignment's generated files (the guide's included)."""
    content_dir = course_dir / "content"
    modules = load_course(content_dir)
    help_path = content_dir / HELP_NOW_FILE
    if not help_path.is_file():
        raise ContentError([Problem(str(help_path), "", "-", "the help-now note is missing")])
    help_now = help_path.read_text(encoding="utf-8")
    folders = {m.assignment: module_files(m, help_now) for m in modules}
    folders[GUIDE_ASSIGNMENT] = {f"{GUIDE_ASSIGNMENT}.ipynb": build_start_here(modules, help_now),
                                 "my_progress.ipynb": build_my_progress(help_now)}
    return modules, folders


def _build_one(course_dir: Path, stage: Staging, assignment: str, files: Files, release: bool,
               log: Callable[[str], None], done: list[str], order: list[str]) -> None:
    """One assignment: source (and release) made in the stage, then swapped in."""
    source = folder(course_dir, "source")
    staged = stage.write("source", assignment, files)
    pairs = [(source / assignment, staged)]
    if release:
        released = folder(course_dir, "release")
        pairs.append((released / assignment, _release(course_dir, stage, assignment, done, order)))
    live = source / assignment
    stray = sorted(p.name for p in live.iterdir() if p.name not in files) if live.is_dir() else []
    stage.swap_in(assignment, pairs)
    log(f"{source.name}/{assignment}/: {', '.join(files)}")
    for name in stray:
        log(f"  removed {source.name}/{assignment}/{name}: not generated from content "
            "(e.g. answers saved while trying the source notebook)")
    if release:
        log(f"{folder(course_dir, 'release').name}/{assignment}/: generated by nbgrader")


def _release(course_dir: Path, stage: Staging, assignment: str, done: list[str], order: list[str]) -> Path:
    """The learner version nbgrader makes of a staged source folder, in the stage."""
    paths = [f"--CourseDirectory.source_directory={stage.folder('source')}",
             f"--CourseDirectory.release_directory={stage.folder('release')}"]
    try:
        run_nbgrader(["generate_assignment", assignment, "--force", *paths], course_dir)
    except NbgraderError as err:
        raise ReleaseFailed(_failure(course_dir, assignment, str(err), done, order)) from None
    staged = stage.folder("release") / assignment
    for notebook in sorted(staged.glob("*.ipynb")):
        add_placeholders(notebook)
    return staged


def _failure(course_dir: Path, assignment: str, log: str, done: list[str], order: list[str]) -> str:
    """What to tell an instructor when nbgrader failed on one assignment of a build."""
    source, release = folder(course_dir, "source").name, folder(course_dir, "release").name
    raised = re.findall(r"(?m)^\s*(?:\w+\.)*\w+(?:Error|Exception): (.+)$", log)
    errors = [line.split("ERROR]", 1)[1].strip() for line in log.splitlines() if "ERROR]" in line]
    cause = (raised or errors or ["see its log below"])[-1]
    rest = order[order.index(assignment) + 1:]
    lines = [f"nbgrader could not generate {release}/{assignment}: {cause}",
             f"{source}/{assignment}/ and {release}/{assignment}/ are as they were before this build: "
             "learners and autograde still use the previous version."]
    if done:
        lines.append(f"Already rebuilt by this build: {', '.join(done)}.")
    if rest:
        lines.append(f"Not rebuilt: {', '.join(rest)}.")
    lines.append(f"nbgrader's log ended:\n{log}")
    return "\n".join(lines)
