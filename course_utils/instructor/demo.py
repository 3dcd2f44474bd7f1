"""`make demo`: build, simulate a cohort, autograde, feedback and export, on local folders."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from course_utils.assign.build import build
from course_utils.assign.nbgrader_run import run_nbgrader
from course_utils.autograde.parallel_autograde import autograde_all
from course_utils.core.folders import folder
from course_utils.instructor.cohort_report import write_reports
from course_utils.instructor.simulate import SimulatedSubmission, make_cohort, simulate_submissions

DEMO_DIR = "demo-output"


@dataclass(frozen=True)
class DemoResult:
    """Where the demo course is, and every gradebook score that differs from the simulation."""

    course: Path
    mismatches: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether every auto-graded score equals the simulated learner's expected score."""
        return not self.mismatches


def prepare_course(repo: Path, target: Path) -> Path:
    """A fresh course folder holding the repo's content and nbgrader configuration."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copytree(repo / "content", target / "content")
    shutil.copy(repo / "nbgrader_config.py", target / "nbgrader_config.py")
    return target


def check_gradebook(course: Path, assignment: str,
                    submissions: list[SimulatedSubmission]) -> list[str]:
    """Compare every auto-graded score in the gradebook with the simulated expectation."""
    from nbgrader.api import Gradebook

    from course_utils.autograde.gradebook import db_url

    mismatches = []
    with Gradebook(db_url(course)) as gb:
        for sub in submissions:
            for item_id, expected in sub.expected.items():
                grade = gb.find_grade(f"{item_id}-grade", assignment, assignment,
                                      sub.learner.student_id)
                if grade.score != expected:
                    mismatches.append(f"{sub.learner.student_id} {assignment} {item_id}: "
                                      f"gradebook {grade.score}, expected {expected}")
    return mismatches


def _silent(_message: str) -> None:
    """A log that says nothing."""


def run_demo(repo: Path, learners: int = 25, seed: int = 7,
             log: Callable[[str], None] = _silent) -> DemoResult:
    """Run the whole course cycle on a simulated cohort, telling log each step and where each result is."""
    repo = Path(repo).resolve()
    # Simulated learners belong in the demo's own SQLite gradebook, never in a server database.
    os.environ.pop("CPSW_DB_URL", None)
    course = prepare_course(repo, repo / DEMO_DIR)
    log(f"1. Building the course in {course} (content -> source -> release)")
    modules = build(course, log=lambda msg: log(f"   {msg}"))
    cohort = make_cohort(learners, seed)
    log(f"2. Simulating {learners} learners answering {len(modules)} assignments through "
        "the widgets")
    subs = {m.assignment: simulate_submissions(m, folder(course, "release"), folder(course, "submitted"),
                                               cohort, seed + m.number) for m in modules}
    log(f"3. cpsw autograde: nbgrader autograde in parallel, one worker per core "
        f"({learners * len(modules)} notebooks; this is the slow part)")
    started = time.perf_counter()
    mismatches: list[str] = []
    for module in modules:
        outcomes = autograde_all(course, module.assignment)
        flagged = [o for o in outcomes if not o.ok]
        mismatches += [f"{o.student} {module.assignment}: flagged: {o.reason}" for o in flagged]
        mismatches += check_gradebook(course, module.assignment, subs[module.assignment])
        log(f"   {module.assignment}: {len(outcomes) - len(flagged)} graded, "
            f"{len(flagged)} flagged")
    per_notebook = (time.perf_counter() - started) / (learners * len(modules))
    log("4. nbgrader generate_feedback")
    for module in modules:
        run_nbgrader(["generate_feedback", module.assignment, "--force"], course)
    log("5. nbgrader export")
    grades_csv = course / "grades.csv"
    run_nbgrader(["export", "--to", str(grades_csv)], course)
    totals = [sum(sum(subs[m.assignment][n].expected.values()) for m in modules)
              for n in range(learners)]
    auto_max = sum(i.points for m in modules for i in m.items if i.auto_graded)
    plot = course / "scores.png"
    _save_plot(totals, auto_max, plot)
    log("6. cpsw report: item analysis per assignment, one index page across them")
    report_index, _ = write_reports(course, list(modules), course / "reports")
    manual = sum(1 for m in modules for i in m.items if i.hand_graded)
    checked = sum(len(s.expected) for group in subs.values() for s in group)
    log("")
    log(f"Autograde: {per_notebook:.2f} s per notebook (cpsw autograde, "
        f"{os.cpu_count()} core(s)).")
    log(f"Auto-graded totals: min {min(totals):g}, max {max(totals):g} of {auto_max:g}.")
    if mismatches:
        log(f"MISMATCH between gradebook and simulated answers ({len(mismatches)}):")
        for line in mismatches:
            log(f"  {line}")
        return DemoResult(course, tuple(mismatches))
    log(f"Every auto-graded score equals the simulated learner's expected score "
        f"({checked} grades checked).")
    log(f"{manual} item(s) per learner (reflections, observer checklists) await hand-grading "
        "in formgrader "
        f"(cd {course} && jupyter lab, then Nbgrader > Formgrader).")
    log("")
    log("Where things are:")
    for label, path in [
        ("Learner versions (release)", folder(course, "release")),
        ("Submissions with answers.json", folder(course, "submitted")),
        ("Autograded notebooks", folder(course, "autograded")),
        ("Feedback HTML per learner", folder(course, "feedback")),
        ("Gradebook (SQLite)", course / "gradebook.db"),
        ("Grades CSV", grades_csv),
        ("Score histogram", plot),
        ("Cohort reports (start at index)", report_index),
    ]:
        log(f"  {label:32} {path}")
    return DemoResult(course)


def _save_plot(totals: list[float], max_score: float, path: Path) -> None:
    import matplotlib.pyplot as plt

    from course_utils.learner.plots import score_histogram

    ax = score_histogram(totals, max_score)
    ax.figure.tight_layout()
    ax.figure.savefig(path, dpi=120)
    plt.close(ax.figure)  # the demo runs in-process in tests: leave no figure open
