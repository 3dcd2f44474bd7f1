"""`make demo` on a small simulated cohort, through real nbgrader commands."""

from __future__ import annotations

import csv
import shutil

import pytest
from helpers import REPO

from course_utils.instructor.demo import run_demo
from course_utils.instructor.simulate import make_cohort, p_correct

pytestmark = pytest.mark.slow


class TestRunDemo:
    def test_cohort_scores_match_and_every_result_exists(self, tmp_path, capsys):
        repo = tmp_path / "repo"
        repo.mkdir()
        shutil.copytree(REPO / "content", repo / "content")
        shutil.copy(REPO / "nbgrader_config.py", repo / "nbgrader_config.py")
        said: list[str] = []
        result = run_demo(repo, learners=4, seed=3, log=said.append)
        assert "Every auto-graded score equals the simulated learner's expected score" in "\n".join(said)
        assert result.ok and result.course == repo.resolve() / "demo-output"
        assert capsys.readouterr().out == "", "the library logs through the callback, never prints"
        course = repo / "demo-output"
        rows = list(csv.DictReader((course / "grades.csv").open()))
        assignments = {r["assignment"] for r in rows}
        assert len(assignments) == 10 and len(rows) == 4 * 10  # 9 modules and start_here
        first = [r for r in rows if r["assignment"] == "being_present"]
        assert len({r["raw_score"] for r in first}) > 1, "abilities vary, so scores differ"
        assert len(list((course / "feedback").glob("*/being_present/being_present.html"))) == 4
        assert (course / "scores.png").stat().st_size > 1000
        import matplotlib.pyplot as plt

        assert plt.get_fignums() == [], "the demo leaves no figure open"
        assert len(list((course / "reports").glob("*/index.html"))) == 9
        index = (course / "reports" / "index.html").read_text(encoding="utf-8")
        assert index.count('href="') >= 9, "the index links every module's report"


class TestSimulation:
    def test_abilities_vary_and_probability_rises_with_ability(self):
        abilities = [learner.ability for learner in make_cohort(30, seed=1)]
        assert max(abilities) - min(abilities) > 1.5
        assert p_correct(1.0, 1.2, 0.0) > p_correct(-1.0, 1.2, 0.0)
