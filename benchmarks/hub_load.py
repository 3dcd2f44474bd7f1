"""Benchmark: a whole cohort at once on one hub, against one learner alone on the same machine.

Runs the load test (tests/test_load.py, real JupyterHub, real servers and kernels) twice, side by
side in one run: once with one learner (the baseline), once with the cohort. Prints each figure
for both and the ratio cohort / alone. Needs root, like the hub tests.

Run: sudo .venv/bin/python benchmarks/hub_load.py [--learners 30]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTIFACT = REPO / "tests" / "artifacts" / "load.json"
TIMES = ("answer save p50 ms", "answer save p95 ms", "hub API call p50 ms", "hub API call p95 ms",
         "all servers ready s", "first spawn to last submission s", "collect and autograde s")


def one_run(learners: int) -> dict:
    """The load test with this many learners; its figures."""
    env = {**os.environ, "CPSW_LOAD_LEARNERS": str(learners),
           "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "load",
                           str(REPO / "tests" / "test_load.py")], cwd=REPO, env=env)
    if done.returncode != 0:
        sys.exit(f"the load test with {learners} learner(s) failed; see its output above")
    return json.loads(ARTIFACT.read_text())


def main() -> int:
    """Run both, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30)
    args = parser.parse_args()
    alone, cohort = one_run(1), one_run(args.learners)
    print(f"\nOne hub, {cohort['machine']}: 1 learner alone vs {args.learners} at once\n")
    print(f"{'figure':40} {'alone':>10} {'cohort':>10} {'ratio':>8}")
    for name in TIMES:
        ratio = cohort[name] / alone[name] if alone[name] else float("nan")
        print(f"{name:40} {alone[name]:>10} {cohort[name]:>10} {ratio:>7.2f}x")
    for name in ("answers given", "answers lost", "learner errors", "hub API errors",
                 "peak memory per learner MiB (median, max)", "idle servers culled within s"):
        print(f"{name:40} {alone[name]!s:>10} {cohort[name]!s:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
