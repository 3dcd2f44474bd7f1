"""My progress: practice results from saved answers, and the notebook that plots them."""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest
from helpers import REPO, run_notebook

from course_utils.content.loader import load_module
from course_utils.core.storage import AnswerStore
from course_utils.learner.progress import mean_by, practice_results


@pytest.fixture
def home(tmp_path):
    """A learner's home: the release folders, with some practice answers saved."""
    for name in ("being_present", "active_listening", "start_here"):
        shutil.copytree(REPO / "release" / name, tmp_path / name)
    module = load_module(REPO / "content" / "being_present")
    AnswerStore(tmp_path / "being_present").set("bp-first-words", module.item("bp-first-words").key)
    cues = module.item("bp-notice-cues-respite")
    AnswerStore(tmp_path / "being_present").set(cues.id, [cues.key[0]])  # 1 right pick of the key
    AnswerStore(tmp_path / "being_present").set("bp-validate-feeling", "d")  # graded: left out
    return tmp_path


class TestPracticeResults:
    def test_scores_only_answered_practice_items(self, home):
        results, totals = practice_results(home)
        scores = {r.item_id: r.fraction for r in results}
        cues = load_module(REPO / "content" / "being_present").item("bp-notice-cues-respite")
        assert scores == {"bp-first-words": 1.0,
                          "bp-notice-cues-respite": pytest.approx(1 / len(cues.key), abs=0.01)}
        assert set(totals) == {"Being present with someone in distress", "Active listening"}

    def test_mean_by_competency_counts_each_tag(self, home):
        results, _ = practice_results(home)
        by_comp = mean_by(results, "competency")
        assert all(0 <= v <= 100 for v in by_comp.values()) and by_comp


@pytest.mark.slow
class TestMyProgressNotebook:
    def test_runs_and_plots_from_saved_answers(self, home):
        path = home / "start_here" / "my_progress.ipynb"
        outputs = run_notebook(path, timeout=120)
        assert not [o for o in outputs if o.output_type == "error"]
        assert sum("image/png" in o.get("data", {}) for o in outputs) == 2
        assert any("<td>2 of 5</td>" in o.get("data", {}).get("text/html", "") for o in outputs)


class TestStartHere:
    def test_every_module_link_points_to_a_released_notebook(self):
        nb = nbformat.read(REPO / "release" / "start_here" / "start_here.ipynb", as_version=4)
        text = "\n".join(c.source for c in nb.cells)
        links = re.findall(r"\]\((\.\./[^)]+\.ipynb)\)", text)
        assert len(links) == 7
        for link in links:
            assert (REPO / "release" / "start_here" / link).resolve().is_file(), link
        assert "988" in text and "answers.json" in text
