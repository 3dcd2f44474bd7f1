"""Validation of raw YAML data: each check called directly on small dicts."""

from __future__ import annotations

import copy

import pytest

from course_utils.content.validation import (
    ASSIGNMENT_PATTERN,
    ID_PATTERN,
    _parse_competencies,
    _parse_item,
    _parse_scenario,
    parse_module,
)
from course_utils.core.vocab import AGE_BANDS, IDENTITIES, LABELS, LESSONS, SETTINGS
from course_utils.items.kind import kinds
from course_utils.items.model import Item, Option, Problem, Scenario

WHERE = "content/m1/module.yaml"
SCENARIO = {"situation": "  Jo texts you late at night.  ", "peer_says": " I can't sleep again. ",
            "cues": ["short replies", "no emoji"]}


def opts(*ids: str) -> list[dict]:
    return [{"id": i, "text": f"Reply {i}.", "explanation": f"Why {i}."} for i in ids]


BRANCH_TURNS = [
    {"id": "start", "peer_says": "I can't sleep again.", "mood": "guarded", "replies": [
        {"id": "a", "text": "Nights have been long.", "quality": 2, "explanation": "Reflects.",
         "next": "mid"},
        {"id": "b", "text": "Try camomile tea.", "quality": 0, "explanation": "Advice.",
         "next": "mid", "roadblock": "advising"}]},
    {"id": "mid", "peer_says": "My head won't stop.", "mood": "opens", "replies": [
        {"id": "a", "text": "It keeps going round.", "quality": 2, "explanation": "Reflects.",
         "next": "last"},
        {"id": "b", "text": "Did you eat?", "quality": 1, "explanation": "Closed.", "next": "last"}]},
    {"id": "last", "peer_says": "Thanks for staying up.", "mood": "opens", "replies": [
        {"id": "a", "text": "I'm glad you wrote.", "quality": 2, "explanation": "Warm.", "next": "end"},
        {"id": "b", "text": "Sure, night.", "quality": 1, "explanation": "Quick.", "next": "end"}]},
]

def _state(after: str) -> dict:
    line = {"lines": ["Mm."]}
    return {"connecting": {"next": after, **line}, "neutral": {"next": "s0", **line},
            "misstep": {"next": "gone", **line}}


ROLEPLAY = {"name": "Jo", "carrying": "Nights without sleep.", "closing": ["I should try to sleep."],
            "states": {"s0": _state("s1"), "s1": _state("s2"), "s2": _state("s3"), "s3": _state("open"),
                       "open": {"end": "opened"}, "gone": {"end": "withdrew"}}}

RAW: dict[str, dict] = {
    "best_response": {"options": opts("a", "b", "c"), "key": "b"},
    "select_all": {"options": opts("a", "b", "c", "d"), "key": ["a", "c"]},
    "rank": {"options": opts("a", "b", "c"), "key": ["c", "a", "b"]},
    "classify": {"options": opts("a", "b"), "labels": ["supportive", "advising"],
                 "key": {"a": "advising", "b": "supportive"}},
    "written_reply": {"rubric": ["Reflects the sleeplessness"]},
    "reflection": {"rubric": ["Names one cue"]},
    "observer_checklist": {"rubric": ["Gives the tallies"]},
    "branching": {"turns": BRANCH_TURNS, "debrief": "Staying with Jo keeps her talking."},
    "roleplay": {"roleplay": ROLEPLAY},
}


def raw_item(kind: str = "best_response", **changes) -> dict:
    """A valid graded raw item of this kind, with fields replaced (None removes one)."""
    raw = {"id": "jo-night", "kind": kind, "mode": "graded", "points": 2,
           "prompt": "  What do you reply?  ", "scenario": copy.deepcopy(SCENARIO),
           "competencies": [2, 9], **copy.deepcopy(RAW[kind])}
    raw.update(changes)
    return {k: v for k, v in raw.items() if v is not None}


def parse(raw) -> tuple[Item | None, list[Problem]]:
    problems: list[Problem] = []
    return _parse_item(raw, 1, WHERE, problems), problems


def collector():
    """A `bad` callback and the (field, message) pairs it received."""
    said: list[tuple[str, str]] = []
    return (lambda field, message: said.append((field, message))), said


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


class TestIdPattern:
    @pytest.mark.parametrize("value", ["bp-1", "a", "jo-night-2", "123"])
    def test_lowercase_words_joined_by_single_hyphens_pass(self, value):
        assert ID_PATTERN.match(value)

    @pytest.mark.parametrize("value", ["", "Bp-1", "bp_1", "bp--1", "-bp", "bp-", "bp 1", "bé"])
    def test_anything_else_fails(self, value):
        assert not ID_PATTERN.match(value)


class TestTrailingNewline:
    def test_an_id_or_assignment_with_a_trailing_newline_is_refused(self):
        from course_utils.content.validation import ASSIGNMENT_PATTERN, ID_PATTERN

        assert not ID_PATTERN.match("jo-night\n") and not ASSIGNMENT_PATTERN.match("crisis\n")
        assert ID_PATTERN.match("jo-night") and ASSIGNMENT_PATTERN.match("crisis")


class TestAssignmentPattern:
    @pytest.mark.parametrize("value", ["being_present", "m2", "a"])
    def test_python_style_names_pass(self, value):
        assert ASSIGNMENT_PATTERN.match(value)

    @pytest.mark.parametrize("value", ["", "2nd", "Being", "being-present", "_x"])
    def test_others_fail(self, value):
        assert not ASSIGNMENT_PATTERN.match(value)


class TestParseModule:
    def module(self, **changes) -> dict:
        data = {"assignment": "m1", "number": 1, "title": "Being present",
                "items": [raw_item(), raw_item("reflection", id="jo-reflect", mode="practice",
                                               points=None)]}
        data.update(changes)
        return data

    def test_valid_module_returns_its_fields_and_items(self):
        problems: list[Problem] = []
        result = parse_module(self.module(), "m1", WHERE, problems)
        assert problems == []
        assert (result["assignment"], result["number"], result["title"]) == ("m1", 1, "Being present")
        assert [i.id for i in result["items"]] == ["jo-night", "jo-reflect"]
        assert isinstance(result["items"], tuple)

    @pytest.mark.parametrize("number", [True, -1, "1", 1.5])
    def test_number_must_be_a_whole_number_not_a_yes(self, number):
        """YAML reads `number: yes` as True, which Python counts as the integer 1."""
        problems: list[Problem] = []
        parse_module(self.module(number=number), "m1", WHERE, problems)
        assert only(problems).field == "number"

    @pytest.mark.parametrize("data", [None, ["items"], "m1"])
    def test_non_mapping_is_one_problem_listing_the_keys(self, data):
        problems: list[Problem] = []
        assert parse_module(data, "m1", WHERE, problems) == {}
        problem = only(problems)
        assert problem.file == WHERE and problem.field == "-"
        assert "assignment, number, title, items" in problem.message

    @pytest.mark.parametrize("assignment", ["m2", None, "M1"])
    def test_assignment_must_equal_the_folder_name(self, assignment):
        problems: list[Problem] = []
        parse_module(self.module(assignment=assignment), "m1", WHERE, problems)
        problem = only(problems)
        assert problem.field == "assignment" and "folder name 'm1'" in problem.message

    def test_folder_name_that_is_not_a_valid_assignment_is_rejected_even_if_equal(self):
        problems: list[Problem] = []
        parse_module(self.module(assignment="Module-1"), "Module-1", WHERE, problems)
        assert only(problems).field == "assignment"

    @pytest.mark.parametrize(("changes", "field", "says"), [
        ({"number": "one"}, "number", "module number, e.g. 1"),
        ({"number": None}, "number", "module number"),
        ({"title": "   "}, "title", "module title"),
        ({"title": 3}, "title", "module title"),
        ({"items": []}, "items", "list of items"),
        ({"items": {"a": 1}}, "items", "list of items"),
    ])
    def test_each_missing_module_field_is_named_with_what_to_give(self, changes, field, says):
        problems: list[Problem] = []
        parse_module(self.module(**changes), "m1", WHERE, problems)
        problem = only(problems)
        assert (problem.item, problem.field) == ("", field)
        assert says in problem.message

    def test_duplicate_item_id_is_reported_once_and_first_is_kept(self):
        problems: list[Problem] = []
        result = parse_module(self.module(items=[raw_item(), raw_item(prompt="Second?")]),
                              "m1", WHERE, problems)
        problem = only(problems)
        assert (problem.item, problem.field) == ("jo-night", "id")
        assert "duplicate id" in problem.message
        assert [i.prompt for i in result["items"]] == ["What do you reply?", "Second?"]

    def test_a_duplicate_id_says_where_it_was_first_used(self):
        problems: list[Problem] = []
        items = [raw_item(), raw_item(id="other"), raw_item(prompt="Again?")]
        parse_module(self.module(items=items), "m1", WHERE, problems, item_line=lambda i: 10 + 20 * i)
        assert "first used at content/m1/module.yaml:10" in only(problems).message

    def test_without_lines_a_duplicate_id_names_the_first_item_by_position(self):
        problems: list[Problem] = []
        parse_module(self.module(items=[raw_item(), raw_item()]), "m1", WHERE, problems)
        assert "first used at item #1 of content/m1/module.yaml" in only(problems).message

    def test_broken_items_are_left_out_and_every_problem_is_kept(self):
        problems: list[Problem] = []
        items = [raw_item(key=None), "not a mapping", raw_item("reflection", id="ok-one")]
        result = parse_module(self.module(items=items), "m1", WHERE, problems)
        assert [i.id for i in result["items"]] == ["ok-one"]
        assert [(p.item, p.field) for p in problems] == [("jo-night", "key"), ("#2", "-")]


class TestParseItem:
    @pytest.mark.parametrize("kind", tuple(kinds()))
    def test_valid_item_of_every_kind_parses_cleanly(self, kind):
        item, problems = parse(raw_item(kind))
        assert problems == []
        assert item is not None and item.kind == kind and item.graded
        assert item.points == 2.0 and isinstance(item.points, float)

    def test_text_is_stripped_and_lists_become_tuples(self):
        item, _ = parse(raw_item(lesson=["presence", "safe_space"], example="  Like this.  "))
        assert item.prompt == "What do you reply?"
        assert item.example == "Like this."
        assert item.competencies == (2, 9) and item.lesson == ("presence", "safe_space")
        assert item.options[1] == Option("b", "Reply b.", "Why b.")

    def test_keys_are_stored_in_hashable_forms(self):
        assert parse(raw_item("select_all"))[0].key == ("a", "c")
        assert parse(raw_item("rank"))[0].key == ("c", "a", "b")
        assert parse(raw_item("classify"))[0].key == (("a", "advising"), ("b", "supportive"))

    def test_practice_item_scores_zero_points(self):
        item, problems = parse(raw_item(mode="practice", points=None))
        assert problems == [] and item.points == 0.0 and not item.graded

    @pytest.mark.parametrize("raw", [None, "jo-night", ["id", "jo-night"]])
    def test_non_mapping_item_is_named_by_its_position(self, raw):
        problems: list[Problem] = []
        assert _parse_item(raw, 4, WHERE, problems) is None
        problem = only(problems)
        assert (problem.item, problem.field) == ("#4", "-") and "mapping of fields" in problem.message

    @pytest.mark.parametrize("item_id", [None, "", "Jo Night", "jo_night", 12])
    def test_bad_id_stops_at_the_id_and_asks_for_a_stable_one(self, item_id):
        """Without a usable id nothing else is checked: one problem, named by position."""
        item, problems = parse(raw_item(id=item_id, kind="best_response", key=None))
        problem = only(problems)
        assert item is None
        assert (problem.item, problem.field) == ("#1", "id")
        assert "lowercase letters, digits and hyphens" in problem.message

    @pytest.mark.parametrize(("changes", "field", "says"), [
        ({"mode": "homework"}, "mode", "use practice or graded"),
        ({"prompt": "  "}, "prompt", "question the learner answers"),
        ({"prompt": None}, "prompt", "question the learner answers"),
        ({"points": -1}, "points", "greater than 0"),
        ({"points": True}, "points", "greater than 0"),
        ({"points": "2"}, "points", "greater than 0"),
        ({"mode": "practice"}, "points", "remove points or make the item graded"),
        ({"lesson": ["presence", "listening"]}, "lesson", f"use lesson points from: {', '.join(LESSONS)}"),
        ({"lesson": "presence"}, "lesson", "use lesson points from"),
        ({"labels": ["supportive", "advising"]}, "labels", "only classify items have labels; remove it"),
        ({"turns": BRANCH_TURNS}, "turns", "only branching items have turns; remove it"),
        ({"debrief": "Well done."}, "debrief", "only branching items have a debrief; remove it"),
        ({"auto_rubric": {"reflects": 1.0}}, "auto_rubric",
         "only written_reply items have an automatic rubric; remove it"),
        ({"requires": ["reflects"]}, "requires", "write the automatic rubric as auto_rubric"),
    ])
    def test_bad_field_is_named_with_what_to_do(self, changes, field, says):
        item, problems = parse(raw_item(**changes))
        problem = only(problems)
        assert item is None
        assert (problem.file, problem.item, problem.field) == (WHERE, "jo-night", field)
        assert says in problem.message

    def test_unknown_kind_lists_every_kind(self):
        raw = raw_item("reflection")
        raw["kind"] = "matching"
        item, problems = parse(raw)
        problem = only(problems)
        assert item is None and problem.field == "kind"
        assert "unknown kind 'matching'" in problem.message
        assert all(kind in problem.message for kind in tuple(kinds()))

    def test_every_problem_in_an_item_is_reported_at_once(self):
        _, problems = parse(raw_item(mode="exam", prompt="", competencies=[]))
        assert [p.field for p in problems] == ["mode", "prompt", "competencies"]

    @pytest.mark.parametrize(("labels", "says"), [
        (["supportive"], "give 2 or more labels"),
        (None, "give 2 or more labels"),
        (["supportive", "shouting"], "(unknown: shouting)"),
    ])
    def test_classify_needs_two_known_labels(self, labels, says):
        _, problems = parse(raw_item("classify", labels=labels))
        fields = {p.field: p.message for p in problems}
        assert "labels" in fields and says in fields["labels"]
        assert all(label in fields["labels"] for label in LABELS)

    @pytest.mark.parametrize("kind", ["written_reply", "reflection"])
    def test_text_items_have_no_key_or_options(self, kind):
        _, problems = parse(raw_item(kind, key="a", options=opts("a", "b", "c")))
        messages = {p.field: p.message for p in problems}
        assert set(messages) == {"key", "options"}
        assert messages["key"] == f"{kind} items are graded by hand and have no key"
        assert messages["options"] == f"{kind} items have no options"

    @pytest.mark.parametrize("kind", ["written_reply", "reflection"])
    def test_graded_text_item_needs_a_rubric_but_practice_does_not(self, kind):
        problem = only(parse(raw_item(kind, rubric=None))[1])
        assert problem.field == "rubric" and "what graders look for" in problem.message
        item, problems = parse(raw_item(kind, rubric=None, mode="practice", points=None))
        assert problems == [] and item.rubric == ()

    @pytest.mark.parametrize(("extra", "field"), [({"key": "a"}, "key"),
                                                  ({"options": opts("a", "b", "c")}, "options")])
    def test_branching_with_a_key_or_options_is_told_to_use_reply_quality(self, extra, field):
        """The problem names the field given (options used to be reported on key)."""
        problem = only(parse(raw_item("branching", **extra))[1])
        assert problem.field == field
        assert problem.message == "branching items have no key or options: give each reply a quality"

    def test_branching_needs_a_debrief(self):
        problem = only(parse(raw_item("branching", debrief="  "))[1])
        assert problem.field == "debrief" and "debrief shown at the end" in problem.message

    def test_auto_rubric_reaches_the_item_in_its_written_order(self):
        item, problems = parse(raw_item("written_reply",
                                        auto_rubric={"validates": 0.5, "reflects": 0.5}))
        assert problems == []
        assert item.auto_rubric == (("validates", 0.5), ("reflects", 0.5))

    def test_item_without_auto_rubric_keeps_the_empty_default(self):
        assert parse(raw_item("written_reply"))[0].auto_rubric == ()


class TestFieldsOfTheWrongType:
    """A hand-edited field of the wrong type is a problem that names the field, never a crash."""

    @pytest.mark.parametrize(("kind", "changes", "field"), [
        ("written_reply", {"kind": ["reflection"]}, "kind"),
        ("written_reply", {"mode": 3}, "mode"),
        ("written_reply", {"competencies": [[1]]}, "competencies"),
        ("written_reply", {"competencies": [1.0]}, "competencies"),
        ("classify", {"labels": 5}, "labels"),
        ("written_reply", {"rubric": 5}, "rubric"),
        ("written_reply", {"rubric": "look for a reflection"}, "rubric"),
    ])
    def test_is_reported_on_its_field(self, kind, changes, field):
        item, problems = parse({**raw_item(kind), **changes})
        assert item is None
        assert field in {p.field for p in problems}


class TestParseScenario:
    def test_fields_are_stripped_and_cues_become_a_tuple(self):
        bad, said = collector()
        scenario = _parse_scenario(copy.deepcopy(SCENARIO), bad)
        assert said == []
        assert scenario == Scenario("Jo texts you late at night.", "I can't sleep again.",
                                    ("short replies", "no emoji"))

    def test_only_situation_is_required(self):
        bad, said = collector()
        assert _parse_scenario({"situation": "A quiet room."}, bad) == Scenario("A quiet room.")
        assert said == []

    @pytest.mark.parametrize("raw", [None, "Jo texts you.", {"peer_says": "hi"}, {"situation": 5}])
    def test_missing_situation_says_what_to_give(self, raw):
        bad, said = collector()
        assert _parse_scenario(raw, bad) == Scenario("")
        assert said == [("scenario", "give scenario.situation (and optionally peer_says and cues)")]

    @pytest.mark.parametrize("situation", ["", "   ", "\n"])
    def test_blank_situation_is_refused(self, situation):
        bad, said = collector()
        assert _parse_scenario({"situation": situation}, bad) == Scenario("")
        assert [f for f, _ in said] == ["scenario"]

    def test_cues_that_are_not_a_list_are_named(self):
        bad, said = collector()
        scenario = _parse_scenario({"situation": "s", "cues": "looks away"}, bad)
        assert said == [("scenario.cues", "give cues as a list")]
        assert scenario.cues == ()

    def test_non_string_cues_and_peer_words_become_text(self):
        bad, _ = collector()
        scenario = _parse_scenario({"situation": "s", "peer_says": 42, "cues": [3, "tired"]}, bad)
        assert scenario.peer_says == "42" and scenario.cues == ("3", "tired")



class TestScenarioTags:
    def test_tags_are_parsed_and_default_to_empty(self):
        bad, said = collector()
        raw = {**SCENARIO, "person": "Jo", "setting": "text_line", "age": "young_adult",
               "identities": ["rural", "parent"]}
        scenario = _parse_scenario(raw, bad)
        assert said == []
        assert (scenario.person, scenario.setting, scenario.age, scenario.identities) == (
            "Jo", "text_line", "young_adult", ("rural", "parent"))
        assert _parse_scenario(copy.deepcopy(SCENARIO), bad) == Scenario(
            "Jo texts you late at night.", "I can't sleep again.", ("short replies", "no emoji"))

    @pytest.mark.parametrize(("field", "vocabulary"), [("setting", SETTINGS), ("age", AGE_BANDS)])
    def test_every_value_of_the_vocabulary_passes(self, field, vocabulary):
        for value in vocabulary:
            bad, said = collector()
            assert getattr(_parse_scenario({**SCENARIO, field: value}, bad), field) == value
            assert said == []

    def test_every_identity_passes_once_each_in_order(self):
        bad, said = collector()
        names = [*IDENTITIES, "rural"]
        assert _parse_scenario({**SCENARIO, "identities": names}, bad).identities == tuple(IDENTITIES)
        assert said == []

    @pytest.mark.parametrize(("field", "value", "near", "what"), [
        ("setting", "drop-in", "drop_in", "setting"),
        ("setting", "emergency_room", "emergency_department", "setting"),
        ("age", "older", "older_adult", "age band"),
    ])
    def test_an_unknown_value_says_did_you_mean_and_lists_the_values(self, field, value, near, what):
        bad, said = collector()
        scenario = _parse_scenario({**SCENARIO, field: value}, bad)
        [(where, message)] = said
        assert where == f"scenario.{field}" and getattr(scenario, field) == ""
        assert message.startswith(f"unknown {what} {value!r}: did you mean {near!r}? use one of: ")

    def test_a_value_like_none_lists_the_values_without_a_guess(self):
        bad, said = collector()
        _parse_scenario({**SCENARIO, "setting": "spaceship"}, bad)
        [(_, message)] = said
        assert "did you mean" not in message and "drop_in, recovery_center" in message

    def test_an_unknown_identity_is_named_and_the_known_ones_kept(self):
        bad, said = collector()
        scenario = _parse_scenario({**SCENARIO, "identities": ["veteran", "lgbt", ["x"]]}, bad)
        assert scenario.identities == ("veteran",)
        assert [f for f, _ in said] == ["scenario.identities"] * 2
        assert "unknown identity 'lgbt': did you mean 'lgbtq'?" in said[0][1]

    @pytest.mark.parametrize("identities", ["rural", {"rural": True}, 3])
    def test_identities_that_are_not_a_list_are_refused(self, identities):
        bad, said = collector()
        assert _parse_scenario({**SCENARIO, "identities": identities}, bad).identities == ()
        [(field, message)] = said
        assert field == "scenario.identities" and message.startswith("give identities as a list")

    @pytest.mark.parametrize("value", [["drop_in"], {"a": 1}, 3])
    def test_a_setting_that_is_not_a_name_is_refused_not_raised(self, value):
        bad, said = collector()
        assert _parse_scenario({**SCENARIO, "setting": value}, bad).setting == ""
        assert [f for f, _ in said] == ["scenario.setting"]

    @pytest.mark.parametrize("person", ["Jo Smith", "jo!", 7, ["Jo"]])
    def test_a_person_must_be_one_first_name(self, person):
        bad, said = collector()
        assert _parse_scenario({**SCENARIO, "person": person}, bad).person == ""
        [(field, message)] = said
        assert field == "scenario.person" and "first name" in message

    @pytest.mark.parametrize("person", ["José", "Mary-Kate", "O'Neil"])
    def test_names_with_accents_hyphens_and_apostrophes_pass(self, person):
        bad, said = collector()
        raw = {"situation": f"{person} waves at you from the porch."}
        assert _parse_scenario({**raw, "person": person}, bad).person == person
        assert said == []

    def test_a_person_the_scenario_never_names_is_refused(self):
        """After a rename the tag must follow: a person missing from the text is caught."""
        bad, said = collector()
        assert _parse_scenario({**SCENARIO, "person": "Sam"}, bad).person == ""
        [(field, message)] = said
        assert field == "scenario.person" and "'Sam' is not named in this scenario" in message

    def test_the_person_may_be_named_in_the_cues_only(self):
        bad, said = collector()
        raw = {"situation": "A quiet room.", "cues": ["Ana taps the table."], "person": "Ana"}
        assert _parse_scenario(raw, bad).person == "Ana" and said == []

    def test_a_misspelt_tag_field_says_did_you_mean(self):
        _, problems = parse(raw_item(scenario={**SCENARIO, "identity": ["rural"]}))
        problem = only(problems)
        assert problem.field == "scenario.identity" and "did you mean 'identities'?" in problem.message


class TestParseCompetencies:
    def test_known_numbers_pass_in_order(self):
        bad, said = collector()
        assert _parse_competencies([9, 1, 12], bad) == (9, 1, 12)
        assert said == []

    @pytest.mark.parametrize("raw", [None, [], 3, "1, 2"])
    def test_missing_or_not_a_list_asks_for_numbers(self, raw):
        bad, said = collector()
        assert _parse_competencies(raw, bad) == ()
        assert said == [("competencies", "tag the item with one or more SAMHSA competency numbers 1-12")]

    @pytest.mark.parametrize(("raw", "first_unknown"), [([1, 13], "13"), ([0, 2], "0"),
                                                        (["2"], "'2'"), ([True], "True")])
    def test_unknown_number_is_quoted_and_the_known_ones_kept(self, raw, first_unknown):
        bad, said = collector()
        kept = _parse_competencies(raw, bad)
        [(field, message)] = said
        assert field == "competencies"
        assert message.startswith(f"unknown competency {first_unknown}; use numbers 1-12")
        assert "content/README.md" in message
        assert 13 not in kept and 0 not in kept and "2" not in kept


class TestPointsAndKeysThatLookRight:
    @pytest.mark.parametrize("points", [float("nan"), float("inf"), True, 0, -1])
    def test_points_must_be_a_finite_number_above_zero(self, points):
        item, problems = parse(raw_item(points=points))
        assert item is None and only(problems).field == "points"

    @pytest.mark.parametrize(("kind", "key"), [
        ("rank", [1, 2, 3]),
        ("classify", {1: "advising", 2: "supportive", 3: "advising"}),
    ])
    def test_keys_that_are_numbers_are_refused_not_stored(self, kind, key):
        """Option ids are text; a number key would never match a saved answer."""
        raw = raw_item(kind)
        raw["options"] = [{"id": str(n), "text": f"Reply {n}.", "explanation": "Why."} for n in (1, 2, 3)]
        raw["key"] = key
        item, problems = parse(raw)
        assert item is None and only(problems).field == "key"


class TestUnknownFields:
    def test_a_misspelt_item_field_is_refused_with_the_field_it_resembles(self):
        item, problems = parse(raw_item(roadblok="advising"))
        assert item is None
        problem = only(problems)
        assert problem.field == "roadblok"
        assert "unknown field 'roadblok'" in problem.message and "ignored" in problem.message

    def test_a_near_miss_says_did_you_mean(self):
        _, problems = parse(raw_item(prompts="What now?"))
        assert "did you mean 'prompt'?" in only(problems).message

    def test_a_field_like_no_other_lists_the_fields(self):
        _, problems = parse(raw_item(hint="Listen first."))
        message = only(problems).message
        assert "the fields here are:" in message and "prompt" in message

    def test_a_misspelt_scenario_field_is_refused_not_dropped(self):
        scenario = {**SCENARIO, "cue": ["She looks away."]}
        _, problems = parse(raw_item(scenario=scenario))
        problem = only(problems)
        assert problem.field == "scenario.cue"
        assert "did you mean 'cues'?" in problem.message

    def test_an_unknown_module_field_is_refused(self):
        problems: list[Problem] = []
        data = TestParseModule().module(titel="Being present")
        parse_module(data, "m1", WHERE, problems)
        assert [p.field for p in problems] == ["titel"]
        assert "did you mean 'title'?" in problems[0].message

    def test_every_field_of_the_course_content_is_known(self):
        from helpers import REPO

        from course_utils.content.loader import load_course

        assert load_course(REPO / "content")  # raises ContentError on an unknown field
