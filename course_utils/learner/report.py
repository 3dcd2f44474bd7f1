"""The learner's per-competency score report, shown in their nbgrader feedback."""

from __future__ import annotations

from html import escape
from pathlib import Path

from IPython.display import HTML, display

from course_utils.core.results import CompetencyScore, by_competency, load_results
from course_utils.core.storage import grading_run
from course_utils.core.vocab import COMPETENCIES
from course_utils.learner.plots import competency_label

AUTO_CAPTION = ("Your auto-graded score by SAMHSA competency category (an item can count in more "
                "than one)")
FINAL_CAPTION = ("Your score by SAMHSA competency category, from the final scores above (an item "
                 "can count in more than one)")
NO_RESULTS = "<p>No graded results were recorded for this notebook.</p>"


def table_html(rows: list[CompetencyScore], caption: str = AUTO_CAPTION) -> str:
    """An HTML table of points by SAMHSA competency category, one row per category."""
    if not rows:
        return NO_RESULTS
    body = "".join(
        f"<tr><td>{r.competency}. {escape(COMPETENCIES[r.competency])}</td><td>{r.items}</td>"
        f"<td>{r.earned:g} of {r.possible:g}</td><td>{r.percent:.0f}%</td></tr>" for r in rows)
    return (f'<table class="cps-report"><caption>{escape(caption)}</caption><thead><tr><th>'
            "Competency</th><th>Items</th><th>Points</th><th>Percent</th></tr></thead>"
            f"<tbody>{body}</tbody></table>")


def chart_bundle(rows: list[CompetencyScore], what: str = "your auto-graded score by competency"
                 ) -> dict[str, str]:
    """A bar chart of each category's percent, as a display bundle with its text alternative."""
    from course_utils.learner.plots import bars_alt, figure_bundle, percent_bars, wrap_label

    names = [competency_label(r.competency) for r in rows]
    percents = [r.percent for r in rows]
    title = what[0].upper() + what[1:]
    ax = percent_bars([wrap_label(n) for n in names], percents, title=title,
                      xlabel="SAMHSA competency category (full names in the table above)")
    return figure_bundle(ax.figure, bars_alt(what, names, percents), caption=title)


def report_html(folder: Path | str = ".") -> str:
    """An HTML table of points by SAMHSA competency category from recorded results."""
    return table_html(by_competency(load_results(folder)))


def competency_report(folder: Path | str = ".", plot: bool = False) -> None:
    """In feedback: the per-competency table (and a bar chart); before grading: a note."""
    if not grading_run():
        display(HTML("<p><em>Your score by competency appears here in your feedback, after "
                     "your trainer grades this notebook.</em></p>"))
        return
    rows = by_competency(load_results(folder))
    display(HTML(table_html(rows)))
    if plot and rows:
        display(chart_bundle(rows), raw=True)
