"""My progress: a learner's practice results by competency and by module, from saved answers."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import Any

from course_utils.core.storage import read_answers
from course_utils.core.vocab import COMPETENCIES, ITEMS_FILE
from course_utils.items.kind import kind_of
from course_utils.items.public import ItemsFileError, load_items
from course_utils.items.scoring import score_item
from course_utils.learner.plots import competency_label


@dataclass(frozen=True)
class PracticeResult:
    """How well one answered practice item went (0 to 1), with its module and competencies."""

    module: str
    item_id: str
    competencies: tuple[int, ...]
    fraction: float


def _place(folder: Path, document: dict[str, Any]) -> tuple[float, str]:
    """Where a module sorts: by its number in the curriculum, any without one last by folder name."""
    number = document.get("number")
    if isinstance(number, int) and not isinstance(number, bool):
        return number, folder.name
    return math.inf, folder.name


def practice_results(home: Path | str) -> tuple[list[PracticeResult], dict[str, int]]:
    """Score every answered practice item in the assignment folders under home.

    Returns the results and, per module title, how many scorable practice items it has, both
    in the curriculum's module order. Graded items are left out: their verdict comes only
    with nbgrader feedback.
    """
    modules = []
    for folder in (p for p in Path(home).iterdir() if (p / ITEMS_FILE).is_file()):
        try:
            items = load_items(folder)
            document = json.loads((folder / ITEMS_FILE).read_text(encoding="utf-8"))
            modules.append((_place(folder, document), str(document["title"]), items, folder))
        except (ItemsFileError, KeyError, ValueError, TypeError, AttributeError):
            continue
    results: list[PracticeResult] = []
    totals: dict[str, int] = {}
    for _, title, items, folder in sorted(modules, key=lambda m: m[0]):
        answers = read_answers(folder)
        practice = [i for i in items.values()
                    if not i.graded and kind_of(i).practice_scored]
        if practice:
            totals[title] = len(practice)
        for item in practice:
            if item.id in answers:
                score = score_item(replace(item, points=1.0), answers[item.id])
                results.append(PracticeResult(title, item.id, item.competencies, score.earned))
    return results, totals


def mean_by(results: list[PracticeResult], key: str) -> dict[str, float]:
    """Average percent per module (key='module') or per competency (key='competency').

    Competencies come in number order, modules in the order of the results (practice_results
    gives the curriculum's).
    """
    groups: dict[str, list[float]] = defaultdict(list)
    for r in results:
        names = [str(c) for c in sorted(r.competencies)] if key == "competency" else [r.module]
        for name in names:
            groups[name].append(r.fraction)
    order = sorted(groups, key=int) if key == "competency" else list(groups)
    return {g: 100 * sum(groups[g]) / len(groups[g]) for g in order}


def competency_table(by_comp: dict[str, float]) -> str:
    """An HTML table of the practice percent per competency, with short and full SAMHSA names."""
    rows = "".join(
        f"<tr><td>{escape(competency_label(int(c)))}</td><td>{c}. "
        f"{escape(COMPETENCIES.get(int(c), ''))}</td><td>{percent:.0f}%</td></tr>"
        for c, percent in by_comp.items())
    return ("<table><caption>Your practice results by SAMHSA competency category</caption>"
            "<thead><tr><th>Competency</th><th>SAMHSA category</th><th>Practice score</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>")


def show_progress(home: Path | str = "..") -> None:
    """Display the learner's practice progress: tables and two bar charts with text alternatives."""
    from IPython.display import HTML, display

    results, totals = practice_results(home)
    if not results:
        display(HTML("<p>No practice answers yet. Open a module, try its practice items, "
                     "then run this notebook again.</p>"))
        return
    answered: defaultdict[str, int] = defaultdict(int)
    for r in results:
        answered[r.module] += 1
    rows = "".join(f"<tr><td>{escape(m)}</td><td>{answered[m]} of {n}</td></tr>"
                   for m, n in totals.items())
    display(HTML("<table><caption>Practice items answered per module</caption><tr><th>Module"
                 f"</th><th>Answered</th></tr>{rows}</table>"))
    by_comp = mean_by(results, "competency")
    _show_bars([competency_label(int(c)) for c in by_comp], list(by_comp.values()), "competency",
               "SAMHSA competency category (full names in the table below)")
    display(HTML(competency_table(by_comp)))
    by_module = mean_by(results, "module")
    _show_bars(list(by_module), list(by_module.values()), "module", "Module, in course order")


def _show_bars(names: list[str], percents: list[float], by: str, xlabel: str) -> None:
    """Display a titled bar chart of practice percents, as an <img> whose alt text gives each bar."""
    from IPython.display import display

    from course_utils.learner.plots import bars_alt, figure_bundle, percent_bars, wrap_label

    ax = percent_bars([wrap_label(n) for n in names], percents,
                      title=f"Your practice results by {by}", xlabel=xlabel)
    alt = bars_alt(f"your practice results by {by}", names, percents)
    display(figure_bundle(ax.figure, alt, caption=f"Your practice results by {by}"), raw=True)
