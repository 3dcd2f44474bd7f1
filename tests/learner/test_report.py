"""The learner's per-competency score report in their nbgrader feedback."""

from __future__ import annotations

import base64

import pytest
from IPython.utils.capture import capture_output

from course_utils.core.results import RESULTS_FILE, record_result
from course_utils.learner.report import competency_report, report_html

NO_RESULTS = "<p>No graded results were recorded for this notebook.</p>"
BEFORE_GRADING = "Your score by competency appears here in your feedback"


@pytest.fixture
def graded(tmp_path):
    """A notebook folder after autograde: three items over competencies 1, 2 and 8."""
    record_result(tmp_path, "bp-a", (1, 2), 1.0, 1.0)
    record_result(tmp_path, "bp-b", (2,), 0.5, 2.0)
    record_result(tmp_path, "bp-c", (8,), 0.0, 1.0)
    return tmp_path


@pytest.fixture
def grading(monkeypatch):
    """This kernel runs under nbgrader autograde (feedback is made from the autograded copy)."""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")


@pytest.fixture
def not_grading(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)


def png_bytes(data) -> bytes:
    """An image/png output as bytes (IPython may keep it as bytes or as base64 text)."""
    return data if isinstance(data, bytes) else base64.b64decode(data)


class TestReportHtml:
    def test_one_row_per_competency_with_items_points_and_percent(self, graded):
        html = report_html(graded)
        assert html.startswith('<table class="cps-report"><caption>Your auto-graded score by SAMHSA')
        assert "<tbody><tr><td>1. Engages peers in collaborative and caring relationships</td>" \
               "<td>1</td><td>1 of 1</td><td>100%</td></tr>" in html
        assert "<tr><td>2. Provides support</td><td>2</td><td>1.5 of 3</td><td>50%</td></tr>" in html
        assert "<tr><td>8. Helps peers to manage crises</td><td>1</td><td>0 of 1</td><td>0%</td></tr>" \
               "</tbody></table>" in html
        assert html.count("<tr><td>") == 3

    def test_rows_follow_the_competency_numbers(self, graded):
        html = report_html(graded)
        assert html.index("<td>1. ") < html.index("<td>2. ") < html.index("<td>8. ")

    def test_percent_is_rounded_to_whole_numbers(self, tmp_path):
        record_result(tmp_path, "bp-a", (4,), 2.0, 3.0)
        assert "<td>2 of 3</td><td>67%</td>" in report_html(tmp_path)

    def test_competencies_outside_samhsa_are_not_shown(self, tmp_path):
        record_result(tmp_path, "bp-a", (0, 13), 1.0, 1.0)
        assert report_html(tmp_path) == NO_RESULTS

    def test_no_results_file_says_so(self, tmp_path):
        assert report_html(tmp_path) == NO_RESULTS

    @pytest.mark.parametrize("text", ['{"bp-a": {"competencies": [1', "", "[]"])
    def test_damaged_results_file_says_no_results_and_is_left_as_it_was(self, tmp_path, text):
        (tmp_path / RESULTS_FILE).write_text(text, encoding="utf-8")
        assert report_html(tmp_path) == NO_RESULTS
        assert (tmp_path / RESULTS_FILE).read_text(encoding="utf-8") == text

    def test_default_folder_is_the_notebooks_own(self, graded, monkeypatch):
        monkeypatch.chdir(graded)
        assert report_html() == report_html(graded)
        assert "Provides support" in report_html()

    def test_accepts_a_folder_given_as_text(self, graded):
        assert report_html(str(graded)) == report_html(graded)

    def test_reading_the_report_writes_nothing(self, graded):
        before = {p.name: p.read_bytes() for p in graded.iterdir()}
        report_html(graded)
        assert {p.name: p.read_bytes() for p in graded.iterdir()} == before


class TestCompetencyReport:
    def test_before_grading_only_a_note_is_shown(self, graded, shell, not_grading):
        """A learner running the notebook sees where the report will appear, not a score."""
        with capture_output() as out:
            competency_report(graded, plot=True)
        assert len(out.outputs) == 1
        html = out.outputs[0].data["text/html"]
        assert BEFORE_GRADING in html and "<table" not in html

    def test_in_feedback_the_table_is_shown(self, graded, shell, grading):
        with capture_output() as out:
            competency_report(graded)
        assert [o.data["text/html"] for o in out.outputs] == [report_html(graded)]

    def test_plot_adds_a_png_bar_chart_after_the_table(self, graded, shell, grading):
        with capture_output() as out:
            competency_report(graded, plot=True)
        assert len(out.outputs) == 2
        assert "<table" in out.outputs[0].data["text/html"]
        assert png_bytes(out.outputs[1].data["image/png"]).startswith(b"\x89PNG\r\n\x1a\n")

    def test_plot_is_an_img_whose_alt_gives_each_competency_by_name_in_number_order(
            self, graded, shell, grading):
        with capture_output() as out:
            competency_report(graded, plot=True)
        chart = out.outputs[1].data
        alt = ("Bar chart of your auto-graded score by competency: Caring relationships 100%, "
               "Provides support 50%, Crisis support 0%.")
        assert chart["text/plain"] == alt
        assert chart["text/html"].startswith('<figure><img src="data:image/png;base64,')
        assert f'alt="{alt}"' in chart["text/html"]
        assert "<figcaption>Your auto-graded score by competency</figcaption>" in chart["text/html"]

    def test_plot_without_results_shows_only_the_note_that_there_are_none(self, tmp_path, shell, grading):
        with capture_output() as out:
            competency_report(tmp_path, plot=True)
        assert [o.data.get("text/html") for o in out.outputs] == [NO_RESULTS]

    def test_plot_leaves_no_matplotlib_figure_open(self, graded, shell, grading):
        import matplotlib.pyplot as plt

        plt.close("all")
        with capture_output():
            competency_report(graded, plot=True)
        assert plt.get_fignums() == []

    def test_feedback_writes_nothing_beside_the_notebook(self, graded, shell, grading):
        before = {p.name: p.read_bytes() for p in graded.iterdir()}
        with capture_output():
            competency_report(graded, plot=True)
        assert {p.name: p.read_bytes() for p in graded.iterdir()} == before
