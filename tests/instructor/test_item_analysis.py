"""Item analysis and the cohort report, including recovery of simulated item difficulties."""

from __future__ import annotations

import shutil

import pytest
from helpers import ASSIGNMENT, REPO, run_notebook

from course_utils.cli import main
from course_utils.content.loader import load_course, load_module
from course_utils.instructor.item_analysis import (
    analyse,
    answers_from_submissions,
    cronbach_alpha,
    display_seeds,
    pearson,
)
from course_utils.instructor.simulate import make_cohort, simulate_answers, simulate_submissions


def ranks(values):
    order = sorted(range(len(values)), key=lambda n: values[n])
    result = [0.0] * len(values)
    for rank, n in enumerate(order):
        result[n] = float(rank)
    return result


class TestStatistics:
    def test_cronbach_alpha_of_perfectly_consistent_items_is_one(self):
        matrix = [[0, 0, 0], [1, 1, 1], [1, 1, 1], [0, 0, 0]]
        assert cronbach_alpha(matrix) == pytest.approx(1.0)

    def test_cronbach_alpha_of_unrelated_items_is_low(self):
        matrix = [[1, 0], [0, 1], [1, 0], [0, 1]]
        assert cronbach_alpha(matrix) <= 0

    def test_pearson_without_spread_is_zero(self):
        assert pearson([1, 1, 1], [0, 1, 2]) == 0.0


class TestAnalyse:
    def test_flags_an_item_everyone_gets_right(self):
        module = load_module(REPO / "content" / ASSIGNMENT)
        item = next(i for i in module.items if i.kind == "best_response" and i.graded)
        answers = {f"s{n}": {item.id: item.key} for n in range(6)}
        stats = next(s for s in analyse(module, answers).items if s.item_id == item.id)
        assert stats.difficulty == 1.0 and "too easy" in stats.flags
        assert stats.choices_top[item.key] == 1.0

    def test_recovers_simulated_difficulties_from_300_learners(self):
        """Spearman between estimated difficulty and the simulated 2PL difficulty is >= 0.9."""
        exam = next(m for m in load_course(REPO / "content") if m.assignment == "practice_exam")
        learners = make_cohort(300, seed=21)
        params, answers = simulate_answers(exam, learners, seed=21)
        analysis = analyse(exam, {s.student_id: a for s, a in zip(learners, answers, strict=True)})
        estimated = [s.difficulty for s in analysis.items]
        simulated = [-params[s.item_id][1] for s in analysis.items]  # easier = higher
        assert pearson(ranks(estimated), ranks(simulated)) >= 0.9
        assert 0.5 < analysis.alpha <= 1.0


@pytest.mark.slow
class TestFromSubmissions:
    def test_autograded_is_preferred_and_submitted_is_the_configured_folder(self, tmp_path):
        from course_utils.core.storage import AnswerStore

        course = tmp_path
        (course / "nbgrader_config.py").write_text(
            'c = get_config()\nc.CourseDirectory.submitted_directory = "handed_in"\n')
        (course / "handed_in" / "ana" / ASSIGNMENT).mkdir(parents=True)
        AnswerStore(course / "handed_in" / "ana" / ASSIGNMENT).set("bp-1", "a")
        assert answers_from_submissions(course, ASSIGNMENT) == {"ana": {"bp-1": "a"}}
        assert set(display_seeds(course, ASSIGNMENT)) == {"ana"}
        (course / "autograded" / "ben" / ASSIGNMENT).mkdir(parents=True)
        AnswerStore(course / "autograded" / "ben" / ASSIGNMENT).set("bp-1", "b")
        assert answers_from_submissions(course, ASSIGNMENT) == {"ben": {"bp-1": "b"}}


class TestCueFlags:
    def item(self, key_text: str):
        from course_utils.items.model import Item, Option, Scenario

        return Item(id="cue-1", kind="best_response", mode="graded", prompt="p",
                    scenario=Scenario("s"), competencies=(1,), points=1.0, key="b",
                    options=(Option("a", "Calm down.", ""), Option("b", key_text, ""),
                             Option("c", "You should rest.", ""), Option("d", "Go home.", "")))

    def test_longest_key_that_weak_learners_choose_and_lone_question_are_flagged(self):
        from course_utils.instructor.item_analysis import cue_flags

        item = self.item("That sounds frightening. What happened tonight?")
        flags = cue_flags(item, [], {"b": 0.5}, {"b": 0.6})
        assert any("longest" in f for f in flags) and any("only option" in f for f in flags)

    def test_longest_key_that_strong_learners_choose_more_is_not_flagged_for_length(self):
        from course_utils.instructor.item_analysis import cue_flags

        item = self.item("That sounds frightening, and I'm here with you tonight.")
        assert cue_flags(item, [], {"b": 0.9}, {"b": 0.3}) == ()

    def test_balanced_key_is_not_flagged(self):
        from course_utils.instructor.item_analysis import cue_flags

        assert cue_flags(self.item("I'm here."), [f"user:{n}" for n in range(20)]) == ()

    def test_key_at_one_position_for_most_learners_is_flagged(self):
        from course_utils.instructor.item_analysis import cue_flags

        flags = cue_flags(self.item("I'm here."), [None] * 6)  # no seeds: the file order for all
        assert any("position gives the key away: 6 of 6 learners saw it at (b)" in f for f in flags)

    def test_bottom_third_choosing_the_key_more_is_flagged(self):
        from course_utils.instructor.item_analysis import _flags

        flags = _flags(self.item("I'm here."), 0.5, 0.1, {"b": 0.2, "a": 0.8}, {"b": 0.7, "a": 0.3})
        assert any("weak learners choose the key" in f for f in flags)


class TestReport:
    def test_report_page_and_figures_for_a_simulated_cohort(self, built_course, tmp_path, capsys):
        course = tmp_path / "course"
        shutil.copytree(built_course, course)
        module = load_module(course / "content" / ASSIGNMENT)
        subs = simulate_submissions(module, course / "release", course / "submitted",
                                    make_cohort(9, 4), 4)
        assert main(["--course", str(course), "report", ASSIGNMENT, "--out",
                     str(tmp_path / "reports")]) == 0
        folder = tmp_path / "reports" / ASSIGNMENT
        assert {p.name for p in folder.glob("*.png")} == {
            "scores.png", "difficulty.png", "discrimination.png", "distractors.png",
            "competencies.png"}
        page = (folder / "index.html").read_text()
        assert "Cronbach" in page and page.count("data:image/png;base64,") == 5
        assert "bp-validate-feeling" in page
        kinds = {i.id: i.kind for i in module.items}
        texts = [a for s in subs for item_id, a in s.answers.items()
                 if kinds[item_id] in ("written_reply", "reflection") and a]
        assert texts and not [t for t in texts if t in page], "learners' own words must stay out"

    def test_dashboard_notebook_shows_the_figures(self, built_course, tmp_path):
        course = tmp_path / "course"
        shutil.copytree(built_course, course)
        module = load_module(course / "content" / ASSIGNMENT)
        simulate_submissions(module, course / "release", course / "submitted",
                             make_cohort(6, 8), 8)
        path = course / "notebooks" / "instructor_dashboard.ipynb"
        outputs = run_notebook(path, timeout=180)
        assert not [o for o in outputs if o.output_type == "error"]
        assert sum("image/png" in o.get("data", {}) for o in outputs) >= 5
