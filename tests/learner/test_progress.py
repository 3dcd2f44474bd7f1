"""My progress: practice results from saved answers, and the notebook that plots them."""

from __future__ import annotations

import ast
import json
import re
import shutil

import nbformat
import pytest
from helpers import REPO, run_notebook
from IPython.utils.capture import capture_output

from course_utils.content.loader import load_course, load_module
from course_utils.core.storage import AnswerStore
from course_utils.learner.progress import (
    PracticeResult,
    competency_table,
    mean_by,
    practice_results,
    show_progress,
)

BP = "Being present with someone in distress"


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

    def test_modules_follow_their_numbers_in_the_items_file(self, home):
        number(home, "being_present", 1)
        number(home, "active_listening", 2)
        _, totals = practice_results(home)
        assert list(totals) == [BP, "Active listening"]

    def test_released_modules_follow_their_curriculum_numbers(self, home):
        _, totals = practice_results(home)
        assert list(totals) == [BP, "Active listening"]

    def test_a_module_without_a_number_comes_after_the_numbered_ones(self, home):
        number(home, "being_present", None)
        number(home, "active_listening", 2)
        _, totals = practice_results(home)
        assert list(totals) == ["Active listening", BP]

    def test_modules_without_numbers_follow_their_folder_names(self, home):
        number(home, "being_present", None)
        number(home, "active_listening", None)
        _, totals = practice_results(home)
        assert list(totals) == ["Active listening", BP]


def number(home, folder, value):
    """Give a released module this curriculum number in items.json (None: no number at all)."""
    path = home / folder / "items.json"
    document = {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if k != "number"}
    if value is not None:
        document["number"] = value
    path.write_text(json.dumps(document), encoding="utf-8")


class TestMeanBy:
    def test_competencies_come_in_number_order(self):
        results = [PracticeResult("M", "a", (10, 2), 1.0), PracticeResult("M", "b", (9,), 0.5)]
        assert mean_by(results, "competency") == {"2": 100.0, "9": 50.0, "10": 100.0}

    def test_modules_come_in_the_order_of_the_results(self):
        results = [PracticeResult("Zebra", "a", (1,), 1.0), PracticeResult("Apple", "b", (1,), 0.0),
                   PracticeResult("Zebra", "c", (1,), 0.0)]
        assert mean_by(results, "module") == {"Zebra": 50.0, "Apple": 0.0}


class TestCompetencyTable:
    def test_one_row_per_competency_with_short_name_full_name_and_percent(self):
        html = competency_table({"1": 80.0, "9": 33.4})
        assert ("<tr><td>Caring relationships</td><td>1. Engages peers in collaborative and "
                "caring relationships</td><td>80%</td></tr>") in html
        assert "<tr><td>Communication</td><td>9. Values communication</td><td>33%</td></tr>" in html
        assert html.index("Caring") < html.index("Communication")


class TestShowProgress:
    @pytest.fixture
    def outputs(self, home, shell):
        number(home, "being_present", 1)
        number(home, "active_listening", 2)
        with capture_output() as out:
            show_progress(home)
        return [o.data for o in out.outputs]

    def test_shows_answered_table_two_charts_and_the_competency_table(self, outputs):
        assert ["image/png" in data for data in outputs] == [False, True, False, True]
        assert "<td>2 of 6</td>" in outputs[0]["text/html"]
        assert "<caption>Your practice results by SAMHSA competency" in outputs[2]["text/html"]

    def test_competency_chart_alt_names_each_competency_in_number_order(self, outputs):
        alt = outputs[1]["text/plain"]
        assert alt.startswith("Bar chart of your practice results by competency: Caring relationships ")
        assert alt.index("Caring relationships") < alt.index("Provides support") < alt.index("Communication")
        assert f'alt="{alt}"' in outputs[1]["text/html"]
        assert "<figcaption>Your practice results by competency</figcaption>" in outputs[1]["text/html"]

    def test_module_chart_alt_names_each_module_in_course_order(self, outputs):
        alt = outputs[3]["text/plain"]
        assert re.fullmatch(rf"Bar chart of your practice results by module: {BP} \d+%\.", alt)
        assert f'alt="{alt}"' in outputs[3]["text/html"]

    def test_no_answers_shows_only_a_note(self, tmp_path, shell):
        with capture_output() as out:
            show_progress(tmp_path)
        assert len(out.outputs) == 1 and "No practice answers yet" in out.outputs[0].data["text/html"]

    def test_leaves_no_matplotlib_figure_open(self, outputs):
        import matplotlib.pyplot as plt

        assert plt.get_fignums() == []


@pytest.mark.slow
class TestMyProgressNotebook:
    def test_runs_and_plots_from_saved_answers(self, home):
        path = home / "start_here" / "my_progress.ipynb"
        outputs = run_notebook(path, timeout=120)
        assert not [o for o in outputs if o.output_type == "error"]
        assert sum("image/png" in o.get("data", {}) for o in outputs) == 2
        assert sum('<img src="data:image/png;base64,' in o.get("data", {}).get("text/html", "")
                   and ' alt="Bar chart of your practice results by ' in o["data"]["text/html"]
                   for o in outputs) == 2
        assert any("<td>2 of 6</td>" in o.get("data", {}).get("text/html", "") for o in outputs)


class TestStartHere:
    def test_every_listed_module_points_to_a_released_notebook(self):
        from course_utils.learner.module_list import module_rows

        nb = nbformat.read(REPO / "release" / "start_here" / "start_here.ipynb", as_version=4)
        [source] = [c.source for c in nb.cells if c.id == "module-list"]
        call = ast.parse(source).body[-1].value
        assert call.func.id == "show_modules"
        modules, home = (ast.literal_eval(a) for a in call.args)
        assert len(modules) == 9 and home == ".."
        titles = {m.assignment: f"{m.number}. {m.title}" for m in load_course(REPO / "content")}
        assert dict(modules) == titles
        for assignment, _title in modules:
            assert (REPO / "release" / assignment / f"{assignment}.ipynb").is_file(), assignment
        html = module_rows(modules, (REPO / "release" / "start_here" / home).resolve())
        links = re.findall(r'href="([^"]+)"', html)
        assert len(links) == 9
        assert all((REPO / "release" / "start_here" / link).resolve().is_file() for link in links)

    def test_says_where_to_get_help_and_how_to_submit(self):
        nb = nbformat.read(REPO / "release" / "start_here" / "start_here.ipynb", as_version=4)
        text = "\n".join(c.source for c in nb.cells)
        assert "988" in text and "Submit my answers" in text
