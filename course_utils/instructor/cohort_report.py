"""The instructor's cohort report: a self-contained HTML page plus PNG figures per assignment."""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from course_utils.core.atomic import write_atomic
from course_utils.core.vocab import COMPETENCIES
from course_utils.instructor.item_analysis import Analysis, analyse, answers_from_submissions, display_seeds
from course_utils.items.model import Module


def figures(analysis: Analysis, module: Module) -> dict[str, bytes]:
    """The report's figures as PNG bytes, by file name."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from course_utils.learner.plots import (
        choice_bars,
        figure_png,
        heat_map,
        percent_bars,
        score_histogram,
        signed_bars,
    )

    pngs: dict[str, bytes] = {}
    ax = score_histogram([100 * t for t in analysis.totals], 100)
    ax.set_xlabel("Auto-graded score (% of points)")
    pngs["scores.png"] = figure_png(ax.figure)
    labels = [s.item_id for s in analysis.items]
    ax = percent_bars(labels, [100 * s.difficulty for s in analysis.items],
                      title="Difficulty: share of points earned per item", xlabel="Item")
    ax.tick_params(axis="x", rotation=90, labelsize=7)
    pngs["difficulty.png"] = figure_png(ax.figure)
    pngs["discrimination.png"] = figure_png(signed_bars(
        labels, [s.discrimination for s in analysis.items],
        title="Discrimination: corrected item-total correlation").figure)
    best = [s for s in analysis.items if s.choices_top][:16]
    if best:
        cols = 4
        rows = (len(best) + cols - 1) // cols
        fig, axes = plt.subplots(rows, cols, figsize=(3.2 * cols, 2.4 * rows), squeeze=False)
        for ax, s in zip(axes.flat, best, strict=False):
            item = module.item(s.item_id)
            choice_bars(list(s.choices_top), list(s.choices_top.values()),
                        [s.choices_bottom.get(o, 0) for o in s.choices_top], item.key,
                        title=s.item_id, ax=ax)
        for ax in list(axes.flat)[len(best):]:
            ax.axis("off")
        axes.flat[0].legend(fontsize=7)
        fig.suptitle("Distractors: how often each option was chosen, top vs bottom third")
        fig.tight_layout()
        pngs["distractors.png"] = figure_png(fig)
    comps = sorted({c for row in analysis.by_competency.values() for c in row})
    matrix = [[analysis.by_competency[s].get(c, 0.0) for c in comps] for s in analysis.learners]
    pngs["competencies.png"] = figure_png(heat_map(
        list(analysis.learners), [str(c) for c in comps], matrix,
        title="Learners by competency category").figure)
    return pngs


def report_page(analysis: Analysis, module: Module, pngs: dict[str, bytes]) -> str:
    """The HTML page with every figure embedded, item table and flags."""
    images = "".join(
        f'<figure><img alt="{escape(name[:-4])}" src="data:image/png;base64,'
        f'{base64.b64encode(data).decode()}"><figcaption>{escape(name)}</figcaption></figure>'
        for name, data in pngs.items())
    rows = "".join(
        f"<tr><td>{escape(s.item_id)}</td><td>{escape(s.kind)}</td>"
        f"<td>{', '.join(map(str, s.competencies))}</td><td>{s.difficulty:.2f}</td>"
        f"<td>{s.discrimination:.2f}</td><td>{escape('; '.join(s.flags)) or '-'}</td></tr>"
        for s in analysis.items)
    flagged = [s for s in analysis.items if s.flags]
    flag_list = "".join(f"<li><strong>{escape(s.item_id)}</strong>: {escape('; '.join(s.flags))}</li>"
                        for s in flagged) or "<li>No item is flagged.</li>"
    legend = "".join(f"<li>{c}. {escape(name)}</li>" for c, name in COMPETENCIES.items())
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Cohort report: {escape(module.title)}</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:auto;padding:1em}}
table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:3px 6px}}
img{{max-width:100%}}</style></head><body>
<h1>Cohort report: {escape(module.title)}</h1>
<p>{len(analysis.learners)} learners; {len(analysis.items)} auto-graded items;
reliability (Cronbach's alpha, KR-20 for 0/1 items): <strong>{analysis.alpha:.2f}</strong>.</p>
<h2>Flagged items</h2><ul>{flag_list}</ul>
<p>Flags: too easy (difficulty above 0.90), too hard (below 0.20), negative discrimination,
strong learners (top third) choosing a distractor more often than the key; and cues that let a
learner find the key without knowing peer support: weak learners (bottom third) choosing the key
at least 20 points more often than strong ones, a key that is the longest option and that weak
learners chose as often as strong ones, a key that is the only question, a key that most
learners saw at the same position. Rewrite a flagged item's options
(content/README.md), then <code>make check</code>.</p>
<h2>Items</h2><table><thead><tr><th>Item</th><th>Kind</th><th>Competencies</th>
<th>Difficulty</th><th>Discrimination</th><th>Flags</th></tr></thead><tbody>{rows}</tbody></table>
<h2>Figures</h2>{images}
<h2>Competency categories</h2><ul>{legend}</ul></body></html>"""


def write_report(course: Path, module: Module, target: Path) -> Path:
    """Analyse an assignment's submissions and write index.html and the PNGs into target."""
    answers = answers_from_submissions(course, module.assignment)
    if len(answers) < 2:
        raise ValueError(f"{module.assignment}: a report needs at least 2 submissions in "
                         f"{course}/autograded or submitted (found {len(answers)}).")
    analysis = analyse(module, answers, display_seeds(course, module.assignment))
    pngs = figures(analysis, module)
    target.mkdir(parents=True, exist_ok=True)
    for stale in target.glob("*.png"):
        if stale.name not in pngs:
            stale.unlink()  # a figure an earlier run drew and this one does not
    for name, data in pngs.items():
        write_atomic(target / name, data)
    page = target / "index.html"
    write_atomic(page, report_page(analysis, module, pngs))  # last: it names the figures
    return page


def show_dashboard(course: Path | str = "..", assignment: str | None = None) -> None:
    """In a notebook: each assignment's report figures and flagged items, from the course."""
    from IPython.display import HTML, Image, display

    from course_utils.content.loader import load_course

    course = Path(course)
    for module in load_course(course / "content"):
        if assignment not in (None, module.assignment):
            continue
        answers = answers_from_submissions(course, module.assignment)
        if len(answers) < 2:
            display(HTML(f"<p>{escape(module.title)}: fewer than 2 submissions yet.</p>"))
            continue
        analysis = analyse(module, answers, display_seeds(course, module.assignment))
        flagged = "".join(f"<li>{escape(s.item_id)}: {escape('; '.join(s.flags))}</li>"
                          for s in analysis.items if s.flags) or "<li>none</li>"
        display(HTML(f"<h2>{escape(module.title)}</h2><p>{len(answers)} learners, "
                     f"Cronbach's alpha {analysis.alpha:.2f}</p><p>Flagged:</p><ul>{flagged}</ul>"))
        for data in figures(analysis, module).values():
            display(Image(data))
