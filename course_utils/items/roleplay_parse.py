"""Reading a role-play's `roleplay:` field from content, with every problem named for the author.

Checked: the persona's fields, each state's responses (next state, lines, cue), that every state
can be reached from the start and can reach an end, that the peer can open up and can withdraw,
and that opening up takes between TURNS replies.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable
from difflib import get_close_matches
from typing import Any

from course_utils.core.vocab import ROADBLOCKS
from course_utils.items.roleplay import (
    END_OUTCOMES,
    LINES_PER_MOVE,
    MOVE_KINDS,
    SPECIFIC_MOVES,
    TURNS,
    Response,
    RolePlay,
    State,
)

Bad = Callable[[str, str], None]
ROLEPLAY_FIELDS = ("name", "carrying", "start", "closing", "states")
RESPONSE_FIELDS = ("next", "lines", "cue")
STATE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
MOVES = (*MOVE_KINDS, *SPECIFIC_MOVES, *ROADBLOCKS)


def parse_roleplay(raw: Any, bad: Bad) -> RolePlay | None:
    """The role-play of one item, or None when it has problems (each one given to bad)."""
    if not isinstance(raw, dict):
        bad("roleplay", "give the persona (name, carrying, closing) and its states; see "
            "content/README.md, 'Role-plays'")
        return None
    for name in raw:
        if name not in ROLEPLAY_FIELDS:
            bad(f"roleplay.{name}", f"unknown field; a role-play has: {', '.join(ROLEPLAY_FIELDS)}")
    texts = {f: raw.get(f) for f in ("name", "carrying")}
    for name, value in texts.items():
        if not isinstance(value, str) or not value.strip():
            bad(f"roleplay.{name}", "say the peer's first name" if name == "name"
                else "say in a sentence what the peer is carrying today")
    closing = _lines(raw.get("closing"), "roleplay.closing",
                     "the peer's words when the talk runs out of turns", bad)
    states = _states(raw.get("states"), bad)
    if not states:
        return None
    start = raw.get("start", states[0].id)
    ids = [s.id for s in states]
    if start not in ids:
        bad("roleplay.start", f"'{start}' is not a state; use one of: {', '.join(ids)}")
        return None
    play = RolePlay(str(texts["name"] or "").strip(), str(texts["carrying"] or "").strip(),
                    start, tuple(states), closing)
    if play.state(start).end:
        bad("roleplay.start", "the conversation cannot start in an end state")
        return None
    _check_graph(play, bad)
    return play


def _states(raw: Any, bad: Bad) -> list[State]:
    if not isinstance(raw, dict) or len(raw) < 3:
        bad("roleplay.states", "give at least three states by name, e.g. guarded, opened "
            "(end: opened) and withdrew (end: withdrew)")
        return []
    states = []
    for state_id, body in raw.items():
        where = f"roleplay.states.{state_id}"
        if not isinstance(state_id, str) or not STATE_ID.match(state_id):
            bad(where, "name a state with lowercase letters, digits and _, e.g. opening_up")
            continue
        if not isinstance(body, dict):
            bad(where, "give the state's responses (connecting, neutral, misstep) or its end")
            continue
        states.append(_state(state_id, body, where, bad))
    ids = {s.id for s in states}
    for state in states:
        for move, response in state.on:
            if response.next not in ids:
                bad(f"roleplay.states.{state.id}.{move}.next",
                    f"'{response.next}' is not a state{_did_you_mean(response.next, ids)}; use one "
                    f"of: {', '.join(sorted(ids))}")
    return states


def _state(state_id: str, body: dict, where: str, bad: Bad) -> State:
    label = str(body.get("label") or state_id.replace("_", " "))
    if "end" in body:
        if body["end"] not in END_OUTCOMES:
            bad(f"{where}.end", f"an end is one of: {', '.join(END_OUTCOMES)}")
        extra = [k for k in body if k not in ("end", "label")]
        if extra:
            bad(f"{where}.{extra[0]}", "an end state has only end and label: the talk is over")
        return State(state_id, label, (), str(body["end"]))
    on = []
    for move, spec in body.items():
        if move == "label":
            continue
        if move not in MOVES:
            bad(f"{where}.{move}", f"unknown move{_did_you_mean(move, MOVES)}; use connecting, "
                f"neutral, misstep, or one of: {', '.join((*SPECIFIC_MOVES, *ROADBLOCKS))}")
            continue
        response = _response(spec, f"{where}.{move}", bad)
        if response is not None:
            on.append((move, response))
    missing = [k for k in MOVE_KINDS if k not in body]
    if missing:
        bad(where, f"say how the peer takes every kind of move; missing: {', '.join(missing)}")
    return State(state_id, label, tuple(on))


def _response(spec: Any, where: str, bad: Bad) -> Response | None:
    if not isinstance(spec, dict):
        bad(where, "give next (a state), lines (what the peer says) and, if you like, a cue")
        return None
    for name in spec:
        if name not in RESPONSE_FIELDS:
            bad(f"{where}.{name}", f"unknown field; a response has: {', '.join(RESPONSE_FIELDS)}")
    cue = spec.get("cue", "")
    if not isinstance(cue, str):
        bad(f"{where}.cue", "a cue is one sentence of what you notice, e.g. She looks away.")
        cue = ""
    if not isinstance(spec.get("next"), str):
        bad(f"{where}.next", "give the state the peer goes to")
    lines = _lines(spec.get("lines"), f"{where}.lines", "what the peer says next", bad)
    return Response(str(spec.get("next", "")), lines, cue.strip())


def _lines(raw: Any, where: str, what: str, bad: Bad) -> tuple[str, ...]:
    low, high = LINES_PER_MOVE
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not low <= len(raw) <= high or \
            not all(isinstance(x, str) and x.strip() for x in raw):
        bad(where, f"give {low} to {high} lines of {what} (variants, so a second try reads "
            "differently)")
        return ()
    return tuple(x.strip() for x in raw)


def _did_you_mean(word: str, known: Iterable[str]) -> str:
    """(did you mean 'x'?) for a near miss, else nothing."""
    close = get_close_matches(str(word), list(known), n=1, cutoff=0.7)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_graph(play: RolePlay, bad: Bad) -> None:
    """Every state reached and able to end; opening up possible in TURNS replies; withdrawing too."""
    by_id = {s.id: s for s in play.states}
    distance = _distances(play.start, by_id)
    unreached = [s.id for s in play.states if s.id not in distance]
    if unreached:
        bad("roleplay.states", f"no move leads to: {', '.join(unreached)}")
    stuck = [s.id for s in play.states if not s.end and not _can_end(s.id, by_id)]
    if stuck:
        bad("roleplay.states", f"no path from {', '.join(stuck)} reaches an end state")
    low, high = TURNS
    for outcome in END_OUTCOMES:
        reached = [distance[s.id] for s in play.states if s.end == outcome and s.id in distance]
        if not reached:
            bad("roleplay.states", f"give a reachable state with end: {outcome}")
        elif outcome == "opened" and not low <= min(reached) <= high:
            bad("roleplay.states", f"the peer can open up after {min(reached)} replies; make it "
                f"take {low} to {high} (add or remove a state on the way)")


def _distances(start: str, by_id: dict[str, State]) -> dict[str, int]:
    """The fewest replies from the start to each state (breadth first)."""
    distance, queue = {start: 0}, deque([start])
    while queue:
        here = queue.popleft()
        for _, response in by_id[here].on:
            if response.next in by_id and response.next not in distance:
                distance[response.next] = distance[here] + 1
                queue.append(response.next)
    return distance


def _can_end(state_id: str, by_id: dict[str, State]) -> bool:
    return any(by_id[s].end for s in _distances(state_id, by_id))
