"""The learner's per-competency score report, shown in their nbgrader feedback."""

from __future__ import annotations

from html import escape
from pathlib import Path

from IPython.display import HTML, display

from course_utils.core.results import by_competency, load_results
from course_utils.core.storage import grading_run
from course_utils.core.vocab import COMPETENCIES
from course_utils.learner.plots import competency_label


def report_html(folder: Path | str = ".") -> str:
    """An HTML table of points by SAMHSA competency category from recorded results."""
    rows = by_competency(load_results(folder))
    if not rows:
        return "<p>No graded results were recorded for this notebook.</p>"
    body = "".join(
        f"<tr><td>{r.competency}. {escape(COMPETENCIES[r.competency])}</td><td>{r.items}</td>"
        f"<td>{r.earned:g} of {r.possible:g}</td><td>{r.percent:.0f}%</td></tr>" for r in rows)
    return ('<table class="cps-report"><caption>Your auto-graded score by SAMHSA competency '
            "category (an item can count in more than one)</caption><thead><tr><th>Competency"
            "</th><th>Items</th><th>Points</th><th>Percent</th></tr></thead>"
            f"<tbody>{body}</tbody></table>")


def competency_report(folder: Path | str = ".", plot: bool = False) -> None:
    """In feedback: the per-competency table (and a bar chart); before grading: a note."""
    if not grading_run():
        display(HTML("<p><em>Your score by competency appears here in your feedback, after "
                     "your trainer grades this notebook.</em></p>"))
        return
    display(HTML(report_html(folder)))
    rows = by_competency(load_results(folder))
    if plot and rows:
        from course_utils.learner.plots import bars_alt, figure_bundle, percent_bars, wrap_label

        names = [competency_label(r.competency) for r in rows]
        percents = [r.percent for r in rows]
        title = "Your auto-graded score by competency"
        ax = percent_bars([wrap_label(n) for n in names], percents, title=title,
                          xlabel="SAMHSA competency category (full names in the table above)")
        alt = bars_alt("your auto-graded score by competency", names, percents)
        display(figure_bundle(ax.figure, alt, caption=title), raw=True)
