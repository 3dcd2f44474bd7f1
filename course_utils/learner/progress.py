"""My progress: a learner's practice results by competency and by module, from saved answers."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from course_utils.core.storage import read_answers
from course_utils.core.vocab import COMPETENCIES, ITEMS_FILE
from course_utils.items.kind import kind_of
from course_utils.items.public import ItemsFileError, load_items
from course_utils.items.scoring import score_item


@dataclass(frozen=True)
class PracticeResult:
    """How well one answered practice item went (0 to 1), with its module and competencies."""

    module: str
    item_id: str
    competencies: tuple[int, ...]
    fraction: float


def practice_results(home: Path | str) -> tuple[list[PracticeResult], dict[str, int]]:
    """Score every answered practice item in the assignment folders under home.

    Returns the results and, per module title, how many scorable practice items it has.
    Graded items are left out: their verdict comes only with nbgrader feedback.
    """
    results: list[PracticeResult] = []
    totals: dict[str, int] = {}
    for folder in sorted(p for p in Path(home).iterdir() if (p / ITEMS_FILE).is_file()):
        try:
            items = load_items(folder)
            title = json.loads((folder / ITEMS_FILE).read_text(encoding="utf-8"))["title"]
        except (ItemsFileError, KeyError, ValueError):
            continue
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
    """Average percent per module (key='module') or per competency (key='competency')."""
    groups: dict[str, list[float]] = defaultdict(list)
    for r in results:
        names = [str(c) for c in r.competencies] if key == "competency" else [r.module]
        for name in names:
            groups[name].append(r.fraction)
    order = sorted(groups, key=lambda g: int(g) if g.isdigit() else g)
    return {g: 100 * sum(groups[g]) / len(groups[g]) for g in order}


def show_progress(home: Path | str = "..") -> None:
    """Display the learner's practice progress: a table and two bar charts."""
    from IPython.display import HTML, Image, display

    results, totals = practice_results(home)
    if not results:
        display(HTML("<p>No practice answers yet. Open a module, try its practice items, "
                     "then run this notebook again.</p>"))
        return
    answered: defaultdict[str, int] = defaultdict(int)
    for r in results:
        answered[r.module] += 1
    rows = "".join(f"<tr><td>{m}</td><td>{answered[m]} of {n}</td></tr>" for m, n in totals.items())
    display(HTML("<table><caption>Practice items answered per module</caption><tr><th>Module"
                 f"</th><th>Answered</th></tr>{rows}</table>"))
    from course_utils.learner.plots import figure_png, percent_bars

    by_comp = mean_by(results, "competency")
    ax = percent_bars(list(by_comp), list(by_comp.values()),
                      title="Practice score by SAMHSA competency category",
                      xlabel="Competency category (see the list below)")
    display(Image(figure_png(ax.figure)))
    by_module = mean_by(results, "module")
    ax2 = percent_bars([m.split(":")[0][:22] for m in by_module], list(by_module.values()),
                       title="Practice score by module", xlabel="Module")
    display(Image(figure_png(ax2.figure)))
    legend = "".join(f"<li>{c}. {COMPETENCIES[int(c)]}</li>" for c in by_comp)
    display(HTML(f"<ul>{legend}</ul>"))
