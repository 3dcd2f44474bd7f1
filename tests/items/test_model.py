"""The content model: problems, the content error, and the frozen item dataclasses."""

from __future__ import annotations

import dataclasses

import pytest

from course_utils.core.vocab import MODES
from course_utils.items.kind import kinds
from course_utils.items.model import ContentError, Item, Module, Option, Problem, Reply, Scenario, Turn

SCENARIO = Scenario("Dana calls after a long shift.", "I can't keep doing this.", ("sighs",))
OPTIONS = (
    Option("a", "It sounds like the shifts are wearing you down.", "Reflects the feeling."),
    Option("b", "You should ask for fewer hours.", "Jumps to a fix.", roadblock="advising"),
    Option("c", "Everyone gets tired, it'll pass.", "Brushes it aside.", roadblock="reassuring"),
)


def make_item(**changes) -> Item:
    """A small valid best-response item, with any field replaced."""
    fields = dict(id="shift-talk", kind="best_response", mode="graded",
                  prompt="What do you say first?", scenario=SCENARIO, competencies=(2, 9),
                  points=1.0, options=OPTIONS, key="a")
    fields.update(changes)
    return Item(**fields)


def make_turn(turn_id: str = "start") -> Turn:
    return Turn(turn_id, "I don't know why I came.", "guarded", (
        Reply("a", "Part of you wasn't sure about today.", 2, "Reflects the doubt.", "end"),
        Reply("b", "Well, you're here now, so cheer up.", 0, "Brushes it off.", "end", "reassuring"),
    ))


class TestProblem:
    def test_str_with_line_gives_file_colon_line(self):
        problem = Problem("content/m1/module.yaml", "bp-1", "key", "missing", line=12)
        assert str(problem) == "content/m1/module.yaml:12: item 'bp-1', field 'key': missing"

    def test_str_without_line_gives_the_file_alone(self):
        problem = Problem("content/m1/module.yaml", "bp-1", "key", "missing")
        assert str(problem) == "content/m1/module.yaml: item 'bp-1', field 'key': missing"

    def test_str_without_item_leaves_the_item_out(self):
        """A module-level problem (no item) names only the file and the field."""
        problem = Problem("module.yaml", "", "title", "give the module title", line=2)
        assert str(problem) == "module.yaml:2: field 'title': give the module title"
        assert "item" not in str(problem)

    def test_line_zero_is_kept_not_dropped(self):
        """Only a missing line (None) is left out; 0 is a value."""
        assert str(Problem("f.yaml", "", "-", "m", line=0)).startswith("f.yaml:0: ")

    def test_line_defaults_to_none(self):
        assert Problem("f", "i", "x", "m").line is None

    def test_is_frozen(self):
        problem = Problem("f", "i", "x", "m")
        with pytest.raises(dataclasses.FrozenInstanceError):
            problem.line = 3  # type: ignore[misc]

    def test_equal_problems_compare_equal_and_hash_alike(self):
        """Problems are values: two equal ones collapse in a set."""
        a = Problem("f", "i", "x", "m", 1)
        b = Problem("f", "i", "x", "m", 1)
        assert a == b and len({a, b}) == 1
        assert a != Problem("f", "i", "x", "m", 2)


class TestContentError:
    def test_is_a_value_error_that_keeps_its_problems(self):
        problems = [Problem("a.yaml", "x", "kind", "unknown kind"), Problem("b.yaml", "", "title", "t")]
        err = ContentError(problems)
        assert isinstance(err, ValueError)
        assert err.problems is problems

    def test_message_counts_and_lists_every_problem_on_its_own_line(self):
        problems = [Problem("a.yaml", "x", "kind", "unknown kind", 3), Problem("b.yaml", "", "title", "t")]
        lines = str(ContentError(problems)).splitlines()
        assert lines[0] == "2 problem(s) in the course content:"
        assert lines[1:] == [f"  - {problems[0]}", f"  - {problems[1]}"]

    def test_can_be_raised_and_caught_as_value_error(self):
        with pytest.raises(ValueError, match=r"1 problem\(s\).*\n  - f\.yaml: field 'x': m"):
            raise ContentError([Problem("f.yaml", "", "x", "m")])


class TestOption:
    def test_roadblock_defaults_to_empty(self):
        assert OPTIONS[0].roadblock == ""
        assert OPTIONS[1].roadblock == "advising"

    def test_is_frozen(self):
        with pytest.raises(dataclasses.FrozenInstanceError):
            OPTIONS[0].text = "changed"  # type: ignore[misc]


class TestReply:
    def test_fields_are_kept_in_order_and_roadblock_defaults_to_empty(self):
        reply = Reply("a", "That sounds heavy.", 2, "Names the weight.", "next-turn")
        assert (reply.id, reply.quality, reply.next, reply.roadblock) == ("a", 2, "next-turn", "")


class TestTurnReply:
    def test_returns_the_reply_with_that_id(self):
        turn = make_turn()
        assert turn.reply("b").roadblock == "reassuring"
        assert turn.reply("a").quality == 2

    def test_unknown_id_raises_rather_than_returning_none(self):
        """There is no silent default: asking for a reply that is not there is an error."""
        with pytest.raises(KeyError):
            make_turn().reply("z")


class TestScenario:
    def test_peer_says_and_cues_default_to_empty(self):
        scenario = Scenario("A peer waits outside the group room.")
        assert scenario.peer_says == "" and scenario.cues == ()

    def test_is_hashable_with_its_tuple_of_cues(self):
        assert hash(SCENARIO) == hash(Scenario(SCENARIO.situation, SCENARIO.peer_says, ("sighs",)))


class TestItem:
    def test_defaults_are_empty_and_unscored(self):
        item = Item("r-1", "reflection", "practice", "What did you notice?", Scenario("s"), (1,))
        assert item.points == 0.0 and item.key is None
        assert (item.options, item.labels, item.rubric, item.lesson, item.turns) == ((),) * 5
        assert (item.example, item.debrief, item.auto_rubric) == ("", "", ())

    def test_is_frozen(self):
        with pytest.raises(dataclasses.FrozenInstanceError):
            make_item().points = 5.0  # type: ignore[misc]

    def test_replace_gives_a_new_item_and_leaves_the_old_one(self):
        item = make_item()
        practice = dataclasses.replace(item, mode="practice", points=0.0)
        assert (item.mode, item.points) == ("graded", 1.0)
        assert (practice.mode, practice.points) == ("practice", 0.0)

    def test_items_with_tuple_keys_are_hashable(self):
        """The validated forms of keys (str, tuple of ids, tuple of pairs) keep items hashable."""
        items = {make_item(), make_item(kind="select_all", key=("a", "b")),
                 make_item(kind="classify", key=(("a", "supportive"), ("b", "advising")))}
        assert len(items) == 3


class TestItemGraded:
    @pytest.mark.parametrize("mode", MODES)
    def test_graded_only_in_graded_mode(self, mode):
        assert make_item(mode=mode).graded is (mode == "graded")

    def test_any_other_mode_is_not_graded(self):
        assert make_item(mode="Graded").graded is False


HAND_GRADED = ("reflection", "observer_checklist")


class TestItemAutoGraded:
    @pytest.mark.parametrize("kind", tuple(kinds()))
    def test_graded_items_of_every_kind_but_the_hand_graded_two_are_auto_graded(self, kind):
        assert make_item(kind=kind).auto_graded is (kind not in HAND_GRADED)

    @pytest.mark.parametrize("kind", tuple(kinds()))
    def test_practice_items_are_never_auto_graded(self, kind):
        assert make_item(kind=kind, mode="practice").auto_graded is False


class TestItemHandGraded:
    @pytest.mark.parametrize("kind", tuple(kinds()))
    def test_only_graded_reflections_and_checklists_are_hand_graded(self, kind):
        assert make_item(kind=kind).hand_graded is (kind in HAND_GRADED)
        assert make_item(kind=kind, mode="practice").hand_graded is False

    @pytest.mark.parametrize("kind", tuple(kinds()))
    def test_a_graded_item_is_exactly_one_of_auto_or_hand_graded(self, kind):
        item = make_item(kind=kind)
        assert item.auto_graded != item.hand_graded


class TestItemOption:
    def test_returns_the_option_with_that_id(self):
        assert make_item().option("c").roadblock == "reassuring"

    def test_returns_the_first_when_ids_repeat(self):
        item = make_item(options=(Option("a", "first", "e"), Option("a", "second", "e")))
        assert item.option("a").text == "first"

    def test_unknown_id_raises(self):
        with pytest.raises(KeyError):
            make_item().option("d")

    def test_the_error_names_the_id_and_the_item(self):
        """A KeyError, not StopIteration: inside a generator a StopIteration would end it silently."""
        item = make_item()
        with pytest.raises(KeyError, match=f"option in item '{item.id}' has the id 'd'"):
            item.option("d")


class TestItemTurn:
    def test_returns_the_turn_with_that_id(self):
        item = make_item(kind="branching", key=None, options=(),
                         turns=(make_turn("start"), make_turn("later")))
        assert item.turn("later").id == "later"
        assert item.turn("start") is item.turns[0]

    def test_item_without_turns_raises(self):
        with pytest.raises(KeyError):
            make_item().turn("start")


class TestModuleItem:
    def test_returns_the_item_with_that_id(self):
        other = make_item(id="second")
        module = Module("being_present", 1, "Being present", "# Reading", (make_item(), other))
        assert module.item("second") is other

    def test_items_default_to_none(self):
        module = Module("m", 2, "Title", "")
        assert module.items == ()
        with pytest.raises(KeyError):
            module.item("shift-talk")
