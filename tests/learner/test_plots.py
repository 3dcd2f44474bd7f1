"""Plots take data and an optional Axes and return the Axes."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from course_utils.learner.plots import score_histogram  # noqa: E402


class TestScoreHistogram:
    def test_counts_every_learner_on_given_axes(self):
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
        returned = score_histogram([1, 2, 2, 7.5], 8, ax=ax)
        assert returned is ax
        assert sum(p.get_height() for p in ax.patches) == 4
        assert "out of 8" in ax.get_xlabel()
        plt.close(ax.figure)
