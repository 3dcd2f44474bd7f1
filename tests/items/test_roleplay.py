"""The role-play's content model: responses by move, states by id, and its JSON form."""

from __future__ import annotations

import pytest
from helpers import REPO

from course_utils.content.loader import load_module
from course_utils.items.roleplay import Response, State, from_json, to_json

PLAY = load_module(REPO / "content" / "being_present").item("bp-roleplay-letter").roleplay


class TestState:
    def test_a_specific_move_answers_before_its_kind(self):
        state = State("s", "s", (("misstep", Response("a", ("Misstep.",))),
                                 ("advising", Response("b", ("Advice.",)))))
        assert state.response("misstep", "advising").next == "b"
        assert state.response("misstep", "judging").next == "a"

    def test_a_move_the_state_does_not_answer_gives_none(self):
        assert State("end", "end", (), "opened").response("connecting", "reflection") is None


class TestRolePlay:
    def test_states_are_found_by_id(self):
        assert PLAY.state("closing_off").label == "closing off"

    def test_an_unknown_state_is_named(self):
        with pytest.raises(KeyError, match="no state of Teodor's role-play has the id 'lost'"):
            PLAY.state("lost")


class TestJson:
    def test_round_trip_gives_the_same_role_play(self):
        assert from_json(to_json(PLAY)) == PLAY

    def test_json_keeps_the_order_of_states_and_moves(self):
        data = to_json(PLAY)
        assert [s["id"] for s in data["states"]][:2] == ["guarded", "opening_up"]
        assert [m for m, _ in data["states"][0]["on"]] == ["connecting", "neutral", "misstep", "advising"]
