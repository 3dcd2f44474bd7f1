"""The registry of item kinds (course_utils/items/kind.py), and what every kind must provide.

The last class is the point of the registry: a toy kind defined here, in its own module, works
in every stage (validation, scoring, rendering, the notebook, the learner's copy, the widget,
simulated and test-wise learners) with no other module changed.
"""

from __future__ import annotations

import ast
import copy
import json
import random
import subprocess
import sys
from dataclasses import replace
from typing import Any

import ipywidgets as w
import pytest
import yaml
from helpers import REPO

from course_utils.content import load_course
from course_utils.content.validation import _parse_item, parse_module
from course_utils.core.display_order import IN_FILE_ORDER, DisplayOrder
from course_utils.core.storage import AnswerStore, read_answers
from course_utils.core.vocab import ITEMS_FILE
from course_utils.instructor.simulate import make_cohort, simulate_answer, simulate_submissions
from course_utils.instructor.testwise import STRATEGIES, answer, learner_copy, shares
from course_utils.items.kind import FIELD_WORDS, KIND_FIELDS, ItemKind, kind_of, kinds, register, unregister
from course_utils.items.model import Item, Module, Problem
from course_utils.items.public import from_public, items_document, to_public
from course_utils.items.render import answer_html, answer_text, feedback_html, feedback_text
from course_utils.items.scoring import score_item
from course_utils.items.widgets import make_view
from course_utils.items.widgets.base import ItemView

BUILT_IN = ("best_response", "select_all", "rank", "classify", "written_reply", "reflection", "branching",
            "roleplay", "observer_checklist")
# The parts ItemKind leaves to each kind (its defaults raise NotImplementedError).
OPEN_PARTS = ("parse", "well_formed", "fraction", "feedback_html", "feedback_lines", "view",
              "simulate", "guess")
WHERE = "content/m1/module.yaml"


def parse(raw: Any) -> tuple[Item | None, list[Problem]]:
    """An item parsed by validation, and the problems found."""
    problems: list[Problem] = []
    return _parse_item(raw, 1, WHERE, problems), problems


class FirstShown:
    """A Guesser (kind.py's protocol) that likes the options in the order shown."""

    reply = "I'm here. What has been the hardest part?"

    def rank(self, item: Item, ids, texts) -> list[str]:
        return list(ids)

    def picks(self, item: Item, ids, texts) -> list[str]:
        return list(ids[:1])

    def label(self, item: Item, text: str) -> str:
        return item.labels[0]


@pytest.fixture(scope="module")
def examples() -> dict[str, tuple[dict, Item]]:
    """The first graded item of each kind in the course content, with its raw YAML mapping."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raws = {raw["id"]: raw for path in sorted((REPO / "content").glob("*/module.yaml"))
            for raw in yaml.load(path.read_text(encoding="utf-8"), Loader=loader)["items"]}
    found: dict[str, tuple[dict, Item]] = {}
    for module in load_course(REPO / "content"):
        for item in module.items:
            if item.graded and item.kind not in found:
                found[item.kind] = (raws[item.id], item)
    return found


class TestKinds:
    def test_lists_the_built_in_kinds_in_teaching_order(self):
        assert list(kinds()) == list(BUILT_IN)

    def test_each_kind_is_listed_under_its_own_name(self):
        assert all(kind.name == name for name, kind in kinds().items())

    def test_gives_a_copy_the_caller_cannot_change_the_registry_through(self):
        listed = kinds()
        listed.pop("rank")
        assert "rank" in kinds()

    def test_kind_registered_before_the_built_ins_still_comes_after_them(self):
        """'The built-in ones first': a kind whose module is imported first must not lead the list."""
        code = ("from course_utils.items.kind import ItemKind, kinds, register\n"
                "@register\n"
                "class Early(ItemKind):\n"
                "    name = 'early'\n"
                "print(','.join(kinds()))\n")
        out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                             text=True, check=True).stdout.strip()
        assert out.split(",") == [*BUILT_IN, "early"]


class TestKindOf:
    def test_item_and_its_kind_name_give_the_same_kind(self, examples):
        _, item = examples["rank"]
        assert kind_of(item) is kind_of("rank") is kinds()["rank"]

    def test_unknown_name_raises_key_error_naming_it_and_the_known_kinds(self):
        with pytest.raises(KeyError) as err:
            kind_of("true_false")
        message = err.value.args[0]
        assert "unknown item kind 'true_false'" in message
        assert all(name in message for name in BUILT_IN)


class TestRegister:
    def test_class_without_a_name_is_refused(self):
        class Nameless(ItemKind):
            pass

        with pytest.raises(ValueError, match="needs a name"):
            register(Nameless)

    def test_different_class_under_a_taken_name_is_refused(self):
        class Impostor(ItemKind):
            name = "best_response"

        with pytest.raises(ValueError, match="'best_response'"):
            register(Impostor)
        assert type(kind_of("best_response")).__name__ == "BestResponse"

    def test_same_class_again_is_allowed_and_keeps_its_place(self):
        """Re-importing a kind's module (a reload) registers the same class once more."""
        cls = type(kind_of("rank"))
        assert register(cls) is cls
        assert list(kinds()) == list(BUILT_IN)

    def test_returns_the_class_so_it_works_as_a_decorator(self, yes_no):
        assert register(YesNo) is YesNo


class TestUnregister:
    def test_forgotten_kind_is_unknown(self):
        class Passing(ItemKind):
            name = "passing"

        register(Passing)
        assert "passing" in kinds()
        unregister("passing")
        assert "passing" not in kinds()
        with pytest.raises(KeyError, match="passing"):
            kind_of("passing")

    def test_unknown_name_is_ignored(self):
        unregister("never_registered")
        assert list(kinds()) == list(BUILT_IN)


@pytest.mark.parametrize("name", BUILT_IN)
class TestEveryKind:
    """Every registered kind provides every part, checked on a real item from the content."""

    def test_has_a_title_and_takes_only_kind_fields(self, name):
        kind = kind_of(name)
        assert kind.title.strip()
        assert kind.answer_title.strip()
        assert kind.fields <= set(KIND_FIELDS)

    def test_overrides_every_part_the_base_leaves_open(self, name):
        cls = type(kind_of(name))
        assert [p for p in OPEN_PARTS if getattr(cls, p) is getattr(ItemKind, p)] == []

    def test_parse_of_the_raw_item_gives_the_items_own_fields(self, name, examples):
        raw, item = examples[name]
        said: list[tuple[str, str]] = []
        fields = kind_of(name).parse(raw, raw["mode"], tuple(raw.get("rubric") or ()),
                                     lambda f, m: said.append((f, m)))
        assert said == []
        assert set(fields) <= set(KIND_FIELDS)
        assert fields == {f: getattr(item, f) for f in fields}

    def test_simulated_right_answer_is_well_formed_and_full_marks(self, name, examples):
        """Written kinds are scored by a rubric, not a key: their sample answer is only well formed."""
        _, item = examples[name]
        kind = kind_of(name)
        given = kind.simulate(item, 1.0, random.Random(0))
        assert kind.well_formed(given)
        if kind.own_words:
            assert given and (isinstance(given, str) and given.strip() or isinstance(given, dict))
        else:
            assert score_item(item, given).earned == item.points > 0

    def test_simulated_answers_stay_well_formed_at_any_ability(self, name, examples):
        _, item = examples[name]
        kind = kind_of(name)
        rng = random.Random(1)
        assert all(kind.well_formed(kind.simulate(item, p, rng)) for p in (0.0, 0.3, 0.7) * 5)

    def test_fraction_is_a_share_and_a_reason(self, name, examples):
        """Reflections are not scored automatically: fraction refuses with ValueError."""
        _, item = examples[name]
        kind = kind_of(name)
        given = kind.simulate(item, 1.0, random.Random(0))
        if not kind.scored:
            with pytest.raises(ValueError, match="not automatically"):
                kind.fraction(item, given)
            return
        for value, note in (kind.fraction(item, given), kind.fraction(item, None)):
            assert 0.0 <= value <= 1.0
            assert isinstance(note, str) and note.strip()

    def test_answer_and_feedback_render_as_text(self, name, examples):
        _, item = examples[name]
        kind = kind_of(name)
        given = kind.simulate(item, 1.0, random.Random(0))
        display = DisplayOrder("user:kind-test")
        assert isinstance(kind.answer_text(item, given, display), str)
        assert kind.answer_text(item, given, display).strip()
        for shown in (given, None):
            html = kind.feedback_html(item, shown, display)
            lines = kind.feedback_lines(item, shown, display)
            assert isinstance(html, str) and html.strip()
            assert isinstance(lines, list) and all(isinstance(x, str) for x in lines)

    def test_view_of_the_learner_copy_is_an_item_view_that_saves(self, name, examples, tmp_path):
        _, item = examples[name]
        kind = kind_of(name)
        view = kind.view(learner_copy(item), AnswerStore(tmp_path))
        assert isinstance(view, ItemView)
        given = kind.simulate(item, 1.0, random.Random(0))
        view.set_answer(given)
        assert read_answers(tmp_path)[item.id] == given

    def test_guess_on_the_learner_copy_is_well_formed(self, name, examples):
        _, item = examples[name]
        kind = kind_of(name)
        guessed = kind.guess(learner_copy(item), DisplayOrder("user:kind-test"), FirstShown())
        assert kind.well_formed(guessed)
        if kind.scored and not kind.own_words:
            assert 0.0 <= score_item(item, guessed).earned <= item.points

    def test_refuses_each_field_it_does_not_take_in_a_sentence(self, name):
        kind = kind_of(name)
        for field_name in sorted(set(KIND_FIELDS) - kind.fields):
            message = kind.refusal(field_name)
            assert isinstance(message, str) and message.strip(), field_name
            assert field_name in message or FIELD_WORDS.get(field_name, field_name) in message


class TestRefusal:
    @pytest.mark.parametrize(("name", "field_name", "value", "expected"), [
        ("best_response", "labels", ["supportive", "advising"], "only classify items have labels"),
        ("select_all", "turns", [{"id": "start"}], "only branching items have turns"),
        ("rank", "auto_rubric", {"reflects": 1.0}, "only written_reply items have an automatic rubric"),
        ("classify", "debrief", "Well done.", "only branching items have a debrief"),
        ("branching", "labels", ["supportive"], "only classify items have labels"),
        ("branching", "key", "a", "branching items have no key or options"),
        ("branching", "options", [{"id": "a"}], "branching items have no key or options"),
        ("written_reply", "key", "a", "written_reply items are graded by hand and have no key"),
        ("reflection", "options", [{"id": "a"}], "reflection items have no options"),
    ])
    def test_other_kinds_field_is_refused_naming_who_has_it(self, examples, name, field_name,
                                                            value, expected):
        """A real item, valid until another kind's field is added: that field is its one problem."""
        raw = {**copy.deepcopy(examples[name][0]), field_name: value}
        item, problems = parse(raw)
        assert item is None
        assert [p.field for p in problems] == [field_name]
        assert expected in problems[0].message
        assert problems[0].item == raw["id"]

    def test_kind_without_wording_of_its_own_names_the_kinds_with_the_field(self):
        """Branching words only key and options itself; other fields get the registry's list."""
        branching = kind_of("branching")
        assert branching.refusal("labels") == "only classify items have labels; remove it"
        assert branching.refusal("auto_rubric") == ("only written_reply items have an automatic "
                                                    "rubric; remove it")


# A toy kind, as a course author would add one: one class in one module (this one).


class YesNoView(ItemView):
    """Two toggle buttons, Yes and No."""

    def build_controls(self) -> list[w.Widget]:
        self.toggle = w.ToggleButtons(options=[("Yes", "yes"), ("No", "no")], value=None,
                                      description="Your answer")
        self.watch([self.toggle])
        return [self.toggle, *self.check_button()]

    def read_answer(self) -> Any:
        return self.toggle.value

    def set_answer(self, answer: Any) -> None:
        self.toggle.value = answer


class YesNo(ItemKind):
    """Yes or no: the key is "yes" or "no"; so is the answer. Registered by the yes_no fixture."""

    name = "yes_no"
    title = "Yes or no"
    fields = frozenset({"key"})

    def parse(self, raw, mode, rubric, bad):
        if raw.get("key") not in ("yes", "no"):
            bad("key", "give yes or no")
        return {"key": raw.get("key")}

    def well_formed(self, answer):
        return isinstance(answer, str) and answer in ("yes", "no")

    def fraction(self, item, answer):
        if answer is None:
            return 0.0, "Not answered."
        return (1.0, "Right.") if answer == item.key else (0.0, "Not this time.")

    def answer_text(self, item, answer, display):
        return f"You said {answer}."

    def feedback_html(self, item, answer, display):
        return f"<p>The answer is <strong>{item.key}</strong>.</p>"

    def feedback_lines(self, item, answer, display):
        return [f"The answer is {item.key}."]

    def view(self, item, store):
        return YesNoView(item, store)

    def simulate(self, item, p, rng):
        return item.key if rng.random() < p else {"yes": "no", "no": "yes"}[item.key]

    def guess(self, item, display, guesser):
        shown = display.order(["yes", "no"], item.id)
        return guesser.rank(item, shown, [s.title() for s in shown])[0]


def yes_no_raw(**changes) -> dict:
    """A valid raw yes_no item (graded, 2 points), with fields replaced."""
    raw = {"id": "jo-asks", "kind": "yes_no", "mode": "graded", "points": 2,
           "prompt": "Is it all right to ask Jo whether she is thinking of suicide?",
           "scenario": {"situation": "Jo says she cannot see the point any more."},
           "competencies": [2], "key": "yes"}
    raw.update(changes)
    return {k: v for k, v in raw.items() if v is not None}


@pytest.fixture
def yes_no():
    """The toy kind registered for one test only, then forgotten, so no other test sees it."""
    register(YesNo)
    yield kind_of("yes_no")
    unregister("yes_no")


@pytest.fixture
def graded(yes_no) -> Item:
    """A graded yes_no item, as validation parses it."""
    item, problems = parse(yes_no_raw())
    assert problems == []
    return item


@pytest.fixture
def practice(yes_no) -> Item:
    """A practice yes_no item, as validation parses it."""
    item, problems = parse(yes_no_raw(mode="practice", points=None))
    assert problems == []
    return item


class TestToyKind:
    """Adding a toy item kind in a test touches only its own module and the registry."""

    def test_registered_kind_is_listed_after_the_built_in_ones(self, yes_no):
        assert list(kinds()) == [*BUILT_IN, "yes_no"]
        assert isinstance(yes_no, YesNo)

    def test_validation_parses_a_raw_item_into_an_item(self, graded):
        assert graded.kind == "yes_no"
        assert graded.key == "yes"
        assert graded.points == 2.0
        assert graded.options == () and graded.turns == ()

    def test_parse_module_takes_it_among_other_items(self, yes_no, examples):
        problems: list[Problem] = []
        data = {"assignment": "m1", "number": 1, "title": "Toy",
                "items": [yes_no_raw(), copy.deepcopy(examples["best_response"][0])]}
        module = parse_module(data, "m1", WHERE, problems)
        assert problems == []
        assert [i.kind for i in module["items"]] == ["yes_no", "best_response"]

    def test_validation_runs_the_kinds_own_checks(self, yes_no):
        item, problems = parse(yes_no_raw(key="maybe"))
        assert item is None
        assert problems == [Problem(WHERE, "jo-asks", "key", "give yes or no")]

    def test_validation_refuses_options_naming_the_kinds_with_options(self, yes_no):
        item, problems = parse(yes_no_raw(options=[{"id": "a", "text": "Yes", "explanation": "."}]))
        assert item is None
        assert [p.field for p in problems] == ["options"]
        assert problems[0].message == ("only best_response, select_all, rank, classify items have "
                                       "options; remove it")

    def test_validation_names_it_among_the_known_kinds(self, yes_no):
        _, problems = parse(yes_no_raw(kind="true_false"))
        assert problems[0].field == "kind"
        assert problems[0].message.endswith("classify, written_reply, reflection, branching, roleplay, "
                                            "observer_checklist, yes_no")

    def test_graded_item_is_auto_graded(self, graded, practice):
        assert graded.auto_graded and not graded.hand_graded
        assert not practice.auto_graded and not practice.hand_graded

    def test_score_item_scores_it_by_its_kind(self, graded):
        assert score_item(graded, "yes").earned == 2.0
        assert score_item(graded, "no").earned == 0.0
        assert score_item(graded, None).note == "Not answered."

    def test_score_item_gives_a_malformed_answer_zero_with_the_reason(self, graded):
        score = score_item(graded, "maybe")
        assert score.earned == 0.0
        assert score.note == ("The saved answer is not in the form this question saves (it may have "
                              "been edited by hand or damaged), so it scored 0.")

    def test_render_shows_answer_and_feedback(self, graded):
        assert answer_text(graded, "yes") == "You said yes."
        assert answer_text(graded, None) == "No answer yet."
        assert answer_text(graded, "maybe").startswith("The saved answer could not be read")
        assert "<strong>Your answer (jo-asks):</strong> You said yes." in answer_html(graded, "yes")
        html = feedback_html(graded, "yes", score_item(graded, "yes"))
        assert "Score: 2 of 2." in html and "The answer is <strong>yes</strong>" in html
        assert feedback_text(graded, "no", score_item(graded, "no"), IN_FILE_ORDER).splitlines() == [
            "Score: 0 of 2. Not this time.", "You said no.", "The answer is yes."]

    def test_notebook_gives_a_heading_and_a_hidden_grading_cell(self, graded):
        from course_utils.assign.notebook import item_cells

        heading, show, grade = item_cells(graded, 3)
        assert heading.source == "### 3. Yes or no (graded, 2 points)"
        assert show.source == 'show_item("jo-asks")'
        assert grade.metadata["nbgrader"]["grade"] is True
        assert grade.metadata["nbgrader"]["points"] == 2.0
        assert "### BEGIN HIDDEN TESTS" in grade.source and 'grade_sealed("jo-asks", "' in grade.source
        assert "'key'" not in grade.source  # sealed: one short line in formgrader

    def test_hidden_grading_cell_scores_the_saved_answer(self, graded, tmp_path):
        from course_utils.assign.notebook import item_cells
        from course_utils.autograde.grading import grade_sealed
        from course_utils.items.public import open_spec

        source = item_cells(graded, 1)[2].source
        call = source[source.index("grade_sealed(") + len("grade_sealed("):source.rindex(")")]
        item_id, sealed = ast.literal_eval(f"({call})")
        assert from_public(open_spec(item_id, sealed)) == graded
        AnswerStore(tmp_path).set("jo-asks", "yes")
        assert grade_sealed(item_id, sealed, tmp_path) == 2.0

    def test_practice_notebook_cells_have_no_grading_cell(self, practice):
        from course_utils.assign.notebook import item_cells

        assert [c.source for c in item_cells(practice, 1)] == [
            "### 1. Yes or no (practice)", 'show_item("jo-asks")']

    def test_learner_copy_of_a_graded_item_has_no_key(self, graded):
        public = to_public(graded)
        assert "key" not in public
        json.dumps(public)  # the items file is JSON
        assert from_public(public) == replace(graded, key=None)

    def test_learner_copy_of_a_practice_item_round_trips(self, practice):
        assert to_public(practice)["key"] == "yes"
        assert from_public(to_public(practice)) == practice

    def test_revealed_copy_of_a_graded_item_round_trips(self, graded):
        assert from_public(to_public(graded, reveal=True)) == graded

    def test_make_view_builds_its_widget_and_set_answer_saves(self, graded, tmp_path):
        view = make_view(learner_copy(graded), AnswerStore(tmp_path))
        assert isinstance(view, YesNoView)
        view.set_answer("no")
        assert read_answers(tmp_path) == {"jo-asks": "no"}
        assert AnswerStore(tmp_path).get("jo-asks") == "no"

    def test_make_view_restores_the_saved_answer(self, graded, tmp_path):
        AnswerStore(tmp_path).set("jo-asks", "yes")
        view = make_view(learner_copy(graded), AnswerStore(tmp_path))
        assert view.toggle.value == "yes"
        assert "restored" in view.status.value

    def test_graded_view_shows_no_verdict(self, graded, tmp_path):
        view = make_view(learner_copy(graded), AnswerStore(tmp_path))
        view.toggle.value = "yes"
        view.show_feedback()
        assert view.feedback.value == ""

    def test_practice_check_button_shows_the_kinds_feedback(self, practice, tmp_path):
        view = make_view(learner_copy(practice), AnswerStore(tmp_path))
        view.set_answer("yes")
        next(c for c in view.children if getattr(c, "description", "") == "Check my answer").click()
        assert "The answer is <strong>yes</strong>" in view.feedback.value
        assert "Right." in view.feedback.value

    def test_simulated_learner_answers_by_its_kind(self, graded):
        rng = random.Random(0)
        assert simulate_answer(graded, 1.0, rng) == "yes"
        assert simulate_answer(graded, 0.0, rng) == "no"

    def test_simulated_cohort_answers_through_its_widget(self, graded, tmp_path):
        module = Module("toy", 1, "Toy", "", (graded,))
        (tmp_path / "release" / "toy").mkdir(parents=True)
        (tmp_path / "release" / "toy" / ITEMS_FILE).write_text(json.dumps(items_document(module)))
        subs = simulate_submissions(module, tmp_path / "release", tmp_path / "submitted",
                                    make_cohort(3, seed=1), seed=1)
        for sub in subs:
            folder = tmp_path / "submitted" / sub.learner.student_id / "toy"
            assert read_answers(folder) == sub.answers
            assert sub.expected == {"jo-asks": score_item(graded, sub.answers["jo-asks"]).earned}

    def test_test_wise_learner_answers_the_learner_copy(self, graded):
        display = DisplayOrder("user:test-wise-00")
        guessed = answer(learner_copy(graded), display, STRATEGIES[0])
        assert guessed == display.order(["yes", "no"], "jo-asks")[0]

    def test_test_wise_shares_count_it(self, graded):
        found = shares(Module("toy", 1, "Toy", "", (graded,)))
        assert len(found) == len(STRATEGIES)
        assert all(s.points == 2.0 and 0.0 <= s.share <= 1.0 for s in found)

    def test_no_other_test_sees_it(self):
        assert "yes_no" not in kinds()
