"""Line numbers of YAML keys and list entries, and field names as paths."""

from __future__ import annotations

from course_utils.content.yaml_lines import field_path, key_lines, line_of

TEXT = """\
# a comment
title: A module
items:
  - id: one
    kind: rank
    options:
      - id: a
        text: First
      -
        id: b
        explanation: Second
  - {id: two, kind: classify}
"""

DATA = {"items": [{"id": "one", "options": [{"id": "a"}, {"id": "b"}]},
                  {"id": "two", "turns": [{"id": "t1", "replies": [{"id": "x"}, {"id": "y"}]}]}]}


class TestKeyLines:
    def test_keys_and_entries_map_to_their_lines(self):
        """Each key maps to its own line, each list entry to the line it starts on."""
        lines = key_lines(TEXT)
        assert lines[("title",)] == 2
        assert lines[("items", 0)] == 4
        assert lines[("items", 0, "kind")] == 5
        assert lines[("items", 0, "options", 0, "text")] == 8
        assert lines[("items", 0, "options", 1)] == 10
        assert lines[("items", 0, "options", 1, "explanation")] == 11
        assert lines[("items", 1, "kind")] == 12

    def test_empty_document_has_only_line_one(self):
        """An empty text maps the document itself to line 1."""
        assert key_lines("") == {(): 1}

    def test_recursive_alias_does_not_loop(self):
        """An alias back to its own list is walked once."""
        lines = key_lines("a: &x [1, *x]\n")
        assert lines[("a", 1)] == 1


class TestLineOf:
    def test_missing_field_falls_back_to_nearest_parent(self):
        """A field not in the document takes the line of the closest path that is."""
        lines = key_lines(TEXT)
        assert line_of(lines, ("items", 0, "options", 0, "explanation")) == 7
        assert line_of(lines, ("items", 0, "key")) == 4
        assert line_of(lines, ("number",)) == 2  # where the top-level mapping starts

    def test_no_lines_gives_none(self):
        """With nothing known, there is no line."""
        assert line_of({}, ("items", 0)) is None


class TestFieldPath:
    def test_bracket_id_becomes_entry_index(self):
        """options[b] is the entry whose id is b."""
        assert field_path(DATA["items"][0], "options[b].explanation") == ("options", 1, "explanation")

    def test_bracket_number_is_one_based_position(self):
        """options[2] without an option of id 2 is the second entry."""
        assert field_path({"options": [{}, {}]}, "options[2].id") == ("options", 1, "id")

    def test_nested_ids_resolve_at_every_level(self):
        """turns[t1].replies[y].next goes through both lists."""
        assert field_path(DATA["items"][1], "turns[t1].replies[y].next") == ("turns", 0, "replies", 1, "next")

    def test_dotted_field_without_brackets_is_split(self):
        """scenario.cues is the cues key inside scenario."""
        assert field_path({}, "scenario.cues") == ("scenario", "cues")

    def test_unknown_entry_stops_the_path(self):
        """An id that is not in the list ends the path at the list."""
        assert field_path(DATA["items"][0], "options[z].text") == ("options",)

    def test_dash_is_the_whole(self):
        """The field `-` means the item or module itself."""
        assert field_path(DATA, "-") == ()
