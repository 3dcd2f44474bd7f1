"""The optional autograde sandbox: learner code sees only its own submission, under limits.

The course's own defence (added code cells are commented out, not run) is switched off here, so
the hostile cells really run: once in plain nbgrader, where they succeed (the test can fail),
and once with `cpsw autograde --sandbox`, where each is refused or stopped.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import ASSIGNMENT

from course_utils.cli import main
from course_utils.content.loader import load_module
from course_utils.instructor.simulate import make_cohort, simulate_submissions
from course_utils.preprocessors.sandbox import check_available, sandbox_argv

NB = f"{ASSIGNMENT}.ipynb"
# Each attempt prints its marker only if it succeeded.
ATTEMPTS = {
    "read-gradebook": "print('LEAK-GRADEBOOK', len(open('../../../gradebook.db', 'rb').read()))",
    "read-source": f"print('LEAK-SOURCE', open('../../../source/{ASSIGNMENT}/{NB}').read()[:40])",
    "read-other-learner": "import glob\n"
                          "found = glob.glob('../../../submitted/*/*/answers.json')\n"
                          "if found:\n    print('LEAK-OTHER', found)\n"
                          "print('LEAK-OTHER', open('../../../submitted/learner-001/"
                          f"{ASSIGNMENT}/answers.json').read()[:40])",
    "write-gradebook": "open('../../../gradebook.db', 'wb').write(b'gone'); print('LEAK-WROTE')",
    "memory": "block = bytearray(3 * 1024 ** 3); print('LEAK-MEMORY', len(block))",
    "env": "import os\nseen = [k for k in ('GRADER_DB_URL', 'HUB_API_TOKEN') if k in os.environ]\n"
           "print('LEAK-ENV' if seen else 'ENV-CLEAN', seen)",
    "loop": "import time\nwhile True:\n    time.sleep(0.1)",
    "after-loop": "print('STILL-RUNNING')",
}


class TestSandboxArgv:
    def test_hidden_then_readonly_then_the_submission_writable(self, tmp_path):
        work = tmp_path / "course" / "autograded" / "s" / "a"
        work.mkdir(parents=True)
        argv = sandbox_argv(["python", "-m", "ipykernel_launcher"], work, [tmp_path / "course"],
                            [tmp_path], 512)
        tmpfs = argv.index("--tmpfs")
        ro = argv.index("--ro-bind", 2)  # after the root's read-only bind
        rw = argv.index("--bind")
        assert tmpfs < ro < rw and argv[rw + 1] == str(work.resolve())
        assert f"--as={512 * 1024 * 1024}" in argv
        assert argv[-3:] == ["python", "-m", "ipykernel_launcher"]

    def test_missing_readonly_paths_are_skipped(self, tmp_path):
        argv = sandbox_argv(["k"], tmp_path, [], [tmp_path / "nope"], 1)
        assert str(tmp_path / "nope") not in argv


@pytest.fixture(scope="module")
def hostile_courses(built_course, tmp_path_factory):
    """A course with one ordinary learner and one whose notebook holds the hostile cells."""
    check_available()
    root = tmp_path_factory.mktemp("sandbox")
    course = root / "plain"
    shutil.copytree(built_course, course)
    with (course / "nbgrader_config.py").open("a") as handle:
        handle.write("\nc.StripAddedCode.enabled = False  # test: let added code run\n")
    module = load_module(course / "content" / ASSIGNMENT)
    subs = simulate_submissions(module, course / "release", course / "submitted", make_cohort(2, 3), 3)
    sandboxed = root / "sandboxed"
    shutil.copytree(course, sandboxed)
    add_cells(course, ["read-source", "read-other-learner", "env"])  # plain: the harmless ones
    add_cells(sandboxed, list(ATTEMPTS))
    expected = {s.learner.student_id: round(sum(s.expected.values()), 2) for s in subs}
    return course, sandboxed, expected


def add_cells(course: Path, names: list[str]) -> None:
    folder = course / "submitted" / "learner-002" / ASSIGNMENT
    nb = json.loads((folder / NB).read_text())
    for n, name in enumerate(names):
        nb["cells"].insert(3 + n, {"cell_type": "code", "id": f"hostile-{name}", "metadata": {},
                                   "execution_count": None, "outputs": [], "source": ATTEMPTS[name]})
    (folder / NB).write_text(json.dumps(nb))


def printed_text(course: Path, student: str) -> str:
    """What the notebook's cells printed (not the tracebacks, which quote the code)."""
    nb = json.loads((course / "autograded" / student / ASSIGNMENT / NB).read_text())
    return "".join("".join(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", [])
                   if o.get("output_type") == "stream")


def outputs(course: Path, student: str) -> dict[str, str]:
    nb = json.loads((course / "autograded" / student / ASSIGNMENT / NB).read_text())
    return {c["id"]: json.dumps(c.get("outputs", [])) for c in nb["cells"]}


def auto_total(course: Path, student: str) -> float:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        sub = gb.find_submission(ASSIGNMENT, student)
        return round(sum(g.auto_score or 0 for nb in sub.notebooks for g in nb.grades), 2)


@pytest.mark.slow
class TestSandboxedAutograde:
    def test_plain_nbgrader_lets_hostile_code_read_the_source(self, hostile_courses, monkeypatch):
        """Without the sandbox the attack works: this is what the sandbox must stop."""
        plain, _, _ = hostile_courses
        monkeypatch.setenv("GRADER_DB_URL", "postgresql://grader:secret@db/x")
        monkeypatch.setenv("HUB_API_TOKEN", "secret")
        only = ["--student", "learner-002"]
        main(["--course", str(plain), "autograde", ASSIGNMENT, "--jobs", "1", *only])
        out = outputs(plain, "learner-002")
        assert "LEAK-SOURCE" in out["hostile-read-source"]
        assert "LEAK-OTHER" in out["hostile-read-other-learner"]
        assert "LEAK-SOURCE" in printed_text(plain, "learner-002")
        assert "ENV-CLEAN" in printed_text(plain, "learner-002"), "credentials never reach kernels"

    def test_sandbox_refuses_every_attempt_and_still_grades(self, hostile_courses, monkeypatch):
        _, course, expected = hostile_courses
        monkeypatch.setenv("CPSW_SANDBOX_TIMEOUT", "5")
        monkeypatch.setenv("CPSW_SANDBOX_MEMORY_MB", "2048")
        monkeypatch.setenv("GRADER_DB_URL", "postgresql://grader:secret@db/x")
        monkeypatch.setenv("HUB_API_TOKEN", "secret")
        assert main(["--course", str(course), "autograde", ASSIGNMENT, "--jobs", "2", "--sandbox"]) == 0
        out = outputs(course, "learner-002")
        printed = printed_text(course, "learner-002")
        assert "LEAK-" not in printed and "STILL-RUNNING" in printed and "ENV-CLEAN" in printed
        assert "FileNotFoundError" in out["hostile-read-gradebook"]
        assert "FileNotFoundError" in out["hostile-read-source"]
        assert "FileNotFoundError" in out["hostile-read-other-learner"]
        assert "Read-only file system" in out["hostile-write-gradebook"]
        assert "MemoryError" in out["hostile-memory"]
        assert "CellTimeoutError" in out["hostile-loop"] or "KeyboardInterrupt" in out["hostile-loop"]
        assert "STILL-RUNNING" in out["hostile-after-loop"]
        assert (course / "gradebook.db").read_bytes()[:15] == b"SQLite format 3"
        assert not (course / "autograded" / "learner-002" / ASSIGNMENT / "gone").exists()
        for student, total in expected.items():
            assert auto_total(course, student) == total
