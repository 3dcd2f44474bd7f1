"""Plots for learners and instructors: functions take data and an optional Axes."""

from __future__ import annotations

from collections.abc import Sequence


def score_histogram(scores: Sequence[float], max_score: float, ax=None):
    """Histogram of total scores; returns the Axes."""
    import matplotlib
    from matplotlib.ticker import MaxNLocator

    if ax is None:
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(6, 3.5))
    bins = max(5, min(20, int(max_score * 2)))
    ax.hist(scores, bins=bins, range=(0, max_score), color="#1f77b4", edgecolor="black",
            hatch="//")
    ax.set_xlabel(f"Auto-graded score (out of {max_score:g})")
    ax.set_ylabel("Learners")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Scores of the cohort")
    return ax
