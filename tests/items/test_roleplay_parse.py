"""Reading a role-play's `roleplay:` field: the example content parses, each mistake is named."""

from __future__ import annotations

import copy

import pytest

from course_utils.items.roleplay_parse import parse_roleplay


def response(next_state: str, line: str = "Okay.") -> dict:
    return {"next": next_state, "cue": "She pauses.", "lines": [line, f"{line} Yes."]}


def chain(steps: int = 4) -> dict:
    """A persona whose connecting replies open it up in `steps` replies; a misstep ends it."""
    states: dict = {}
    names = [f"s{n}" for n in range(steps)]
    for n, name in enumerate(names):
        after = names[n + 1] if n + 1 < steps else "opened"
        states[name] = {"connecting": response(after), "neutral": response(name),
                        "misstep": response("withdrew")}
    states["opened"] = {"end": "opened"}
    states["withdrew"] = {"end": "withdrew"}
    return {"name": "Ana", "carrying": "A hard week.", "closing": ["I should go."], "states": states}


def problems(raw) -> list[tuple[str, str]]:
    said: list[tuple[str, str]] = []
    parse_roleplay(raw, lambda f, m: said.append((f, m)))
    return said


class TestParseRoleplay:
    def test_a_valid_persona_parses_with_its_states_in_order(self):
        said: list = []
        play = parse_roleplay(chain(), lambda f, m: said.append((f, m)))
        assert said == []
        assert play is not None and play.start == "s0"
        assert [s.id for s in play.states] == ["s0", "s1", "s2", "s3", "opened", "withdrew"]
        assert play.state("s3").response("connecting", "reflection").next == "opened"
        assert play.state("opened").end == "opened"

    def test_a_specific_move_answers_before_its_kind(self):
        raw = chain()
        raw["states"]["s0"]["advising"] = response("withdrew", "I already tried that.")
        play = parse_roleplay(raw, lambda f, m: None)
        assert play.state("s0").response("misstep", "advising").lines[0] == "I already tried that."
        assert play.state("s0").response("misstep", "judging").lines[0] == "Okay."

    def test_a_missing_move_kind_is_named(self):
        raw = chain()
        del raw["states"]["s1"]["neutral"]
        assert ("roleplay.states.s1", "say how the peer takes every kind of move; missing: neutral") \
            in problems(raw)

    def test_an_unknown_move_is_refused_with_the_known_ones(self):
        raw = chain()
        raw["states"]["s0"]["advice"] = response("s0")
        [(field, message)] = problems(raw)
        assert field == "roleplay.states.s0.advice" and "advising" in message

    def test_a_near_miss_is_named(self):
        raw = chain()
        raw["states"]["s0"]["advise"] = response("s0")
        raw["states"]["s1"]["misstep"]["next"] = "withdraw"
        said = dict(problems(raw))
        assert said["roleplay.states.s0.advise"].startswith("unknown move (did you mean 'advising'?)")
        assert said["roleplay.states.s1.misstep.next"].startswith(
            "'withdraw' is not a state (did you mean 'withdrew'?)")

    def test_next_must_be_a_state(self):
        raw = chain()
        raw["states"]["s0"]["neutral"]["next"] = "nowhere"
        assert any(f == "roleplay.states.s0.neutral.next" and "'nowhere' is not a state" in m
                   for f, m in problems(raw))

    def test_opening_up_too_soon_is_refused(self):
        assert ("roleplay.states", "the peer can open up after 3 replies; make it take 4 to 8 "
                "(add or remove a state on the way)") in problems(chain(3))

    def test_opening_up_in_eight_replies_is_allowed_and_nine_is_not(self):
        assert problems(chain(8)) == []
        assert any("after 9 replies" in m for _, m in problems(chain(9)))

    def test_a_state_no_move_reaches_is_named(self):
        raw = chain()
        raw["states"]["lost"] = {"connecting": response("opened"), "neutral": response("lost"),
                                 "misstep": response("withdrew")}
        assert ("roleplay.states", "no move leads to: lost") in problems(raw)

    def test_a_state_that_cannot_end_is_named(self):
        raw = chain()
        raw["states"]["s0"]["neutral"] = response("loop")
        raw["states"]["loop"] = {"connecting": response("loop"), "neutral": response("loop"),
                                 "misstep": response("loop")}
        assert ("roleplay.states", "no path from loop reaches an end state") in problems(raw)

    def test_both_ends_must_be_reachable(self):
        raw = chain()
        for name in ("s0", "s1", "s2", "s3"):
            raw["states"][name]["misstep"] = response(name)
        assert ("roleplay.states", "give a reachable state with end: withdrew") in problems(raw)

    def test_an_end_state_has_no_moves(self):
        raw = chain()
        raw["states"]["opened"]["connecting"] = response("s0")
        assert ("roleplay.states.opened.connecting", "an end state has only end and label: the talk "
                "is over") in problems(raw)

    def test_an_unknown_end_is_refused(self):
        raw = chain()
        raw["states"]["withdrew"]["end"] = "left"
        assert ("roleplay.states.withdrew.end", "an end is one of: opened, withdrew") in problems(raw)

    @pytest.mark.parametrize("lines", [[], ["a", "b", "c", "d", "e"], ["ok", ""], "  ", [3]])
    def test_lines_are_one_to_four_texts(self, lines):
        raw = chain()
        raw["states"]["s0"]["connecting"]["lines"] = lines
        assert any(f == "roleplay.states.s0.connecting.lines" and m.startswith("give 1 to 4 lines")
                   for f, m in problems(raw))

    def test_a_single_line_may_be_written_as_text(self):
        raw = chain()
        raw["states"]["s0"]["connecting"]["lines"] = "Yes."
        assert problems(raw) == []

    def test_unknown_fields_are_refused_where_they_are(self):
        raw = chain()
        raw["persona"] = "Ana"
        raw["states"]["s0"]["connecting"]["cues"] = "She nods."
        said = problems(raw)
        assert ("roleplay.persona", "unknown field; a role-play has: name, carrying, start, closing, "
                "states") in said
        assert ("roleplay.states.s0.connecting.cues", "unknown field; a response has: next, lines, "
                "cue") in said

    def test_start_must_be_a_state_that_is_not_an_end(self):
        raw = chain()
        raw["start"] = "opened"
        assert ("roleplay.start", "the conversation cannot start in an end state") in problems(raw)
        raw["start"] = "s9"
        assert any(f == "roleplay.start" and "'s9' is not a state" in m for f, m in problems(raw))

    @pytest.mark.parametrize("field", ["name", "carrying", "closing"])
    def test_persona_fields_are_required(self, field):
        raw = copy.deepcopy(chain())
        del raw[field]
        assert any(f == f"roleplay.{field}" for f, _ in problems(raw))

    def test_not_a_mapping_says_what_to_give(self):
        [(field, message)] = problems(["Ana"])
        assert field == "roleplay" and "content/README.md" in message

    def test_a_state_name_must_be_lowercase(self):
        raw = chain()
        raw["states"]["Bad State"] = {"end": "opened"}
        assert any(f == "roleplay.states.Bad State" for f, _ in problems(raw))
