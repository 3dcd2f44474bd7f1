"""A role-play's content: the persona, the states the peer can be in and how each move lands.

A learner's reply is read as a move (course_utils/analysis/reply_moves.py): connecting, neutral or
a misstep, and a more specific name (reflection, advising, asks_about_suicide ...). Each state
says, per move, the state the peer goes to, the cue the learner notices and a few variants of
the peer's next line. A state with an `end` closes the conversation with that outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MOVE_KINDS: tuple[str, ...] = ("connecting", "neutral", "misstep")
# The specific moves a state may answer in its own way, by the kind each belongs to.
SPECIFIC_MOVES: dict[str, str] = {
    "reflection": "connecting", "validation": "connecting", "open_question": "connecting",
    "asks_about_suicide": "connecting", "warm_handoff": "connecting",
    "closed_question": "neutral", "repeat": "neutral", "other": "neutral",
}
# How a conversation can end, as trainers say it.
OUTCOMES: dict[str, str] = {"opened": "opened", "withdrew": "withdrew", "guarded": "stayed guarded"}
END_OUTCOMES: tuple[str, ...] = ("opened", "withdrew")  # what a state's `end` may say
TURNS: tuple[int, int] = (4, 8)  # the fewest replies to reach `opened`, and the most in one talk
LINES_PER_MOVE: tuple[int, int] = (1, 4)


@dataclass(frozen=True)
class Response:
    """How the peer takes one kind of move in one state: where they go, the cue, their lines."""

    next: str
    lines: tuple[str, ...]
    cue: str = ""


@dataclass(frozen=True)
class State:
    """One state of the peer: a name learners see in practice, and a response per move."""

    id: str
    label: str
    on: tuple[tuple[str, Response], ...] = ()  # (move kind or specific move, response)
    end: str = ""  # "", or the outcome reaching this state ends the conversation with

    def response(self, kind: str, specific: str) -> Response | None:
        """The response to a move: the specific move's own if the state gives one, else its kind's."""
        by_move = dict(self.on)
        return by_move.get(specific) or by_move.get(kind)


@dataclass(frozen=True)
class RolePlay:
    """A persona and its states; the opening line and the setting are the item's scenario."""

    name: str
    carrying: str
    start: str
    states: tuple[State, ...]
    closing: tuple[str, ...] = ()  # the peer's words when the last turn passes with no end

    def state(self, state_id: str) -> State:
        """The state with this id; KeyError names it."""
        for state in self.states:
            if state.id == state_id:
                return state
        raise KeyError(f"no state of {self.name}'s role-play has the id {state_id!r}")


def to_json(play: RolePlay) -> dict[str, Any]:
    """The role-play as plain JSON data (for items.json and sealed hidden tests)."""
    return {
        "name": play.name, "carrying": play.carrying, "start": play.start,
        "closing": list(play.closing),
        "states": [{"id": s.id, "label": s.label, "end": s.end,
                    "on": [[move, {"next": r.next, "cue": r.cue, "lines": list(r.lines)}]
                           for move, r in s.on]}
                   for s in play.states],
    }


def from_json(data: dict[str, Any]) -> RolePlay:
    """A role-play from to_json's data."""
    return RolePlay(
        name=data["name"], carrying=data.get("carrying", ""), start=data["start"],
        closing=tuple(data.get("closing", ())),
        states=tuple(State(s["id"], s.get("label", s["id"]), tuple(
            (move, Response(r["next"], tuple(r["lines"]), r.get("cue", ""))) for move, r in s["on"]),
            s.get("end", "")) for s in data["states"]))
