"""Simulated learners: valid answers of every kind, the same for a seed, better with ability."""

from __future__ import annotations

import json
import random
import statistics
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import REPO

from course_utils.content.loader import load_course
from course_utils.core.storage import read_answers, read_display_seed
from course_utils.instructor.simulate import (
    Learner,
    item_parameters,
    make_cohort,
    p_correct,
    simulate_answer,
    simulate_answers,
    simulate_submissions,
)
from course_utils.items.conversation import replay
from course_utils.items.kind import kind_of
from course_utils.items.model import Item, Module
from course_utils.items.public import items_document
from course_utils.items.scoring import score_item, well_formed

MODULES = load_course(REPO / "content")
ITEMS = [item for m in MODULES for item in m.items]
CHOICE_KINDS = ("best_response", "select_all", "rank", "classify", "branching")
SAMPLE_REPLIES = kind_of("written_reply").sample_answers
SAMPLE_REFLECTIONS = kind_of("reflection").sample_answers
BRANCHING = kind_of("branching")


def of_kind(*kinds: str) -> list[Item]:
    return [i for i in ITEMS if i.kind in kinds]


def fraction(item: Item, answer) -> float:
    """The share of points an answer earns, practice items scored as if worth a point."""
    return score_item(replace(item, points=1.0), answer).fraction


def assert_valid(item: Item, answer) -> None:
    """The answer is one the learner's widget for this kind could have saved."""
    ids = [o.id for o in item.options]
    assert well_formed(item, answer), (item.id, answer)
    if item.kind == "best_response":
        assert answer in ids
    elif item.kind == "select_all":
        assert set(answer) <= set(ids) and len(set(answer)) == len(answer)
    elif item.kind == "rank":
        assert set(answer) == set(ids)
        assert sorted(answer.values()) == list(range(1, len(ids) + 1))
    elif item.kind == "classify":
        assert set(answer) == set(ids)
        assert all(label in item.labels for label in answer.values())
    elif item.kind == "branching":
        steps, current = replay(item.turns, answer)
        assert len(steps) == len(answer) and current is None  # every reply taken, conversation over
    elif item.kind == "written_reply":
        assert answer in SAMPLE_REPLIES
    elif item.kind == "roleplay":
        from course_utils.items.roleplay import TURNS
        from course_utils.items.roleplay_play import play_talk

        talk = play_talk(item, answer["replies"], answer["seed"])
        assert len(talk.steps) == len(answer["replies"]), "no reply after the end"
        assert talk.ended and len(talk.steps) <= TURNS[1]  # every reply heard, conversation over
    elif item.kind == "observer_checklist":
        assert not kind_of(item).blank(answer)
    else:
        assert answer in SAMPLE_REFLECTIONS


class TestSimulateAnswer:
    @pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.id)
    def test_every_answer_is_valid_for_its_kind(self, item):
        rng = random.Random(item.id)
        for p in (0.0, 0.3, 0.7, 1.0):
            for _ in range(10):
                assert_valid(item, simulate_answer(item, p, rng))

    def test_same_seed_gives_the_same_answers(self):
        first = [simulate_answer(i, 0.5, random.Random(3)) for i in ITEMS]
        again = [simulate_answer(i, 0.5, random.Random(3)) for i in ITEMS]
        assert first == again

    def test_different_seeds_give_different_answers(self):
        def draw(seed: int) -> list:
            rng = random.Random(seed)
            return [simulate_answer(i, 0.5, rng) for i in ITEMS]

        assert draw(1) != draw(2)

    @pytest.mark.parametrize("item", of_kind(*CHOICE_KINDS), ids=lambda i: i.id)
    def test_certain_learner_earns_full_marks(self, item):
        assert fraction(item, simulate_answer(item, 1.0, random.Random(0))) == 1.0

    @pytest.mark.parametrize("item", of_kind("best_response"), ids=lambda i: i.id)
    def test_hopeless_learner_never_chooses_the_key(self, item):
        rng = random.Random(0)
        assert all(simulate_answer(item, 0.0, rng) != item.key for _ in range(20))

    @pytest.mark.parametrize("item", of_kind("select_all"), ids=lambda i: i.id)
    def test_hopeless_learner_ticks_exactly_the_wrong_options(self, item):
        answer = simulate_answer(item, 0.0, random.Random(0))
        assert set(answer) == {o.id for o in item.options} - set(item.key)
        assert fraction(item, answer) == 0.0

    @pytest.mark.parametrize("item", of_kind("classify"), ids=lambda i: i.id)
    def test_hopeless_learner_mislabels_every_statement(self, item):
        answer = simulate_answer(item, 0.0, random.Random(0))
        key = dict(item.key)
        assert all(answer[oid] != key[oid] for oid in key)
        assert fraction(item, answer) == 0.0

    @pytest.mark.parametrize("item", of_kind("rank"), ids=lambda i: i.id)
    def test_hopeless_ranking_moves_the_best_reply_to_the_bottom(self, item):
        """p=0 swaps every adjacent pair once, in order: the key's first reply sinks to last."""
        answer = simulate_answer(item, 0.0, random.Random(0))
        key = list(item.key)
        assert answer == {oid: place for place, oid in enumerate(key[1:] + key[:1], start=1)}
        assert fraction(item, answer) < 1.0

    @pytest.mark.parametrize("kind,pool", [("written_reply", SAMPLE_REPLIES),
                                           ("reflection", SAMPLE_REFLECTIONS)])
    def test_text_answers_are_drawn_from_the_samples_whatever_p(self, kind, pool):
        item = of_kind(kind)[0]
        rng = random.Random(0)
        drawn = {simulate_answer(item, p, rng) for p in (0.0, 1.0) for _ in range(60)}
        assert drawn == set(pool)

    @pytest.mark.parametrize("item", of_kind(*CHOICE_KINDS), ids=lambda i: i.id)
    def test_higher_p_scores_higher_on_average(self, item):
        rng = random.Random(item.id)

        def mean(p: float) -> float:
            return statistics.fmean(fraction(item, simulate_answer(item, p, rng)) for _ in range(60))

        assert mean(0.9) > mean(0.2)


class TestSimulateConversation:
    """Every conversation of the course, walked by the branching kind's simulated learner."""

    @pytest.mark.parametrize("item", of_kind("branching"), ids=lambda i: i.id)
    def test_certain_learner_says_the_best_reply_at_every_turn(self, item):
        path = BRANCHING.simulate(item, 1.0, random.Random(0))
        steps, current = replay(item.turns, path)
        assert current is None
        assert all(reply.quality == max(r.quality for r in turn.replies) for turn, reply in steps)

    @pytest.mark.parametrize("item", of_kind("branching"), ids=lambda i: i.id)
    def test_hopeless_learner_never_says_the_first_best_reply(self, item):
        rng = random.Random(0)
        for _ in range(10):
            steps, current = replay(item.turns, BRANCHING.simulate(item, 0.0, rng))
            assert current is None and steps
            for turn, reply in steps:
                assert reply is not max(turn.replies, key=lambda r: r.quality)

    def test_path_starts_at_the_first_turn(self):
        item = of_kind("branching")[0]
        path = BRANCHING.simulate(item, 1.0, random.Random(0))
        assert path[0] in {r.id for r in item.turns[0].replies}


class TestPCorrect:
    def test_is_one_half_when_ability_equals_difficulty(self):
        assert p_correct(0.7, 1.3, 0.7) == pytest.approx(0.5)

    def test_rises_with_ability(self):
        values = [p_correct(a, 1.2, 0.0) for a in (-3, -1, 0, 1, 3)]
        assert values == sorted(values) and len(set(values)) == 5
        assert 0.0 < values[0] < 0.05 and 0.95 < values[-1] < 1.0

    def test_is_symmetric_about_the_difficulty(self):
        assert p_correct(1.5, 1.0, 0.5) + p_correct(-0.5, 1.0, 0.5) == pytest.approx(1.0)

    def test_higher_discrimination_is_steeper(self):
        assert p_correct(1.0, 1.8, 0.0) > p_correct(1.0, 0.8, 0.0)
        assert p_correct(-1.0, 1.8, 0.0) < p_correct(-1.0, 0.8, 0.0)


class TestItemParameters:
    def test_discrimination_is_between_0_8_and_1_8(self):
        rng = random.Random(0)
        draws = [item_parameters(ITEMS[0], rng) for _ in range(500)]
        assert all(0.8 <= a <= 1.8 for a, _ in draws)

    def test_difficulty_is_centred_on_zero(self):
        rng = random.Random(0)
        difficulties = [item_parameters(ITEMS[0], rng)[1] for _ in range(2000)]
        assert abs(statistics.fmean(difficulties)) < 0.1
        assert statistics.stdev(difficulties) == pytest.approx(0.8, abs=0.1)

    def test_same_seed_gives_the_same_parameters(self):
        assert item_parameters(ITEMS[0], random.Random(5)) == item_parameters(ITEMS[0], random.Random(5))


class TestMakeCohort:
    def test_n_learners_numbered_from_001(self):
        cohort = make_cohort(12, seed=1)
        assert [s.student_id for s in cohort] == [f"learner-{k:03d}" for k in range(1, 13)]

    def test_same_seed_gives_the_same_cohort(self):
        assert make_cohort(5, seed=4) == make_cohort(5, seed=4)
        assert make_cohort(5, seed=4) != make_cohort(5, seed=5)

    def test_abilities_have_mean_0_5_and_sd_1(self):
        abilities = [s.ability for s in make_cohort(3000, seed=2)]
        assert statistics.fmean(abilities) == pytest.approx(0.5, abs=0.08)
        assert statistics.stdev(abilities) == pytest.approx(1.0, abs=0.08)

    def test_no_learners_for_zero(self):
        assert make_cohort(0, seed=1) == []


def total(module: Module, answers: dict) -> float:
    """Points earned on the auto-graded items, by the real scoring."""
    return sum(score_item(i, answers[i.id]).earned for i in module.items if i.auto_graded)


class TestSimulateAnswers:
    def test_parameters_for_every_item_and_answers_for_every_learner(self, module):
        learners = make_cohort(4, seed=1)
        params, answers = simulate_answers(module, learners, seed=1)
        assert set(params) == {i.id for i in module.items}
        assert len(answers) == 4
        for given in answers:
            assert set(given) == {i.id for i in module.items}
            for item in module.items:
                assert_valid(item, given[item.id])

    def test_same_seed_gives_the_same_simulation(self, module):
        learners = make_cohort(6, seed=3)
        assert simulate_answers(module, learners, 3) == simulate_answers(module, learners, 3)
        assert simulate_answers(module, learners, 3) != simulate_answers(module, learners, 4)

    def test_stronger_learner_scores_higher_on_average(self, module):
        strong, weak = Learner("strong", 2.5), Learner("weak", -1.5)
        scores = {"strong": [], "weak": []}
        for seed in range(30):
            _, (a, b) = simulate_answers(module, [strong, weak], seed)
            scores["strong"].append(total(module, a))
            scores["weak"].append(total(module, b))
        possible = sum(i.points for i in module.items if i.auto_graded)
        assert statistics.fmean(scores["strong"]) > statistics.fmean(scores["weak"]) + 0.2 * possible

    def test_score_follows_ability_across_a_cohort(self, module):
        learners = make_cohort(120, seed=9)
        _, answers = simulate_answers(module, learners, seed=9)
        scores = [total(module, a) for a in answers]
        assert statistics.correlation([s.ability for s in learners], scores) > 0.5


def make_release(module: Module, root: Path) -> Path:
    """A release folder holding the module's items file, as build and nbgrader leave it."""
    folder = root / "release" / module.assignment
    folder.mkdir(parents=True)
    (folder / "items.json").write_text(json.dumps(items_document(module)), encoding="utf-8")
    (folder / f"{module.assignment}.ipynb").write_text("{}", encoding="utf-8")
    return root / "release"


def saved_form(answers: dict) -> dict:
    """The answers the widgets save: an empty select-all ticks no box, so nothing is saved."""
    return {k: v for k, v in answers.items() if v != []}


LEARNERS = make_cohort(3, seed=2)


@pytest.fixture(scope="module")
def submitted(module, tmp_path_factory):
    """Three simulated learners' submissions of module 1: (release, submitted, results)."""
    root = tmp_path_factory.mktemp("simulated")
    release = make_release(module, root)
    subs = simulate_submissions(module, release, root / "submitted", LEARNERS, seed=2)
    return release, root / "submitted", subs


class TestSimulateSubmissions:
    def test_each_learner_gets_a_submitted_copy_of_the_release(self, module, submitted):
        release, out, _ = submitted
        items = (release / module.assignment / "items.json").read_bytes()
        for learner in LEARNERS:
            folder = out / learner.student_id / module.assignment
            assert (folder / "items.json").read_bytes() == items
            assert (folder / f"{module.assignment}.ipynb").is_file()
            assert (folder / "timestamp.txt").read_text(encoding="utf-8").endswith(" UTC\n")

    def test_one_result_per_learner_in_order(self, submitted):
        _, _, subs = submitted
        assert [s.learner for s in subs] == LEARNERS

    def test_saved_answers_are_the_simulated_ones(self, module, submitted):
        _, out, subs = submitted
        for sub in subs:
            assert set(sub.answers) == {i.id for i in module.items}
            assert read_answers(out / sub.learner.student_id / module.assignment) == saved_form(sub.answers)

    def test_answers_match_simulate_answers_for_the_same_seed(self, module, submitted):
        _, _, subs = submitted
        _, expected = simulate_answers(module, LEARNERS, seed=2)
        assert [s.answers for s in subs] == expected

    def test_display_seed_is_the_learners_id(self, module, submitted):
        _, out, subs = submitted
        for sub in subs:
            folder = out / sub.learner.student_id / module.assignment
            assert read_display_seed(folder) == f"user:{sub.learner.student_id}"

    def test_expected_scores_are_the_real_scores_of_auto_graded_items(self, module, submitted):
        _, _, subs = submitted
        auto = {i.id for i in module.items if i.auto_graded}
        for sub in subs:
            assert set(sub.expected) == auto
            for item_id, earned in sub.expected.items():
                assert earned == score_item(module.item(item_id), sub.answers[item_id]).earned

    def test_running_again_replaces_the_earlier_copy(self, module, tmp_path):
        release = make_release(module, tmp_path)
        learners = make_cohort(1, seed=3)
        simulate_submissions(module, release, tmp_path / "submitted", learners, seed=3)
        folder = tmp_path / "submitted" / learners[0].student_id / module.assignment
        (folder / "stray.txt").write_text("left over", encoding="utf-8")
        subs = simulate_submissions(module, release, tmp_path / "submitted", learners, seed=3)
        assert not (folder / "stray.txt").exists()
        assert read_answers(folder) == saved_form(subs[0].answers)


class TestPCorrectAtTheExtremes:
    @pytest.mark.parametrize(("ability", "expected"), [(-1e6, 0.0), (1e6, 1.0), (0.0, 0.5)])
    def test_far_abilities_give_zero_or_one_without_overflow(self, ability, expected):
        assert p_correct(ability, 1.5, 0.0) == pytest.approx(expected)
