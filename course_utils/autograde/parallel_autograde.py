"""Autograde every submission of an assignment in parallel, through nbgrader itself.

Each worker process drives nbgrader's own API (``NbGraderAPI.autograde``) for one student at
a time, against the course's one gradebook (course_utils/autograde/gradebook.py: SQLite opened with a busy
timeout so writers wait for each other instead of failing, or the PostgreSQL server named by
CPSW_DB_URL). Finished students are recorded in a state file after each success, so an
interrupted run resumes where it stopped and re-grades only what was unfinished.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course_utils.autograde.gradebook import SQLITE_TIMEOUT_SECONDS, worker_db_url
from course_utils.core.atomic import write_atomic
from course_utils.core.folders import folder

STATE_DIR = ".cpsw"
_API: Any = None  # the worker's NbGraderAPI
TRIES = 2  # nbgrader runs per submission before it is flagged


@dataclass(frozen=True)
class Outcome:
    """What happened to one submission: graded, or flagged with the reason."""

    student: str
    ok: bool
    seconds: float
    reason: str = ""
    notes: tuple[str, ...] = ()


def submitted_students(course: Path, assignment: str) -> list[str]:
    """The students with a submission of this assignment in submitted/."""
    return sorted(p.parent.name for p in folder(course, "submitted").glob(f"*/{assignment}")
                  if p.is_dir())


def state_path(course: Path, assignment: str) -> Path:
    """Where the list of students already autograded by this tool is kept."""
    return course / STATE_DIR / f"autograde-{assignment}.json"


def load_done(course: Path, assignment: str) -> set[str]:
    """Students recorded as done by an earlier (possibly interrupted) run."""
    try:
        return set(json.loads(state_path(course, assignment).read_text())["done"])
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def forget_done(course: Path, assignment: str, students: list[str] | None = None) -> None:
    """Forget that these students (default: all) were autograded, so the next run grades them."""
    done = load_done(course, assignment)
    if done:
        _save_done(course, assignment, set() if students is None else done - set(students))


def _save_done(course: Path, assignment: str, done: set[str]) -> None:
    path = state_path(course, assignment)
    path.parent.mkdir(exist_ok=True)
    write_atomic(path, json.dumps({"done": sorted(done)}))


def _init_worker(course: str) -> None:
    global _API
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    os.chdir(course)
    # The worker's and its kernels' log noise goes to a file, not over the progress bar.
    logs = Path(course) / STATE_DIR
    logs.mkdir(exist_ok=True)
    log = open(logs / f"worker-{os.getpid()}.log", "w")  # noqa: SIM115 (open for the worker's life)
    os.dup2(log.fileno(), 2)
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    config = PyFileConfigLoader("nbgrader_config.py", path=course).load_config()
    config.CourseDirectory.root = course
    config.CourseDirectory.db_url = worker_db_url(Path(course))
    _API = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def _grade(task: tuple[str, str]) -> Outcome:
    from course_utils.autograde.submission_check import notes_after_grading, problem_before_grading

    assignment, student = task
    started = time.perf_counter()
    course = Path.cwd()
    problem = problem_before_grading(course, assignment, student)
    if problem:
        return Outcome(student, False, time.perf_counter() - started, problem)
    reason = ""
    for _attempt in range(TRIES):  # a kernel that dies at start or a gradebook hiccup is retried
        try:
            result = _API.autograde(assignment, student, force=True, create=True)
        except Exception as err:  # a crash in one submission must not stop the batch
            reason = f"{type(err).__name__}: {err}"
            continue
        if result.get("success"):
            break
        reason = _reason(result)
    else:
        return Outcome(student, False, time.perf_counter() - started, f"{reason} (tried {TRIES} times)")
    notes = tuple(notes_after_grading(course, assignment, student))
    return Outcome(student, True, time.perf_counter() - started, "", notes)


LOCKED = (f"the gradebook stayed locked for over {SQLITE_TIMEOUT_SECONDS} s: another program was "
          "writing to it (formgrader saving, a backup tool, a second autograde); when it is done, run "
          "cpsw autograde again to grade what is left")


def _reason(result: dict) -> str:
    """The most telling line of nbgrader's error output: the last exception raised, if any.

    nbgrader's own "Please see the above traceback" is passed over for the error it points to,
    in the traceback or in the log's ERROR lines.
    """
    text = "\n".join(str(result.get(k) or "") for k in ("log", "error")).strip() \
        or "nbgrader reported a failure"
    if "database is locked" in text:  # nbgrader then suggests `nbgrader db upgrade`: not the cause
        return LOCKED
    lines = [re.sub(r"^\[[^]]*\|\s*(?:ERROR|CRITICAL)\]\s*", "", line.strip())
             for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if re.match(r"^[\w.]*(Error|Exception|Interrupt)\b", line)
              and "Please see the" not in line]
    chosen = errors[-1] if errors else (lines[-1] if lines else "nbgrader reported a failure")
    return chosen[:300]


def autograde_all(course: Path, assignment: str, jobs: int = 0,
                  students: list[str] | None = None,
                  progress: Callable[[int, int, float], None] | None = None) -> list[Outcome]:
    """Autograde the submissions not yet done, `jobs` at a time; return one outcome each."""
    course = Path(course).resolve()
    wanted = students if students is not None else submitted_students(course, assignment)
    done = load_done(course, assignment)
    todo = [s for s in wanted if s not in done]
    outcomes: list[Outcome] = []
    if not todo:
        return outcomes
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    started = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(str(course),)) as pool:
        try:
            for outcome in pool.imap_unordered(_grade, [(assignment, s) for s in todo]):
                outcomes.append(outcome)
                if outcome.ok:
                    done.add(outcome.student)
                    _save_done(course, assignment, done)
                if progress:
                    progress(len(outcomes), len(todo), time.perf_counter() - started)
        except KeyboardInterrupt:
            pool.terminate()
            raise
    return outcomes


def progress_bar(stream=sys.stderr) -> Callable[[int, int, float], None]:
    """A progress reporter: a bar with time left on a terminal, a line per 10% otherwise."""
    last = [-1]

    def report(finished: int, total: int, elapsed: float) -> None:
        left = elapsed / finished * (total - finished)
        text = (f"{finished}/{total} submissions, {elapsed:.0f} s elapsed, "
                f"about {left:.0f} s left")
        if stream.isatty():
            filled = int(30 * finished / total)
            stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {text}   ")
            if finished == total:
                stream.write("\n")
        elif finished * 10 // total != last[0] or finished == total:
            last[0] = finished * 10 // total
            stream.write(text + "\n")
        stream.flush()

    return report
