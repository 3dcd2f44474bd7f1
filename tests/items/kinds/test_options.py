"""What the kinds with options share (course_utils/items/kinds/options.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from course_utils.content.validation import _parse_item
from course_utils.core.display_order import IN_FILE_ORDER, DisplayOrder
from course_utils.core.vocab import ROADBLOCKS
from course_utils.items.kind import kind_of
from course_utils.items.kinds.options import (
    OptionKind,
    described,
    option_text,
    parse_options,
    shown_ids,
    strip_tags,
)
from course_utils.items.model import Item, Option, Problem, Scenario

SEEDED = DisplayOrder("learner-1")
OPTION_KINDS = ("best_response", "select_all", "rank", "classify")


def opts(*ids: str) -> list[dict]:
    return [{"id": i, "text": f"Reply {i}.", "explanation": f"Why {i}."} for i in ids]


def collector():
    """A `bad` callback and the (field, message) pairs it received."""
    said: list[tuple[str, str]] = []
    return (lambda field, message: said.append((field, message))), said


def item(ids: str = "abcd") -> Item:
    options = tuple(Option(i, f"Reply <{i}> & more", f"Why {i}.") for i in ids)
    return Item(id="jo-night", kind="best_response", mode="graded", prompt="?",
                scenario=Scenario("s"), competencies=(1,), points=1.0, options=options, key=ids[0])


class Echo(OptionKind):
    """A toy kind (never registered): shows each option's id and letter, and records its key check."""

    name = "echo"
    option_counts = (2, 4)

    def __init__(self) -> None:
        self.checked: list[tuple[Any, list[str], dict]] = []

    def parse_more(self, raw, bad):
        return {"labels": ("x",)}

    def check_key(self, key, ids, fields, bad):
        self.checked.append((key, ids, fields))
        return f"checked {key}"

    def feedback_head(self, item, answer, letters):
        return f"<p>answer {answer}</p>"

    def option_feedback(self, item, answer, option_id, letters):
        return f"<strong>({letters[option_id]})</strong> {option_id} &amp; co"


class TestParseOptions:
    @pytest.mark.parametrize("kind", ["written_reply", "reflection", "branching"])
    def test_kinds_without_options_do_not_take_them(self, kind):
        assert "options" not in kind_of(kind).fields

    @pytest.mark.parametrize(("kind", "says"), [
        ("written_reply", "written_reply items have no options"),
        ("reflection", "reflection items have no options"),
        ("branching", "branching items have no key or options: give each reply a quality"),
    ])
    def test_options_on_a_kind_without_them_are_refused(self, kind, says):
        problems: list[Problem] = []
        raw = {"id": "jo-night", "kind": kind, "mode": "practice", "prompt": "?",
               "scenario": {"situation": "s"}, "competencies": [2], "options": opts("a", "b", "c")}
        assert _parse_item(raw, 1, "m.yaml", problems) is None
        assert ("options", says) in [(p.field, p.message) for p in problems]

    def test_options_on_an_unknown_kind_are_not_a_problem_of_their_own(self):
        """Only the kind is reported: nothing is known about what an unknown kind takes."""
        problems: list[Problem] = []
        raw = {"id": "jo-night", "kind": "matching", "mode": "practice", "prompt": "?",
               "scenario": {"situation": "s"}, "competencies": [2], "options": opts("a", "b", "c")}
        assert _parse_item(raw, 1, "m.yaml", problems) is None
        assert [p.field for p in problems] == ["kind"]

    def test_valid_options_become_options_in_the_written_order(self):
        bad, said = collector()
        assert parse_options(opts("b", "a", "c"), "rank", (3, 6), bad) == (
            Option("b", "Reply b.", "Why b."), Option("a", "Reply a.", "Why a."),
            Option("c", "Reply c.", "Why c."))
        assert said == []

    @pytest.mark.parametrize(("kind", "count", "says"), [
        ("best_response", 2, "best_response items need 3 to 5 options"),
        ("best_response", 6, "best_response items need 3 to 5 options"),
        ("classify", 1, "classify items need 2 to 8 options"),
        ("rank", 7, "rank items need 3 to 6 options"),
        ("select_all", 9, "select_all items need 3 to 8 options"),
    ])
    def test_wrong_number_of_options_gives_the_kinds_allowed_range(self, kind, count, says):
        bad, said = collector()
        assert parse_options(opts(*"abcdefghi"[:count]), kind, kind_of(kind).option_counts, bad) == ()
        assert said == [("options", says)]

    @pytest.mark.parametrize("raw", [{"a": "x"}, None, "a, b, c"])
    def test_options_not_a_list_are_rejected_with_the_range(self, raw):
        bad, said = collector()
        assert parse_options(raw, "rank", (3, 6), bad) == ()
        assert said == [("options", "rank items need 3 to 6 options")]

    @pytest.mark.parametrize("bad_option", [{"text": "No id.", "explanation": "e"}, "c", {"id": 3}])
    def test_option_without_an_id_is_named_by_its_position(self, bad_option):
        bad, said = collector()
        options = parse_options(opts("a", "b") + [bad_option], "best_response", (3, 5), bad)
        assert said == [("options[3].id", "each option needs an id, e.g. a")]
        assert [o.id for o in options] == ["a", "b"]

    @pytest.mark.parametrize("part", ["text", "explanation"])
    @pytest.mark.parametrize("value", [None, "   ", 7])
    def test_missing_text_or_explanation_names_the_option(self, part, value):
        bad, said = collector()
        raw = opts("a", "b", "c")
        raw[1][part] = value
        parse_options(raw, "best_response", (3, 5), bad)
        assert said == [(f"options[b].{part}", f"option 'b' needs its {part}")]

    def test_unknown_roadblock_lists_the_roadblocks(self):
        bad, said = collector()
        raw = opts("a", "b", "c")
        raw[2]["roadblock"] = "nagging"
        parse_options(raw, "best_response", (3, 5), bad)
        [(field, message)] = said
        assert field == "options[c].roadblock"
        assert message.startswith("unknown roadblock 'nagging'; use one of: ")
        assert all(r in message for r in ROADBLOCKS)

    def test_known_roadblock_is_kept_and_text_stripped(self):
        bad, said = collector()
        raw = opts("a", "b", "c")
        raw[0].update(text="  Have you tried yoga?  ", roadblock="advising")
        options = parse_options(raw, "best_response", (3, 5), bad)
        assert said == []
        assert options[0] == Option("a", "Have you tried yoga?", "Why a.", "advising")

    def test_repeated_option_ids_are_rejected(self):
        bad, said = collector()
        parse_options(opts("a", "b", "a"), "best_response", (3, 5), bad)
        assert said == [("options", "option ids must be different from each other")]


class TestOptionKindParse:
    def test_key_is_checked_against_the_parsed_option_ids_and_fields(self):
        kind = Echo()
        bad, said = collector()
        fields = kind.parse({"options": opts("b", "a"), "key": "b"}, "graded", (), bad)
        assert said == []
        assert kind.checked == [("b", ["b", "a"], {"labels": ("x",)})]
        assert fields == {"options": (Option("b", "Reply b.", "Why b."), Option("a", "Reply a.", "Why a.")),
                          "key": "checked b", "labels": ("x",)}

    def test_options_use_the_kinds_own_counts(self):
        bad, said = collector()
        Echo().parse({"options": opts("a", "b", "c", "d", "e"), "key": "a"}, "graded", (), bad)
        assert said == [("options", "echo items need 2 to 4 options")]

    def test_missing_key_is_asked_for_and_not_checked(self):
        """Every kind with options says so the same way (each kind's tests check its own)."""
        kind = Echo()
        bad, said = collector()
        assert kind.parse({"options": opts("a", "b")}, "graded", (), bad)["key"] is None
        assert said == [("key", "missing: auto-graded items need the right answer")]
        assert kind.checked == []

    @pytest.mark.parametrize("name", OPTION_KINDS)
    def test_the_built_in_kinds_with_options_share_this_parse(self, name):
        assert isinstance(kind_of(name), OptionKind) and {"options", "key"} <= kind_of(name).fields


class TestOptionKindFeedback:
    def test_html_lists_each_option_in_the_learners_order_under_the_head(self):
        shown = SEEDED.order(list("abcd"), "jo-night")
        assert shown != list("abcd")
        rows = "".join(f"<li><strong>({letter})</strong> {oid} &amp; co</li>"
                       for letter, oid in zip("abcd", shown, strict=True))
        assert Echo().feedback_html(item(), "b", SEEDED) == f"<p>answer b</p><ul>{rows}</ul>"

    def test_lines_are_the_same_rows_as_plain_text(self):
        shown = SEEDED.order(list("abcd"), "jo-night")
        assert Echo().feedback_lines(item(), "b", SEEDED) == [
            f"- ({letter}) {oid} & co" for letter, oid in zip("abcd", shown, strict=True)]

    def test_in_file_order_letters_follow_the_file(self):
        assert Echo().feedback_lines(item("ab"), None, IN_FILE_ORDER) == ["- (a) a & co", "- (b) b & co"]

    def test_by_default_there_is_no_head_and_no_extra_field(self):
        class Plain(Echo):
            feedback_head = OptionKind.feedback_head
            parse_more = OptionKind.parse_more

        kind = Plain()
        assert kind.feedback_head(item(), None, {}) == ""
        assert kind.parse_more({"labels": ["x"]}, lambda f, m: None) == {}
        assert kind.feedback_html(item("ab"), None, IN_FILE_ORDER).startswith("<ul>")


class TestShownIds:
    def test_in_file_order_is_the_files_order(self):
        assert shown_ids(item(), IN_FILE_ORDER) == list("abcd")

    def test_a_seed_shuffles_the_same_way_every_time(self):
        shown = shown_ids(item(), SEEDED)
        assert sorted(shown) == list("abcd") and shown != list("abcd")
        assert shown_ids(item(), DisplayOrder("learner-1")) == shown

    def test_the_same_learner_sees_another_item_in_another_order(self):
        other = replace(item(), id="jo-morning")
        seeds = [DisplayOrder(f"learner-{n}") for n in range(10)]
        assert any(shown_ids(item(), seed) != shown_ids(other, seed) for seed in seeds)


class TestOptionText:
    def test_known_option_gives_its_text(self):
        assert option_text(item(), "b") == "Reply <b> & more"

    def test_unknown_option_is_named_as_unknown(self):
        assert option_text(item(), "z") == "(unknown option z)"


class TestDescribed:
    def test_verdict_in_bold_then_escaped_text_and_explanation(self):
        assert described(item(), "a", "(c) Best.") == (
            "<strong>(c) Best.</strong> Reply &lt;a&gt; &amp; more <em>Why a.</em>")


class TestStripTags:
    def test_tags_go_and_entities_become_characters(self):
        html = "<p><strong>A</strong> &lt;b&gt; &amp; &ldquo;c&rdquo;</p>"
        assert strip_tags(html) == "A <b> & \u201cc\u201d"

    def test_plain_text_is_unchanged(self):
        assert strip_tags("no tags here") == "no tags here"
