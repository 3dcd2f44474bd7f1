"""Plots for learners and instructors: functions take data and an optional Axes.

Colours come from the Okabe-Ito palette (safe for colour-blind readers) and every bar also
carries a hatch pattern, so the plots stay readable in greyscale.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def percent_bars(labels: Sequence[str], percents: Sequence[float], title: str = "",
                 xlabel: str = "", ax=None):
    """Bars of percentages (0-100), one colour and hatch per bar; returns the Axes."""
    ax = _axes(ax, size=(max(4, 0.6 * len(labels) + 2), 3.5))
    colours = [OKABE_ITO[n % len(OKABE_ITO)] for n in range(len(labels))]
    bars = ax.bar(range(len(labels)), percents, color=colours, edgecolor="black")
    for n, bar in enumerate(bars):
        bar.set_hatch(HATCHES[n % len(HATCHES)])
        ax.annotate(f"{percents[n]:.0f}%", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center", va="bottom", fontsize=8)
    ax.set_xticks(range(len(labels)), labels, rotation=0 if len(labels) < 8 else 45)
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
