"""The instructor's cohort report: an HTML page plus PNG figures per assignment, and an index.

Scores are the final scores in the nbgrader gradebook (a grader's change in formgrader counts);
which option each learner chose comes from their answers file.
"""

from __future__ import annotations

import base64
import dataclasses
import statistics
from dataclasses import dataclass
from html import escape
from pathlib import Path

from course_utils.core.atomic import write_atomic
from course_utils.core.vocab import COMPETENCIES
from course_utils.instructor.item_analysis import (
    Analysis,
    analyse,
    answers_from_submissions,
    display_seeds,
    final_scores,
)
from course_utils.instructor.report_text import (
    DIFFICULTY_HELP,
    DISCRIMINATION_HELP,
    alpha_text,
    competency_names,
    figure_text,
    flag_help,
    item_name,
    small_cohort_note,
)
from course_utils.items.kind import kind_of
from course_utils.items.model import Module

INDEX = "index.html"
STYLE = """<style>body{font-family:sans-serif;max-width:1100px;margin:auto;padding:1em;line-height:1.4}
table{border-collapse:collapse}td,th{border:1px solid #999;padding:3px 6px;vertical-align:top}
img{max-width:100%}figcaption{max-width:70em}</style>"""


class NotEnoughScores(ValueError):
    """Raised when fewer than 2 learners of an assignment have final scores in the gradebook."""


@dataclass(frozen=True)
class PageSummary:
    """One assignment's line on the index: its page and numbers, or why it has no page."""

    assignment: str
    title: str
    learners: int = 0
    mean_score: float = 0.0  # mean final share of the scored items' points, 0-1
    flagged: int = 0
    page: str = ""  # the page, relative to the index; empty when none was written
    note: str = ""  # why no page was written


def cohort_analysis(course: Path, module: Module) -> Analysis:
    """The assignment's item analysis from the gradebook's final scores, with who is left out."""
    if not any(i.auto_graded for i in module.items):
        raise NotEnoughScores(f"{module.assignment}: no scored items to analyse (reflections only).")
    answers = answers_from_submissions(course, module.assignment)
    final = final_scores(course, module, answers)
    if len(final.scores) < 2:
        raise NotEnoughScores(
            f"{module.assignment}: a report needs final scores of at least 2 learners in the "
            f"gradebook (found {len(final.scores)}; {len(answers)} submission(s) in "
            f"{course}/autograded or submitted). Run `cpsw autograde {module.assignment}`, "
            "then `cpsw report` again.")
    analysis = analyse(module, answers, display_seeds(course, module.assignment), final.scores)
    return dataclasses.replace(analysis, left_out=final.missing,
                               without_answers=tuple(s for s in analysis.learners if s not in answers))


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
        wrap_label,
    )

    pngs: dict[str, bytes] = {}
    ax = score_histogram([100 * t for t in analysis.totals], 100)
    ax.set_xlabel("Final score on the scored items (% of points)")
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
    ax = heat_map(list(analysis.learners), [wrap_label(competency_names([c])) for c in comps],
                  matrix, title="Learners by competency category")
    ax.tick_params(axis="x", labelsize=7)
    pngs["competencies.png"] = figure_png(ax.figure)
    return pngs


def figure_html(name: str, data: bytes, analysis: Analysis, module: Module) -> str:
    """One figure: the PNG with its alt text, and a caption saying how to read it."""
    title, caption, alt = figure_text(name, analysis, module)
    return (f'<figure id="fig-{escape(name[:-4])}"><img alt="{escape(alt)}" '
            f'src="data:image/png;base64,{base64.b64encode(data).decode()}">'
            f"<figcaption><strong>{escape(title)}.</strong> {escape(caption)}</figcaption></figure>")


def flags_html(analysis: Analysis, module: Module) -> str:
    """The flagged items, each flag with what it means and a suggested action."""
    entries = []
    for s in analysis.items:
        if not s.flags:
            continue
        helps = "".join(
            f"<li><strong>{escape(str(flag))}</strong>: {escape(meaning)} "
            f"<em>Suggested action:</em> {escape(action)}</li>"
            for flag in s.flags for meaning, action in [flag_help(flag)])
        entries.append(f'<li id="flag-{escape(s.item_id)}"><strong>{escape(s.item_id)}</strong> '
                       f"{escape(item_name(module.item(s.item_id)))}<ul>{helps}</ul></li>")
    return f"<ul>{''.join(entries) or '<li>No item is flagged.</li>'}</ul>"


def report_page(analysis: Analysis, module: Module, pngs: dict[str, bytes], index: bool = False) -> str:
    """The HTML page: summary, left-out learners, alpha and flags explained, items, figures.

    index: link to the index of all assignments (../index.html), when there is one.
    """
    images = "".join(figure_html(name, data, analysis, module) for name, data in pngs.items())
    rows = "".join(
        f"<tr><td>{escape(s.item_id)}</td><td>{escape(item_name(module.item(s.item_id)))}</td>"
        f"<td>{escape(kind_of(s.kind).title)}</td><td>{escape(competency_names(s.competencies))}</td>"
        f"<td>{s.difficulty:.2f}</td><td>{s.discrimination:.2f}</td>"
        f"<td>{escape('; '.join(map(str, s.flags))) or '-'}</td></tr>"
        for s in analysis.items)
    legend = "".join(f"<li>{c}. {escape(name)}</li>" for c, name in COMPETENCIES.items())
    mean = statistics.fmean(analysis.totals) if analysis.totals else 0.0
    note = small_cohort_note(len(analysis.learners))
    caution = f"<p>{escape(note)}</p>" if note else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Cohort report: {escape(module.title)}</title>
{STYLE}</head><body>
{f'<p><a href="../{INDEX}">All assignments</a></p>' if index else ''}
<h1>Cohort report: {escape(module.title)}</h1>
<p>{len(analysis.learners)} learners; {len(analysis.items)} scored items; mean final score
{mean:.0%}. Scores are the final scores in the gradebook, including any grader's change in
formgrader; which option each learner chose comes from their answers file.</p>
{_left_out(analysis, module)}
<h2>Reliability</h2>
<p>Cronbach's alpha (KR-20 when every item is scored right or wrong):
<strong>{analysis.alpha:.2f}</strong>. {escape(alpha_text(analysis.alpha, len(analysis.items),
                                                      len(analysis.learners)))}</p>
<h2>Flagged items</h2>{caution}{flags_html(analysis, module)}
<p>To rewrite a flagged item, edit its options in content/ (content/README.md), then run
<code>make check</code>.</p>
<h2>Items</h2><p>{escape(DIFFICULTY_HELP)}</p><p>{escape(DISCRIMINATION_HELP)}</p>
<table><thead><tr><th>Item</th><th>First words</th><th>Kind</th><th>Competencies</th>
<th>Difficulty</th><th>Discrimination</th><th>Flags</th></tr></thead><tbody>{rows}</tbody></table>
<h2>Figures</h2>{images}
<h2>Competency categories</h2><ul>{legend}</ul></body></html>"""


def _left_out(analysis: Analysis, module: Module) -> str:
    """The learners not counted, with why and what to do; nothing when everyone is counted."""
    parts = []
    if analysis.left_out:
        rows = "".join(f"<li>{escape(s)}: {escape(why)}</li>" for s, why in sorted(analysis.left_out.items()))
        parts.append(f"<h2>Learners not in this report</h2><ul>{rows}</ul><p>They have no final "
                     f"scores yet. Run <code>cpsw autograde {escape(module.assignment)}</code> (and "
                     "finish any grading in formgrader), then <code>cpsw report</code> again.</p>")
    if analysis.without_answers:
        parts.append(f"<p>No answers file for {escape(', '.join(analysis.without_answers))}: their "
                     "scores count, but their option choices are missing from the distractor "
                     "figure.</p>")
    return "\n".join(parts)


def write_page(analysis: Analysis, module: Module, target: Path, index: bool = False) -> Path:
    """Write an analysis's index.html and PNGs into target; return the page (index: see report_page)."""
    pngs = figures(analysis, module)
    target.mkdir(parents=True, exist_ok=True)
    for stale in target.glob("*.png"):
        if stale.name not in pngs:
            stale.unlink()  # a figure an earlier run drew and this one does not
    for name, data in pngs.items():
        write_atomic(target / name, data)
    page = target / INDEX
    write_atomic(page, report_page(analysis, module, pngs, index))  # last: it names the figures
    return page


def write_report(course: Path, module: Module, target: Path) -> Path:
    """Analyse an assignment from the gradebook and write index.html and the PNGs into target."""
    return write_page(cohort_analysis(course, module), module, target, (target.parent / INDEX).is_file())


def write_reports(course: Path, modules: list[Module], out: Path) -> tuple[Path, list[PageSummary]]:
    """Every assignment's page in out/<assignment>/, then out/index.html linking them all."""
    summaries = []
    for module in modules:
        try:
            analysis = cohort_analysis(course, module)
        except NotEnoughScores as err:
            summaries.append(PageSummary(module.assignment, module.title, note=str(err)))
            continue
        page = write_page(analysis, module, out / module.assignment, index=True)
        summaries.append(PageSummary(
            module.assignment, module.title, len(analysis.learners), statistics.fmean(analysis.totals),
            sum(bool(s.flags) for s in analysis.items), page.relative_to(out).as_posix()))
    out.mkdir(parents=True, exist_ok=True)
    index = out / INDEX
    write_atomic(index, index_page(summaries))
    return index, summaries


def index_page(summaries: list[PageSummary]) -> str:
    """The index across assignments: a link and a one-line summary each."""
    rows = "".join(
        f'<li><a href="{escape(s.page)}">{escape(s.title)}</a> ({escape(s.assignment)}): '
        f"{s.learners} learners, mean final score {s.mean_score:.0%}, {s.flagged} flagged "
        f"item{'' if s.flagged == 1 else 's'}.</li>" if s.page else
        f"<li>{escape(s.title)} ({escape(s.assignment)}): no report yet. {escape(s.note)}</li>"
        for s in summaries)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Cohort reports</title>
{STYLE}</head><body>
<h1>Cohort reports</h1>
<p>One page per assignment. The mean final score is the cohort's average share of the points on
the scored items, from the gradebook (graders' changes included). A flagged item is one worth a
second look; its page says why and what to do.</p>
<ul>{rows}</ul></body></html>"""


def show_dashboard(course: Path | str = "..", assignment: str | None = None) -> None:
    """In a notebook: each assignment's summary, flagged items and figures, from the course."""
    from IPython.display import HTML, display

    from course_utils.content.loader import load_course

    course = Path(course)
    for module in load_course(course / "content"):
        if assignment not in (None, module.assignment):
            continue
        try:
            analysis = cohort_analysis(course, module)
        except NotEnoughScores as err:
            display(HTML(f"<p>{escape(module.title)}: no report yet. {escape(str(err))}</p>"))
            continue
        alpha = alpha_text(analysis.alpha, len(analysis.items), len(analysis.learners))
        display(HTML(f"<h2>{escape(module.title)}</h2><p>{len(analysis.learners)} learners, "
                     f"final scores from the gradebook (grader overrides included). Cronbach's "
                     f"alpha {analysis.alpha:.2f}: {escape(alpha)}</p>{_left_out(analysis, module)}"
                     f"<p>Flagged:</p>{flags_html(analysis, module)}"))
        for name, data in figures(analysis, module).items():
            _, _, alt = figure_text(name, analysis, module)
            display({"text/html": figure_html(name, data, analysis, module),
                     "image/png": base64.b64encode(data).decode("ascii"), "text/plain": alt}, raw=True)
