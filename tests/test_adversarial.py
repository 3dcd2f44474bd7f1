"""Broken and hostile submissions, built from a real release, graded in one batch.

Every case starts from the same real submission (a simulated learner who answered through the
widgets, with a mixed score) and breaks or attacks it in one way. The whole batch is autograded
by `cpsw autograde` (nbgrader's own autograde in parallel workers) together with three ordinary
learners. For each case the test states the expected outcome: the base learner's score (the
damage is repaired or ignored by nbgrader or by us), a stated lower score (the answer file is
unreadable, or some answers are malformed), or a flag with its reason; and a note a grader can
read where something was repaired or ignored. The ordinary learners' grades must equal their
grades from a batch graded without the hostile submissions.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import ASSIGNMENT

from course_utils.cli import main
from course_utils.content.loader import load_module
from course_utils.core.vocab import MAX_REPLY_CHARS
from course_utils.instructor.simulate import make_cohort, simulate_submissions
from course_utils.items.scoring import score_item

pytestmark = pytest.mark.slow
NB = f"{ASSIGNMENT}.ipynb"
GOOD_REPLY = ("It sounds like this has been really painful, and you're carrying it on your own. "
              "What has been the hardest part? ")


@dataclass(frozen=True)
class Case:
    """One broken or hostile submission: how to make it and what must come of it."""

    name: str
    make: Callable[[Path, Path], None]  # (submission folder, course folder)
    expect: str  # "base", "zero", "flag", or "custom" (score computed by the test)
    says: str = ""  # text that must appear in the grader's summary line for this learner


# --- helpers that edit a submission -------------------------------------------------------
def cells(folder: Path) -> list[dict]:
    return json.loads((folder / NB).read_text())["cells"]


def set_cells(folder: Path, new: list[dict]) -> None:
    data = json.loads((folder / NB).read_text())
    data["cells"] = new
    (folder / NB).write_text(json.dumps(data))


def edit_cell(cell_id: str, change: Callable[[dict], None]) -> Callable[[Path, Path], None]:
    def make(folder: Path, _course: Path) -> None:
        new = cells(folder)
        change(next(c for c in new if c["id"] == cell_id))
        set_cells(folder, new)
    return make


def add_code(source: str, metadata: dict | None = None) -> Callable[[Path, Path], None]:
    def make(folder: Path, _course: Path) -> None:
        new = cells(folder)
        new.insert(3, {"cell_type": "code", "id": "added-by-learner", "metadata": metadata or {},
                       "execution_count": None, "outputs": [], "source": source})
        set_cells(folder, new)
    return make


def answers(folder: Path) -> dict:
    return json.loads((folder / "answers.json").read_text())


def write_answers(folder: Path, data: dict) -> None:
    (folder / "answers.json").write_text(json.dumps(data))


def with_answer(item_id: str, value) -> Callable[[Path, Path], None]:
    def make(folder: Path, _course: Path) -> None:
        data = answers(folder)
        data["answers"][item_id] = {"value": value, "saved_at": "2026-11-20T10:00:00+00:00"}
        write_answers(folder, data)
    return make


# --- the items and the base learner -----------------------------------------------------------
MODULE = load_module(Path(__file__).resolve().parents[1] / "content" / ASSIGNMENT)
GRADED = [i for i in MODULE.items if i.auto_graded]
BEST = next(i for i in GRADED if i.kind == "best_response")
SELECT = next(i for i in GRADED if i.kind == "select_all")
RANK = next(i for i in GRADED if i.kind == "rank")
WRITTEN = next(i for i in GRADED if i.kind == "written_reply")
FIRST_GRADE = f"{GRADED[0].id}-grade"
FIRST_SHOW = f"{GRADED[0].id}-show"
FLOOD_REPLY = GOOD_REPLY * (4 * 1024 * 1024 // len(GOOD_REPLY))  # 4 MB: under the file cap
MARKER = "PWNED.txt"  # hostile code writes this file beside the course folders if it ever runs


def add_text(cell_type: str, source: str, metadata: dict | None = None) -> Callable[[Path, Path], None]:
    def make(folder: Path, _course: Path) -> None:
        new = cells(folder)
        new.insert(3, {"cell_type": cell_type, "id": "added-text", "metadata": metadata or {},
                       "source": source})
        set_cells(folder, new)
    return make


PAYLOAD = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">"


def hostile(action: str) -> str:
    """Learner code that leaves a marker file beside the course, then attempts the action."""
    return (f"open('../../../{MARKER}', 'w').write('ran')\n{action}")


def split(folder: Path, _course: Path) -> None:
    new = cells(folder)
    at = next(k for k, c in enumerate(new) if c["id"] == FIRST_GRADE)
    lines = new[at]["source"].splitlines(keepends=True) if isinstance(new[at]["source"], str) \
        else new[at]["source"]
    half = len(lines) // 2
    top, bottom = dict(new[at], source="".join(lines[:half])), dict(new[at], source="".join(lines[half:]))
    bottom["id"] = "split-bottom"
    new[at:at + 1] = [top, bottom]
    set_cells(folder, new)


def duplicate(folder: Path, _course: Path) -> None:
    new = cells(folder)
    at = next(k for k, c in enumerate(new) if c["id"] == FIRST_GRADE)
    new.insert(at + 1, dict(new[at], id="copy-of-grade-cell"))
    set_cells(folder, new)


def truncate(folder: Path, _course: Path) -> None:
    text = (folder / "answers.json").read_text()
    (folder / "answers.json").write_text(text[: len(text) // 2])


def not_utf8(folder: Path, _course: Path) -> None:
    data = answers(folder)
    data["answers"]["zz-scratch-note"] = {"value": "caf\u00e9 notes"}
    (folder / "answers.json").write_bytes(json.dumps(data, ensure_ascii=False).encode("latin-1"))


def huge(folder: Path, _course: Path) -> None:
    data = answers(folder)
    with (folder / "answers.json").open("w") as handle:
        handle.write(json.dumps(data)[:-1])
        handle.write(', "padding": "' + "x" * (100 * 1024 * 1024) + '"}')


def unknown_ids(folder: Path, _course: Path) -> None:
    data = answers(folder)
    data["answers"].update({"no-such-item": {"value": "a"}, "../../etc": {"value": [1, 2]}})
    write_answers(folder, data)


def wrong_types(folder: Path, _course: Path) -> None:
    data = answers(folder)
    data["answers"][BEST.id] = {"value": 3}
    data["answers"][SELECT.id] = {"value": "abcd"}  # a string is not a list of picks
    data["answers"][RANK.id] = {"value": ["a", "b"]}
    data["answers"]["bp-not-an-entry"] = "just a string"
    write_answers(folder, data)


def answers_folder(folder: Path, _course: Path) -> None:
    (folder / "answers.json").unlink()
    (folder / "answers.json").mkdir()


def symlink_to_source(folder: Path, course: Path) -> None:
    (folder / "answers.json").unlink()
    os.symlink(course / "source" / ASSIGNMENT / NB, folder / "answers.json")


def rename(folder: Path, _course: Path) -> None:
    (folder / NB).rename(folder / f"{ASSIGNMENT}-Copy1.ipynb")


def extra_notebook(folder: Path, _course: Path) -> None:
    shutil.copy(folder / NB, folder / "my-notes.ipynb")


def flood_reply(folder: Path, course: Path) -> None:
    with_answer(WRITTEN.id, FLOOD_REPLY)(folder, course)


CASES = [
    Case("deleted-exercise-cell", lambda f, c: set_cells(f, [x for x in cells(f) if x["id"] != FIRST_SHOW]),
         "base", "1 deleted cell(s) restored"),
    Case("deleted-test-cell", lambda f, c: set_cells(f, [x for x in cells(f) if x["id"] != FIRST_GRADE]),
         "base", "1 deleted cell(s) restored"),
    Case("deleted-every-cell", lambda f, c: set_cells(f, []), "base", "deleted cell(s) restored"),
    Case("test-cell-made-markdown", edit_cell(FIRST_GRADE, lambda x: (
        x.update(cell_type="markdown"), x.pop("outputs"), x.pop("execution_count"))), "base"),
    Case("exercise-cell-made-raw", edit_cell(FIRST_SHOW, lambda x: (
        x.update(cell_type="raw"), x.pop("outputs"), x.pop("execution_count"))), "base"),
    Case("duplicated-test-cell", duplicate, "base", "1 added code cell(s)"),
    Case("split-test-cell", split, "base", "1 added code cell(s)"),
    Case("edited-read-only-cell", edit_cell("intro", lambda x: x.update(source="# my notes")), "base"),
    Case("edited-test-cell", edit_cell(FIRST_GRADE, lambda x: x.update(source="100.0")), "base"),
    Case("exception-in-exercise-cell",
         edit_cell(FIRST_SHOW, lambda x: x.update(source="raise RuntimeError('boom')")), "base"),
    Case("answers-missing", lambda f, c: (f / "answers.json").unlink(), "zero", "No saved answers"),
    Case("answers-empty", lambda f, c: (f / "answers.json").write_text(""), "zero", "was empty"),
    Case("answers-truncated", truncate, "zero", "could not be read"),
    Case("answers-not-json", lambda f, c: (f / "answers.json").write_text("my answers: a, b"), "zero",
         "could not be read"),
    Case("answers-not-utf8", not_utf8, "base", "not UTF-8"),
    Case("answers-100-mb", huge, "zero", "5 MB"),
    Case("answers-unknown-item-ids", unknown_ids, "base"),
    Case("answers-wrong-types", wrong_types, "custom"),
    Case("answers-is-a-folder", answers_folder, "zero", "answers.json"),
    Case("answers-symlink-to-source", symlink_to_source, "zero", "not an answers file"),
    Case("answers-4-mb-reply-floods-output", flood_reply, "custom"),
    Case("notebook-not-json", lambda f, c: (f / NB).write_text('{"cells": [oops'), "flag",
         "not a valid notebook (not valid JSON at line 1)"),
    Case("notebook-not-utf8", lambda f, c: (f / NB).write_bytes(b"\xff\xfe\x00garbage"), "flag",
         "is not UTF-8 text"),
    Case("notebook-renamed", rename, "flag", f"found {ASSIGNMENT}-Copy1.ipynb instead (renamed?)"),
    Case("extra-notebook", extra_notebook, "base"),
    Case("added-infinite-loop", add_code(hostile("while True:\n    pass")), "base",
         "1 added code cell(s)"),
    Case("added-exception", add_code(hostile("raise RuntimeError('boom')")), "base", "1 added code cell(s)"),
    Case("added-output-flood", add_code(hostile("for k in range(10**7):\n    print('x' * 100)")), "base",
         "1 added code cell(s)"),
    Case("added-reads-source-folder", add_code(hostile(
        f"print(open('../../../source/{ASSIGNMENT}/{NB}').read())")), "base", "1 added code cell(s)"),
    Case("added-writes-gradebook", add_code(hostile(
        "open('../../../gradebook.db', 'wb').write(b'gone')")), "base", "1 added code cell(s)"),
    Case("added-patches-the-grader", add_code(hostile(
        "import course_utils.grading as g\ng.grade_item = lambda spec, folder='.': spec['points']")),
        "base", "1 added code cell(s)"),
    Case("added-markdown-with-script", add_text("markdown", f"My notes ``` {PAYLOAD}"), "base",
         "1 added text cell(s) shown as plain text"),
    Case("added-raw-html-cell", add_text("raw", PAYLOAD, {"format": "text/html"}), "base",
         "1 added text cell(s) shown as plain text"),
    Case("added-forged-grade-cell", add_code(hostile("100"), {"nbgrader": {
        "grade": True, "grade_id": "bonus", "locked": True, "points": 100, "schema_version": 3,
        "solution": False, "task": False}}), "base", "1 added code cell(s)"),
]


# --- the batch --------------------------------------------------------------------------------
def totals(course: Path) -> dict[str, tuple[float, float, dict]]:
    """Per student: autograded points, maximum points, and every grade cell's auto score."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        out = {}
        for sub in gb.assignment_submissions(ASSIGNMENT):
            cells_ = {g.name: g.auto_score for nb in sub.notebooks for g in nb.grades}
            auto = sum(v for v in cells_.values() if v is not None)
            out[sub.student.id] = (round(auto, 2), sub.max_score, cells_)
        return out


@pytest.fixture(scope="module")
def batch(built_course, tmp_path_factory):
    """Ordinary learners graded alone, then again in one batch with every hostile case."""
    root = tmp_path_factory.mktemp("adversarial")
    alone = root / "alone"
    shutil.copytree(built_course, alone)
    learners = make_cohort(4, 5)
    subs = simulate_submissions(MODULE, alone / "release", alone / "submitted", learners, 5)
    base = min(subs, key=lambda s: abs(sum(s.expected[i.id] for i in GRADED) - 0.5 * sum(
        i.points for i in GRADED)))
    template = root / "template"
    shutil.move(alone / "submitted" / base.learner.student_id / ASSIGNMENT, template)
    shutil.rmtree(alone / "submitted" / base.learner.student_id)
    course = root / "batch"
    shutil.copytree(alone, course)
    assert main(["--course", str(alone), "autograde", ASSIGNMENT, "--jobs", "2"]) == 0
    for case in CASES:
        folder = course / "submitted" / case.name / ASSIGNMENT
        shutil.copytree(template, folder, symlinks=True)
        case.make(folder, course)
    (course / "submitted" / "base" / ASSIGNMENT).parent.mkdir()
    shutil.copytree(template, course / "submitted" / "base" / ASSIGNMENT)
    import io
    from contextlib import redirect_stdout
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["--course", str(course), "autograde", ASSIGNMENT, "--jobs", "2"])
    return {"alone": totals(alone), "batch": totals(course), "code": code, "course": course,
            "summary": out.getvalue(), "base": base, "ordinary": [s.learner.student_id for s in subs
                                                                 if s is not base]}


def expected_total(case: Case, base) -> float:
    base_total = sum(base.expected[i.id] for i in GRADED)
    if case.expect == "base":
        return round(base_total, 2)
    if case.expect == "zero":
        return 0.0
    if case.name == "answers-wrong-types":
        return round(base_total - sum(base.expected[i.id] for i in (BEST, SELECT, RANK)), 2)
    if case.name == "answers-4-mb-reply-floods-output":
        reply = score_item(WRITTEN, FLOOD_REPLY[:MAX_REPLY_CHARS]).earned
        return round(base_total - base.expected[WRITTEN.id] + reply, 2)
    raise AssertionError(case.name)


def summary_line(batch, student: str) -> str:
    return next(line for line in batch["summary"].splitlines() if line.startswith(f"{student} "))


class TestAdversarialBatch:
    def test_the_batch_completes_and_flags_only_the_ungradable(self, batch):
        flagged = {c.name for c in CASES if c.expect == "flag"}
        assert batch["code"] == 1  # some flagged
        graded = len(CASES) + 1 + len(batch["ordinary"]) - len(flagged)  # cases, base, ordinary
        assert f"{graded} graded, {len(flagged)} flagged" in batch["summary"]

    @pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
    def test_each_case_gets_the_stated_outcome(self, batch, case):
        line = summary_line(batch, case.name)
        if case.expect == "flag":
            assert "FLAGGED" in line and case.says in line, line
            assert case.name not in batch["batch"]  # nothing half-graded
            return
        earned, maximum, _ = batch["batch"][case.name]
        assert maximum == batch["batch"]["base"][1], "the maximum score must not change"
        assert earned == expected_total(case, batch["base"]), line
        assert case.says in line, line

    def test_base_submission_gets_its_simulated_score(self, batch):
        assert batch["batch"]["base"][0] == round(sum(batch["base"].expected[i.id] for i in GRADED), 2)

    def test_ordinary_learners_grades_do_not_change(self, batch):
        for student in batch["ordinary"]:
            assert batch["batch"][student] == batch["alone"][student]

    def test_no_hostile_code_ran(self, batch):
        course = batch["course"]
        assert not (course / MARKER).exists()
        assert (course / "gradebook.db").read_bytes()[:15] == b"SQLite format 3"

    def test_added_code_is_kept_for_graders_with_no_output(self, batch):
        path = batch["course"] / "autograded" / "added-reads-source-folder" / ASSIGNMENT / NB
        nb = json.loads(path.read_text())
        added = [c for c in nb["cells"] if "[not run by the autograder]" in "".join(c["source"])]
        assert len(added) == 1 and added[0]["outputs"] == []
        assert f"source/{ASSIGNMENT}/{NB}" in "".join(added[0]["source"])  # the code, as a comment
        outputs = json.dumps([c.get("outputs", []) for c in nb["cells"]])
        assert "BEGIN HIDDEN TESTS" not in outputs

    def test_graded_copies_are_not_readable_by_others(self, batch):
        files = [p for p in (batch["course"] / "autograded" / "base" / ASSIGNMENT).iterdir() if p.is_file()]
        assert {"answers.json", NB} <= {p.name for p in files}
        assert all(p.stat().st_mode & 0o007 == 0 for p in files), "learner text must not be world-readable"

    @pytest.mark.parametrize("name", ["added-markdown-with-script", "added-raw-html-cell"])
    def test_added_html_reaches_graders_as_text_not_markup(self, batch, name):
        """Formgrader and feedback render the autograded notebook with nbconvert's HTML exporter."""
        from nbconvert import HTMLExporter

        path = batch["course"] / "autograded" / name / ASSIGNMENT / NB
        html, _ = HTMLExporter().from_filename(str(path))
        assert "window.pwned=1</script>" not in html and "<img src=x onerror" not in html
        assert "window.pwned=1&lt;/script&gt;" in html  # still there for the grader to read

    def test_flooding_reply_is_shown_shortened(self, batch):
        path = batch["course"] / "autograded" / "answers-4-mb-reply-floods-output" / ASSIGNMENT / NB
        assert path.stat().st_size < 1024 * 1024
        assert "more characters not shown" in path.read_text()

    def test_outcome_table_is_written_for_the_record(self, batch):
        """tests/artifacts/adversarial.md: case, expected outcome, observed summary line."""
        rows = ["| Case | Expected | Observed (`cpsw autograde` summary) |", "|---|---|---|"]
        for case in CASES:
            if case.expect == "flag":
                expected = f"flagged: {case.says}"
            else:
                expected = f"{expected_total(case, batch['base']):g} auto points"
                expected += f"; note: {case.says}" if case.says else ""
            observed = summary_line(batch, case.name)[len(case.name):].strip()
            rows.append(f"| {case.name} | {expected} | {observed.replace('|', '/')} |")
        out = Path(__file__).parent / "artifacts" / "adversarial.md"
        out.parent.mkdir(exist_ok=True)
        out.write_text("\n".join(rows) + "\n", encoding="utf-8")
        assert len(rows) == len(CASES) + 2
