"""Item analysis, final scores from the gradebook, and the cohort report on a simulated cohort."""

from __future__ import annotations

import shutil

import pytest
from gradebooks import override, record
from helpers import ASSIGNMENT, REPO, run_notebook

from course_utils.cli import main
from course_utils.content.loader import load_course, load_module
from course_utils.instructor.item_analysis import (
    FLAG_CODES,
    NOT_IN_GRADEBOOK,
    Flag,
    analyse,
    answers_from_submissions,
    cronbach_alpha,
    display_seeds,
    final_scores,
    pearson,
    same_place_chance,
)
from course_utils.instructor.simulate import make_cohort, simulate_answers, simulate_submissions
from course_utils.items.model import Item, Module, Option, Scenario


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
        assert stats.difficulty == 1.0 and [f.code for f in stats.flags][0] == "too_easy"
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


SMALL = Module("mini", 1, "Mini", "", items=(
    Item(id="q1", kind="best_response", mode="graded", prompt="p", scenario=Scenario("s"),
         competencies=(1,), points=1.0, key="a",
         options=(Option("a", "I'm here.", ""), Option("b", "Calm down.", ""))),
    Item(id="q2", kind="best_response", mode="graded", prompt="p", scenario=Scenario("s"),
         competencies=(9,), points=2.0, key="b",
         options=(Option("a", "Go home.", ""), Option("b", "Take your time.", ""))),
    Item(id="r1", kind="reflection", mode="graded", prompt="p", scenario=Scenario("s"),
         competencies=(12,), points=2.0),
))


class TestFlags:
    def test_every_flag_analyse_raises_has_a_known_code(self):
        exam = next(m for m in load_course(REPO / "content") if m.assignment == "practice_exam")
        learners = make_cohort(30, seed=5)
        _, answers = simulate_answers(exam, learners, seed=5)
        analysis = analyse(exam, {s.student_id: a for s, a in zip(learners, answers, strict=True)})
        codes = {f.code for s in analysis.items for f in s.flags}
        assert codes and codes <= set(FLAG_CODES)

    def test_a_flag_reads_as_its_text(self):
        assert str(Flag("too_easy", "too easy")) == "too easy"


class TestAnalyseWithScores:
    def test_final_scores_are_used_instead_of_the_raw_answers(self):
        """s2 chose the wrong option, but a grader gave full marks: q1's difficulty is 1."""
        answers = {"s1": {"q1": "a", "q2": "b"}, "s2": {"q1": "b", "q2": "b"}}
        assert analyse(SMALL, answers).items[0].difficulty == 0.5
        scores = {"s1": {"q1": 1.0, "q2": 1.0}, "s2": {"q1": 1.0, "q2": 1.0}}
        analysis = analyse(SMALL, answers, scores=scores)
        assert analysis.items[0].difficulty == 1.0
        assert analysis.totals == (1.0, 1.0)

    def test_the_learners_are_those_with_final_scores(self):
        answers = {"s1": {"q1": "a"}, "s2": {"q1": "b"}, "s3": {"q1": "a"}}
        scores = {"s2": {"q1": 0.0, "q2": 1.0}, "s4": {"q1": 1.0, "q2": 0.0}}
        analysis = analyse(SMALL, answers, scores=scores)
        assert analysis.learners == ("s2", "s4")
        assert analysis.totals == pytest.approx((2 / 3, 1 / 3))  # q2 is worth 2 of 3 points

    def test_choices_still_come_from_the_answers(self):
        answers = {"s1": {"q1": "b"}, "s2": {"q1": "b"}}
        scores = {"s1": {"q1": 1.0, "q2": 1.0}, "s2": {"q1": 0.0, "q2": 0.0}}
        q1 = analyse(SMALL, answers, scores=scores).items[0]
        assert q1.choices_top == {"a": 0.0, "b": 1.0} and q1.choices_bottom == {"a": 0.0, "b": 1.0}


class TestFinalScores:
    def test_each_learner_gets_a_share_of_each_scored_item(self, tmp_path):
        record(tmp_path, SMALL, {"ana": {"q1": 1.0, "q2": 1.0}, "ben": {"q1": 0.0, "q2": 2.0}})
        final = final_scores(tmp_path, SMALL)
        assert final.scores == {"ana": {"q1": 1.0, "q2": 0.5}, "ben": {"q1": 0.0, "q2": 1.0}}
        assert final.missing == {}

    def test_a_manual_score_overrides_the_auto_score(self, tmp_path):
        record(tmp_path, SMALL, {"ana": {"q1": 0.0, "q2": 2.0}})
        override(tmp_path, SMALL, "ana", "q1", 1.0)
        override(tmp_path, SMALL, "ana", "q2", 0.5)
        assert final_scores(tmp_path, SMALL).scores == {"ana": {"q1": 1.0, "q2": 0.25}}

    def test_extra_credit_does_not_count_as_more_than_full_marks(self, tmp_path):
        record(tmp_path, SMALL, {"ana": {"q1": 1.0, "q2": 1.0}})
        override(tmp_path, SMALL, "ana", "q2", 2.0, extra_credit=1.0)
        assert final_scores(tmp_path, SMALL).scores["ana"]["q2"] == 1.0

    def test_a_submitter_without_gradebook_entry_is_missing(self, tmp_path):
        record(tmp_path, SMALL, {"ana": {"q1": 1.0, "q2": 2.0}})
        final = final_scores(tmp_path, SMALL, ["ana", "cy"])
        assert list(final.scores) == ["ana"] and final.missing == {"cy": NOT_IN_GRADEBOOK}

    def test_an_unscored_grade_leaves_the_learner_missing_with_the_items(self, tmp_path):
        record(tmp_path, SMALL, {"ana": {"q1": 1.0}, "ben": {"q1": 1.0, "q2": 2.0}})
        final = final_scores(tmp_path, SMALL, ["ana"])
        assert final.missing == {"ana": "not graded yet in the gradebook: q2"}
        assert list(final.scores) == ["ben"]

    def test_without_a_gradebook_everyone_is_missing_and_none_is_created(self, tmp_path):
        final = final_scores(tmp_path, SMALL, ["ana"])
        assert final.scores == {} and final.missing == {"ana": NOT_IN_GRADEBOOK}
        assert not (tmp_path / "gradebook.db").exists()

    def test_other_assignments_do_not_count(self, tmp_path):
        other = Module("other", 2, "Other", "", items=SMALL.items)
        record(tmp_path, other, {"ana": {"q1": 1.0, "q2": 2.0}})
        assert final_scores(tmp_path, SMALL).scores == {}

    def test_the_gradebook_url_comes_from_db_url(self, tmp_path, monkeypatch):
        """CPSW_DB_URL names another gradebook: the course's own file is not read."""
        from course_utils.autograde.gradebook import DB_URL_ENV

        record(tmp_path, SMALL, {"ana": {"q1": 1.0, "q2": 2.0}})
        elsewhere = tmp_path / "server"
        elsewhere.mkdir()
        record(elsewhere, SMALL, {"ben": {"q1": 0.0, "q2": 0.0}})
        monkeypatch.setenv(DB_URL_ENV, f"sqlite:///{elsewhere / 'gradebook.db'}")
        assert list(final_scores(tmp_path, SMALL).scores) == ["ben"]


class TestSamePlaceChance:
    def test_everyone_at_one_place_is_unlikely(self):
        assert same_place_chance(6, 4, 6) == pytest.approx(4 * 0.25 ** 6)

    def test_most_at_one_place_in_a_small_cohort_is_common(self):
        assert same_place_chance(6, 4, 4) > 0.1

    def test_is_a_probability(self):
        assert same_place_chance(3, 4, 1) == 1.0


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
        assert [f.code for f in flags] == ["length_cue", "question_cue"]
        assert "longest" in flags[0].text and "only option" in flags[1].text

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
        assert [(f.code, f.text) for f in flags] == [
            ("position_cue", "position gives the key away: 6 of 6 learners saw it at (b)")]

    def test_key_at_one_position_by_the_luck_of_shuffling_is_not_flagged(self):
        """4 of 6 at one of four places happens by chance about one time in seven."""
        from course_utils.instructor.item_analysis import cue_flags

        item = self.item("I'm here.")
        seeds = [s for s in (f"user:{n}" for n in range(400)) if self.place(item, s) == 1][:4]
        seeds += [s for s in (f"user:{n}" for n in range(400)) if self.place(item, s) != 1][:2]
        assert sorted(self.place(item, s) for s in seeds).count(1) == 4
        assert cue_flags(item, seeds) == ()

    def place(self, item, seed):
        from course_utils.core.display_order import DisplayOrder

        return DisplayOrder(seed).order([o.id for o in item.options], item.id).index(item.key)

    def test_bottom_third_choosing_the_key_more_is_flagged(self):
        from course_utils.instructor.item_analysis import _flags

        flags = _flags(self.item("I'm here."), 0.5, 0.1, {"b": 0.2, "a": 0.8}, {"b": 0.7, "a": 0.3})
        assert "bottom_choose_key" in [f.code for f in flags]
        assert any("weak learners choose the key" in f.text for f in flags)


class TestReport:
    def test_report_page_and_figures_for_a_simulated_cohort(self, built_course, tmp_path, capsys):
        course = tmp_path / "course"
        shutil.copytree(built_course, course)
        module = load_module(course / "content" / ASSIGNMENT)
        subs = simulate_submissions(module, course / "release", course / "submitted",
                                    make_cohort(9, 4), 4)
        record(course, module, {s.learner.student_id: s.expected for s in subs[:8]})  # one not graded
        assert main(["--course", str(course), "report", ASSIGNMENT, "--out",
                     str(tmp_path / "reports")]) == 0
        folder = tmp_path / "reports" / ASSIGNMENT
        assert {p.name for p in folder.glob("*.png")} == {
            "scores.png", "difficulty.png", "discrimination.png", "distractors.png",
            "competencies.png"}
        page = (folder / "index.html").read_text()
        assert "Cronbach" in page and page.count("data:image/png;base64,") == 5
        assert "<p>8 learners; " in page and "<li>learner-009: no entry in the gradebook" in page
        validate = module.item("bp-validate-feeling")
        assert "<tr><td>bp-validate-feeling</td><td>\u201cI told my boss exactly what I thought\u2026\u201d" \
               "</td>" in page and validate.scenario.peer_says.startswith("I told my boss exactly")
        kinds = {i.id: i.kind for i in module.items}
        texts = [a for s in subs for item_id, a in s.answers.items()
                 if kinds[item_id] in ("written_reply", "reflection") and a]
        assert texts and not [t for t in texts if t in page], "learners' own words must stay out"

    def test_dashboard_notebook_shows_the_figures(self, built_course, tmp_path):
        course = tmp_path / "course"
        shutil.copytree(built_course, course)
        module = load_module(course / "content" / ASSIGNMENT)
        subs = simulate_submissions(module, course / "release", course / "submitted",
                                    make_cohort(6, 8), 8)
        record(course, module, {s.learner.student_id: s.expected for s in subs})
        path = course / "notebooks" / "instructor_dashboard.ipynb"
        outputs = run_notebook(path, timeout=180)
        assert not [o for o in outputs if o.output_type == "error"]
        assert sum("image/png" in o.get("data", {}) for o in outputs) >= 5
