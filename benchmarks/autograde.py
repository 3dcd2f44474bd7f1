"""Benchmark: plain sequential `nbgrader autograde` against `cpsw autograde --jobs <cores>`.

Run: .venv/bin/python benchmarks/autograde.py --learners 30
Both runs grade identical copies of one simulated cohort in this one process's machine, one
after the other; the script checks that the two gradebooks agree exactly, then prints the
throughput ratio, seconds per notebook for each, and the floor: a bare kernel start, one cell
and shutdown through nbclient.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "being_present"


def grades(course: Path) -> dict:
    """Every grade of the assignment, keyed by student and grade cell."""
    from nbgrader.api import Gradebook

    from course_utils.autograde.gradebook import db_url

    with Gradebook(db_url(course)) as gb:
        return {(s.student.id, g.name): (g.auto_score, g.needs_manual_grade)
                for s in gb.assignment_submissions(ASSIGNMENT)
                for nb in s.notebooks for g in nb.grades}


def kernel_floor(repeats: int = 3) -> float:
    """Median seconds for a bare kernel start, one cell and shutdown."""
    import nbformat
    from nbclient import NotebookClient

    times = []
    for _ in range(repeats):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
        started = time.perf_counter()
        NotebookClient(nb, kernel_name="python3").execute()
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


def main() -> None:
    """Build, simulate, grade twice, compare, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    # Two courses are compared, so each needs its own gradebook: never a shared server database.
    os.environ.pop("CPSW_DB_URL", None)
    from course_utils.assign.build import build
    from course_utils.assign.nbgrader_run import run_nbgrader
    from course_utils.autograde.parallel_autograde import autograde_all
    from course_utils.instructor.simulate import make_cohort, simulate_submissions

    root = Path(tempfile.mkdtemp(prefix="cpsw-bench-"))
    base = root / "sequential"
    base.mkdir()
    shutil.copytree(REPO / "content", base / "content")
    shutil.copy(REPO / "nbgrader_config.py", base / "nbgrader_config.py")
    module = next(m for m in build(base, log=lambda _m: None) if m.assignment == ASSIGNMENT)
    simulate_submissions(module, base / "release", base / "submitted",
                         make_cohort(args.learners, 5), 5)
    parallel = root / "parallel"
    shutil.copytree(base, parallel)

    started = time.perf_counter()
    run_nbgrader(["autograde", ASSIGNMENT], base)
    sequential_s = time.perf_counter() - started
    started = time.perf_counter()
    outcomes = autograde_all(parallel, ASSIGNMENT, jobs=args.jobs)
    parallel_s = time.perf_counter() - started
    agree = grades(base) == grades(parallel) and all(o.ok for o in outcomes)
    floor = kernel_floor()
    n = args.learners
    print(f"learners: {n}, jobs: {args.jobs}, cores: {os.cpu_count()}")
    print(f"sequential nbgrader autograde: {sequential_s:7.1f} s "
          f"({sequential_s / n:.2f} s per notebook)")
    print(f"cpsw autograde --jobs {args.jobs}:       {parallel_s:7.1f} s "
          f"({parallel_s / n:.2f} s per notebook)")
    print(f"throughput ratio (parallel / sequential): {sequential_s / parallel_s:.2f}x")
    print(f"floor: bare kernel start + one cell + shutdown: {floor:.2f} s")
    print(f"gradebooks agree exactly: {'yes' if agree else 'NO'}")
    shutil.rmtree(root, ignore_errors=True)
    if not agree:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
