"""A whole course on one machine: a local nbgrader exchange, a learner's home and configuration.

`cpsw lab` releases every assignment to the exchange, gives the learner a configuration of their
own (learner/learner_settings.py) and fetches Start here for them, so the first page they see is
Start here; `cpsw collect` then collects what they submitted, as an instructor would on a hub.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from course_utils.assign.guide_notebooks import GUIDE_ASSIGNMENT
from course_utils.assign.nbgrader_run import run_nbgrader
from course_utils.core.folders import folder
from course_utils.learner.exchange import fetch
from course_utils.learner.learner_settings import write_learner_config

COURSE_ID = "being-present"


@dataclass(frozen=True)
class LocalCourse:
    """Where a one-machine course keeps its exchange, the learner's home and their configuration."""

    root: Path

    @property
    def exchange(self) -> Path:
        """The nbgrader exchange folder (outbound releases, inbound submissions)."""
        return self.root / "exchange"

    @property
    def home(self) -> Path:
        """The learner's home folder: what their JupyterLab shows."""
        return self.root / "home"

    @property
    def config(self) -> Path:
        """The learner's Jupyter configuration folder (their JUPYTER_CONFIG_DIR)."""
        return self.root / "config"

    def learner_env(self) -> dict[str, str]:
        """The environment a learner's server and kernels run with."""
        return dict(os.environ, JUPYTER_CONFIG_DIR=str(self.config))


def released_assignments(course_dir: Path) -> list[str]:
    """The assignments nbgrader has generated into release/, Start here first."""
    release = folder(course_dir, "release")
    names = sorted(p.name for p in release.iterdir() if p.is_dir() and not p.name.startswith("."))
    return sorted(names, key=lambda name: name != GUIDE_ASSIGNMENT)


def prepare(course_dir: Path, root: Path) -> LocalCourse:
    """Release every assignment to a local exchange and set up the learner; safe to run again."""
    local = LocalCourse(Path(root).resolve())
    local.exchange.mkdir(parents=True, exist_ok=True)
    local.home.mkdir(parents=True, exist_ok=True)
    for assignment in released_assignments(course_dir):
        run_nbgrader(["release_assignment", assignment, "--force",
                      f"--Exchange.root={local.exchange}"], course_dir)
    write_learner_config(local.config, course_id=COURSE_ID, exchange_root=local.exchange,
                         cache=local.root / "cache")
    if not (local.home / GUIDE_ASSIGNMENT).exists():
        result = fetch(GUIDE_ASSIGNMENT, local.home, env=local.learner_env())
        if not result.ok:
            raise RuntimeError(result.message)
    return local


def collect(course_dir: Path, exchange: Path) -> list[str]:
    """Collect every assignment's submissions from the exchange into submitted/; one line each."""
    lines = []
    for assignment in released_assignments(course_dir):
        log = run_nbgrader(["collect", assignment, "--update", f"--Exchange.root={Path(exchange).resolve()}"],
                           course_dir)
        count = log.count("Collecting submission") + log.count("Updating submission")
        lines.append(f"{assignment}: {count} submission(s) collected")
    return lines

