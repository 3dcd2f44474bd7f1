"""A build after learners have submitted, through the real `cpsw` and nbgrader, as a trainer runs it.

A learner's submission is answered in a real kernel and autograded once. Then a content change
nbgrader cannot apply (a new graded item) is refused in plain words with release/ untouched and
autograde still right, and a change it can apply (new wording) builds and says what changed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from helpers import ASSIGNMENT, REPO, run_cpsw
from nbclient import NotebookClient

from course_utils.content.loader import load_module
from course_utils.items.scoring import score_item

pytestmark = pytest.mark.slow
STUDENT = "ana"
MODULE_YAML = Path("content") / ASSIGNMENT / "module.yaml"
NEW_WORDING = "Which reply shows best that you take the feeling seriously?"


def documented_item() -> tuple[str, str]:
    """The first item example of content/README.md (a new graded item) and its id."""
    text = (REPO / "content" / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^```yaml\n(.*?)^```", text, re.MULTILINE | re.DOTALL).group(1)
    return block, re.search(r"- id: ([\w-]+)", block).group(1)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def scores(course: Path) -> dict[str, float]:
    """The learner's score per grade cell, as the gradebook holds it."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        sub = gb.find_submission(ASSIGNMENT, STUDENT)
        return {g.name: g.score for nb in sub.notebooks for g in nb.grades}


def answer(folder: Path, code: str) -> None:
    """A fresh kernel runs the learner's notebook and then the answers (as clicks would give them)."""
    notebook = folder / f"{ASSIGNMENT}.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(code))
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()


@pytest.fixture(scope="module")
def graded(built_course, tmp_path_factory) -> dict:
    """The built course with one learner's submission, autograded: two items answered, one fully."""
    course = Path(shutil.copytree(built_course, tmp_path_factory.mktemp("submitted") / "course"))
    # Only this module's content: each build then runs nbgrader on two assignments, not eight.
    # The build leaves an assignment that is not in content/ as it is (course_utils/assign/build.py).
    for other in (course / "content").iterdir():
        if other.is_dir() and other.name != ASSIGNMENT:
            shutil.rmtree(other)
    module = load_module(course / "content" / ASSIGNMENT)
    best = next(i for i in module.items if i.graded and i.kind == "best_response")
    picks = next(i for i in module.items if i.graded and i.kind == "select_all")
    answers = {best.id: best.key, picks.id: [picks.key[0]]}
    folder = course / "submitted" / STUDENT / ASSIGNMENT
    shutil.copytree(course / "release" / ASSIGNMENT, folder)
    (folder / "timestamp.txt").write_text("2026-12-01 10:00:00.000000 UTC\n")
    answer(folder, "from course_utils.learner.exercise import active_views as v\n"
                   f'v["{best.id}"].radio.value = "{best.key}"\n'
                   f'v["{picks.id}"].boxes["{picks.key[0]}"].value = True\n')
    done = run_cpsw(course, "autograde", ASSIGNMENT)
    assert done.returncode == 0, done.stdout + done.stderr
    expected = {f"{i}-grade": score_item(module.item(i), a).earned for i, a in answers.items()}
    assert 0 < expected[f"{picks.id}-grade"] < picks.points  # partial credit, not just 0 or all
    assert {k: scores(course)[k] for k in expected} == expected
    return dict(course=course, expected=expected, best=best)


def course_copy(graded: dict, tmp_path: Path) -> Path:
    """A copy of the graded course (gradebook, submission and autograde records included)."""
    return Path(shutil.copytree(graded["course"], tmp_path / "course"))


@pytest.fixture(scope="module")
def refused(graded, tmp_path_factory) -> dict:
    """The documented example item added to the submitted module, then `cpsw build` and a regrade."""
    course = course_copy(graded, tmp_path_factory.mktemp("refused"))
    before = {step: tree(course / step) for step in ("source", "release", "notebooks")}
    block, item_id = documented_item()
    path = course / MODULE_YAML
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + block, encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if text.startswith(f"  - id: {item_id} "))
    build = run_cpsw(course, "build")
    after = {step: tree(course / step) for step in ("source", "release", "notebooks")}
    regrade = run_cpsw(course, "autograde", ASSIGNMENT, "--regrade")
    return dict(course=course, build=build, before=before, after=after, regrade=regrade,
                where=f"{path}:{line}", item_id=item_id)


class TestANewItemAfterSubmissions:
    def test_the_build_stops_with_a_plain_refusal(self, refused):
        build = refused["build"]
        assert build.returncode == 2, build.stdout + build.stderr
        said = build.stderr
        assert said.startswith("The build was stopped before changing anything.")
        assert f"Learners have already submitted '{ASSIGNMENT}' (1 submission in the gradebook)" in said
        assert f"{refused['where']}: item {refused['item_id']} is new" in said
        instead = said.split("What to do instead:\n", 1)[1]
        assert instead.startswith("  - make this change in a new module")
        assert "after this cohort's grading is finished and the gradebook is archived" in instead
        assert "undo the ones listed above and run the build again" in instead
        assert "Nothing was changed: source/ and release/ are as they were." in said

    def test_no_traceback_and_no_nbgrader_log_reach_the_trainer(self, refused):
        printed = refused["build"].stdout + refused["build"].stderr
        assert "Traceback" not in printed and "[ERROR]" not in printed
        assert "generate_assignment" not in printed  # stopped before nbgrader ran at all
        assert "What changed:" not in printed

    def test_release_source_and_notebooks_are_byte_identical(self, refused):
        for step, files in refused["before"].items():
            assert files, f"{step}/ should hold the previous build"
            assert refused["after"][step] == files, f"{step}/ changed"

    def test_no_scratch_folder_is_left(self, refused):
        assert not list((refused["course"] / ".cpsw").glob("build-*"))

    def test_autograde_still_grades_the_learner_exactly(self, refused, graded):
        regrade = refused["regrade"]
        assert regrade.returncode == 0, regrade.stdout + regrade.stderr
        assert re.search(rf"(?m)^{STUDENT} +graded ", regrade.stdout)
        assert "1 graded, 0 flagged" in regrade.stdout
        got = scores(refused["course"])
        assert {k: got[k] for k in graded["expected"]} == graded["expected"]


@pytest.fixture(scope="module")
def reworded(graded, tmp_path_factory) -> dict:
    """The answered item's question reworded in the submitted module, then `cpsw build` and a regrade."""
    course = course_copy(graded, tmp_path_factory.mktemp("reworded"))
    item = graded["best"]
    before = tree(course / "release" / ASSIGNMENT)
    path = course / MODULE_YAML
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {item.id}\n")
    at = text.index("    prompt: ", start)
    end = text.index("\n", at)
    path.write_text(f"{text[:at]}    prompt: {NEW_WORDING}{text[end:]}", encoding="utf-8")
    build = run_cpsw(course, "build")
    regrade = run_cpsw(course, "autograde", ASSIGNMENT, "--regrade")
    return dict(course=course, build=build, before=before, regrade=regrade, item=item)


class TestNewWordingAfterSubmissions:
    def test_the_build_succeeds_and_ends_with_what_changed(self, reworded):
        build = reworded["build"]
        assert build.returncode == 0, build.stdout + build.stderr
        assert "Traceback" not in build.stdout + build.stderr
        summary = build.stdout.split("What changed:\n", 1)[1]
        assert f"  {ASSIGNMENT}: items changed: {reworded['item'].id}\n" in summary

    def test_the_new_wording_reaches_release(self, reworded):
        release = reworded["course"] / "release" / ASSIGNMENT
        assert tree(release) != reworded["before"]
        assert NEW_WORDING in (release / "items.json").read_text(encoding="utf-8")
        assert not list((reworded["course"] / ".cpsw").glob("build-*"))

    def test_autograde_still_grades_the_learner_exactly(self, reworded, graded):
        regrade = reworded["regrade"]
        assert regrade.returncode == 0, regrade.stdout + regrade.stderr
        got = scores(reworded["course"])
        assert {k: got[k] for k in graded["expected"]} == graded["expected"]
