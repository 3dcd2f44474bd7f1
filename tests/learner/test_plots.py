"""Plots take data and an optional Axes and return the Axes; figures carry a text alternative."""

from __future__ import annotations

import base64

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from course_utils.core.vocab import COMPETENCIES  # noqa: E402
from course_utils.learner.plots import (  # noqa: E402
    bars_alt,
    competency_label,
    figure_bundle,
    percent_bars,
    score_histogram,
    wrap_label,
)


class TestScoreHistogram:
    def test_counts_every_learner_on_given_axes(self):
        _, ax = plt.subplots()
        returned = score_histogram([1, 2, 2, 7.5], 8, ax=ax)
        assert returned is ax
        assert sum(p.get_height() for p in ax.patches) == 4
        assert "out of 8" in ax.get_xlabel()
        plt.close(ax.figure)


class TestCompetencyLabel:
    @pytest.mark.parametrize("number", sorted(COMPETENCIES))
    def test_every_samhsa_category_has_a_short_name_that_fits_two_lines(self, number):
        label = competency_label(number)
        assert not label.isdigit() and len(label) <= 24
        assert "..." not in wrap_label(label) and wrap_label(label).count("\n") <= 1

    def test_short_names_are_all_different(self):
        assert len({competency_label(c) for c in COMPETENCIES}) == len(COMPETENCIES)

    def test_unknown_number_is_named_as_a_category(self):
        assert competency_label(13) == "Category 13"


class TestWrapLabel:
    def test_long_text_is_broken_into_short_lines(self):
        wrapped = wrap_label("Being present with someone in distress")
        assert wrapped.split("\n") == ["Being present", "with someone", "in distress"]

    def test_text_beyond_the_last_line_is_cut_with_dots(self):
        wrapped = wrap_label("one two three four five six seven eight nine ten", width=9, lines=2)
        assert wrapped.count("\n") == 1 and wrapped.endswith("...")

    def test_short_text_is_unchanged(self):
        assert wrap_label("Teamwork") == "Teamwork"


class TestPercentBars:
    def test_bars_follow_the_given_order_and_values(self):
        ax = percent_bars(["Caring\nrelationships", "Teamwork"], [80, 40], title="Results")
        assert [t.get_text() for t in ax.get_xticklabels()] == ["Caring\nrelationships", "Teamwork"]
        assert [p.get_height() for p in ax.patches] == [80, 40]
        assert ax.get_title() == "Results"
        plt.close(ax.figure)

    def test_wrapped_labels_stay_upright_even_with_many_bars(self):
        ax = percent_bars([wrap_label(competency_label(c)) for c in COMPETENCIES], [50] * 12)
        assert {t.get_rotation() for t in ax.get_xticklabels()} == {0}
        plt.close(ax.figure)

    def test_many_one_line_labels_are_turned(self):
        ax = percent_bars([f"item-{n}" for n in range(9)], [50] * 9)
        assert {t.get_rotation() for t in ax.get_xticklabels()} == {45}
        plt.close(ax.figure)


class TestBarsAlt:
    def test_names_what_is_shown_and_each_bar_in_order(self):
        alt = bars_alt("your practice results by competency", ["Communication", "Teamwork"], [80, 33.4])
        assert alt == "Bar chart of your practice results by competency: Communication 80%, Teamwork 33%."

    def test_line_breaks_in_labels_read_as_spaces(self):
        assert "Caring relationships 50%" in bars_alt("x", ["Caring\nrelationships"], [50])

    def test_no_bars_says_so(self):
        assert bars_alt("x", [], []) == "Bar chart of x: no bars."


class TestFigureBundle:
    @pytest.fixture
    def bundle(self):
        ax = percent_bars(["A"], [50])
        return figure_bundle(ax.figure, 'Bar chart of "quotes" & <tags>: A 50%.', caption="Title")

    def test_html_is_an_img_with_the_alt_text_escaped_and_a_caption(self, bundle):
        html = bundle["text/html"]
        assert html.startswith('<figure><img src="data:image/png;base64,')
        assert 'alt="Bar chart of &quot;quotes&quot; &amp; &lt;tags&gt;: A 50%."' in html
        assert html.endswith("<figcaption>Title</figcaption></figure>")

    def test_png_and_plain_text_come_too(self, bundle):
        assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG\r\n\x1a\n")
        assert bundle["image/png"] in bundle["text/html"]
        assert bundle["text/plain"] == 'Bar chart of "quotes" & <tags>: A 50%.'

    def test_no_caption_leaves_the_figcaption_out(self):
        bundle = figure_bundle(percent_bars(["A"], [50]).figure, "alt")
        assert "<figcaption>" not in bundle["text/html"]

    def test_the_figure_is_closed(self):
        plt.close("all")
        figure_bundle(percent_bars(["A"], [50]).figure, "alt")
        assert plt.get_fignums() == []
