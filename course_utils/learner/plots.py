"""Plots for learners and instructors: functions take data and an optional Axes.

Colours come from the Okabe-Ito palette (safe for colour-blind readers) and every bar also
carries a hatch pattern, so the plots stay readable in greyscale.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from html import escape

from course_utils.core.vocab import COMPETENCY_SHORT

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000")
HATCHES = ("//", "..", "xx", "\\\\", "++", "oo", "--", "**")


def _axes(ax, size=(6, 3.5)):
    if ax is not None:
        return ax
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size)
    return ax


def score_histogram(scores: Sequence[float], max_score: float, ax=None):
    """Histogram of total scores; returns the Axes."""
    from matplotlib.ticker import MaxNLocator

    ax = _axes(ax)
    bins = max(5, min(20, int(max_score * 2)))
    ax.hist(scores, bins=bins, range=(0, max_score), color=OKABE_ITO[0], edgecolor="black",
            hatch=HATCHES[0])
    ax.set_xlabel(f"Auto-graded score (out of {max_score:g})")
    ax.set_ylabel("Learners")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Scores of the cohort")
    return ax


def competency_label(number: int) -> str:
    """The short name of a SAMHSA competency category, for a bar or a table."""
    return COMPETENCY_SHORT.get(number, f"Category {number}")


def wrap_label(text: str, width: int = 13, lines: int = 3) -> str:
    """The text broken into at most `lines` lines of about `width` characters ("..." if cut)."""
    return "\n".join(textwrap.wrap(text, width, max_lines=lines, placeholder="...")) or text


def percent_bars(labels: Sequence[str], percents: Sequence[float], title: str = "",
                 xlabel: str = "", ax=None):
    """Bars of percentages (0-100), one colour and hatch per bar; returns the Axes.

    Labels may hold line breaks (see wrap_label): the bars then widen to fit and stay upright.
    """
    longest = max((len(line) for label in labels for line in label.split("\n")), default=0)
    wrapped = any("\n" in label for label in labels)
    per_bar = max(0.6, 0.065 * longest) if wrapped else 0.6  # 8 pt text: ~0.065 in a character
    ax = _axes(ax, size=(max(4, per_bar * len(labels) + 2), 4 if wrapped else 3.5))
    colours = [OKABE_ITO[n % len(OKABE_ITO)] for n in range(len(labels))]
    bars = ax.bar(range(len(labels)), percents, color=colours, edgecolor="black")
    for n, bar in enumerate(bars):
        bar.set_hatch(HATCHES[n % len(HATCHES)])
        ax.annotate(f"{percents[n]:.0f}%", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center", va="bottom", fontsize=8)
    ax.set_xticks(range(len(labels)), labels, rotation=0 if len(labels) < 8 or wrapped else 45)
    if wrapped:
        ax.tick_params(axis="x", labelsize=8)
    ax.set_ylim(0, 110)
    ax.set_ylabel("Percent")
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.figure.tight_layout()
    return ax


def figure_png(fig, dpi: int = 100) -> bytes:
    """The figure as PNG bytes (works whatever matplotlib backend is active), then closed."""
    import io

    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def bars_alt(what: str, labels: Sequence[str], percents: Sequence[float]) -> str:
    """A text alternative for a percent bar chart: what it shows, then each bar's value."""
    values = ", ".join(f"{' '.join(label.split())} {p:.0f}%" for label, p in
                       zip(labels, percents, strict=True))
    return f"Bar chart of {what}: {values}." if values else f"Bar chart of {what}: no bars."


def figure_bundle(fig, alt: str, caption: str = "") -> dict[str, str]:
    """A display bundle for the figure: an <img> with alt text (and caption), the PNG, the text.

    Show it with IPython's display(bundle, raw=True); Jupyter and the HTML feedback pick the
    <img>, so screen readers read the alt text; a text-only front end shows the alt text.
    """
    import base64

    png = base64.b64encode(figure_png(fig)).decode("ascii")
    figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    html = (f'<figure><img src="data:image/png;base64,{png}" alt="{escape(alt)}">'
            f"{figcaption}</figure>")
    return {"text/html": html, "image/png": png, "text/plain": alt}


def signed_bars(labels: Sequence[str], values: Sequence[float], title: str = "", ax=None):
    """Bars that may go below zero (e.g. discrimination), with a zero line; returns the Axes."""
    ax = _axes(ax, size=(max(4, 0.35 * len(labels) + 2), 3.5))
    colours = [OKABE_ITO[0] if v >= 0 else OKABE_ITO[5] for v in values]
    bars = ax.bar(range(len(labels)), values, color=colours, edgecolor="black")
    for bar, value in zip(bars, values, strict=True):
        bar.set_hatch(HATCHES[0] if value >= 0 else HATCHES[2])
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
    ax.set_title(title)
    ax.figure.tight_layout()
    return ax


def choice_bars(options: Sequence[str], top: Sequence[float], bottom: Sequence[float],
                key: str, title: str = "", ax=None):
    """Share of the top and bottom thirds choosing each option; the key is marked in words."""
    ax = _axes(ax, size=(3.2, 2.4))
    xs = range(len(options))
    ax.bar([x - 0.2 for x in xs], top, width=0.4, color=OKABE_ITO[0], edgecolor="black",
           hatch=HATCHES[0], label="top third")
    ax.bar([x + 0.2 for x in xs], bottom, width=0.4, color=OKABE_ITO[1], edgecolor="black",
           hatch=HATCHES[1], label="bottom third")
    ax.set_xticks(list(xs), [f"{o} (key)" if o == key else o for o in options], fontsize=7)
    ax.set_ylim(0, 1)
    ax.set_title(title, fontsize=8)
    return ax


def heat_map(rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[float]],
             title: str = "", ax=None):
    """A learners x categories heat map in cividis (readable in greyscale), with a colour bar."""
    ax = _axes(ax, size=(max(4, 0.5 * len(columns) + 2), max(3, 0.22 * len(rows) + 1.5)))
    image = ax.imshow(values, cmap="cividis", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(columns)), columns)
    ax.set_yticks(range(len(rows)), rows, fontsize=6)
    ax.set_xlabel("SAMHSA competency category")
    ax.set_title(title)
    ax.figure.colorbar(image, ax=ax, label="share of points")
    ax.figure.tight_layout()
    return ax
