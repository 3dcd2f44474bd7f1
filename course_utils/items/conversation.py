"""Branching conversations: parsing turns, walking paths and replaying a learner's replies."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from course_utils.core.vocab import MOODS, ROADBLOCKS, TURNS_PER_PATH
from course_utils.items.model import Reply, Turn

END = "end"


def parse_turns(raw: Any, bad: Callable[[str, str], None]) -> tuple[Turn, ...]:
    """Validate the `turns:` list of a branching item and return its turns."""
    if not isinstance(raw, list) or not raw:
        bad("turns", "a branching item needs a list of turns (see content/README.md)")
        return ()
    turns: list[Turn] = []
    for n, t in enumerate(raw, start=1):
        if not isinstance(t, dict) or not isinstance(t.get("id"), str) or t["id"] == END:
            bad(f"turns[{n}].id", "each turn needs an id (not 'end')")
            continue
        where = f"turns[{t['id']}]"
        if not isinstance(t.get("peer_says"), str) or not t["peer_says"].strip():
            bad(f"{where}.peer_says", "say what the peer says at this turn")
        if t.get("mood") not in MOODS:
            bad(f"{where}.mood", f"use one of: {', '.join(MOODS)}")
        turns.append(Turn(t["id"], str(t.get("peer_says", "")).strip(), str(t.get("mood")),
                          _parse_replies(t.get("replies"), where, bad)))
    ids = [t.id for t in turns]
    if len(set(ids)) != len(ids):
        bad("turns", "turn ids must be different from each other")
        return tuple(turns)
    for turn in turns:
        for reply in turn.replies:
            if reply.next != END and reply.next not in ids:
                bad(f"turns[{turn.id}].replies[{reply.id}].next",
                    f"'{reply.next}' is not a turn id; use a turn id or end")
    _check_paths(tuple(turns), bad)
    return tuple(turns)


def _parse_replies(raw: Any, where: str, bad) -> tuple[Reply, ...]:
    if not isinstance(raw, list) or not 2 <= len(raw) <= 4:
        bad(f"{where}.replies", "each turn needs 2 to 4 replies")
        return ()
    replies: list[Reply] = []
    for n, r in enumerate(raw, start=1):
        if not isinstance(r, dict) or not isinstance(r.get("id"), str):
            bad(f"{where}.replies[{n}].id", "each reply needs an id, e.g. a")
            continue
        at = f"{where}.replies[{r['id']}]"
        for part in ("text", "explanation"):
            if not isinstance(r.get(part), str) or not r[part].strip():
                bad(f"{at}.{part}", f"reply '{r['id']}' needs its {part}")
        quality = r.get("quality")
        if quality not in (0, 1, 2) or isinstance(quality, bool):
            bad(f"{at}.quality", "give 2 (present), 1 (okay) or 0 (a roadblock)")
            quality = 0
        roadblock = r.get("roadblock") or ""
        if roadblock and roadblock not in ROADBLOCKS:
            bad(f"{at}.roadblock", f"unknown roadblock {roadblock!r}; use one of: {', '.join(ROADBLOCKS)}")
        if not isinstance(r.get("next"), str):
            bad(f"{at}.next", "give the id of the next turn, or end")
        replies.append(Reply(r["id"], str(r.get("text", "")).strip(), quality,
                             str(r.get("explanation", "")).strip(), str(r.get("next", END)),
                             roadblock))
    if len({r.id for r in replies}) != len(replies):
        bad(f"{where}.replies", "reply ids must be different from each other within a turn")
    if replies and max(r.quality for r in replies) < 2:
        bad(f"{where}.replies", "give at least one reply of quality 2 at every turn")
    return tuple(replies)


def _check_paths(turns: tuple[Turn, ...], bad) -> None:
    by_id = {t.id: t for t in turns}
    low, high = TURNS_PER_PATH
    reached: set[str] = set()

    def walk(turn_id: str, path: tuple[str, ...]) -> None:
        if turn_id in path:
            bad("turns", f"the conversation loops back to turn '{turn_id}'")
            return
        path = (*path, turn_id)
        reached.add(turn_id)
        if len(path) > high:
            bad("turns", f"a path has more than {high} turns: {' > '.join(path)}")
            return
        for reply in by_id[turn_id].replies:
            if reply.next == END:
                if len(path) < low:
                    bad("turns", f"a path ends after {len(path)} turn(s); give {low} to {high}: "
                        + " > ".join(path))
            elif reply.next in by_id:
                walk(reply.next, path)

    walk(turns[0].id, ())
    unreached = [t.id for t in turns if t.id not in reached]
    if unreached:
        bad("turns", f"no path reaches turn(s): {', '.join(unreached)}")


def replay(turns: tuple[Turn, ...], answer: Any) -> tuple[list[tuple[Turn, Reply]], Turn | None]:
    """Follow the learner's reply ids from the first turn: the steps taken and the turn now due.

    Stops at the first reply id that does not belong to the turn it is given at.
    """
    by_id = {t.id: t for t in turns}
    steps: list[tuple[Turn, Reply]] = []
    current: Turn | None = turns[0] if turns else None
    for reply_id in answer if isinstance(answer, list) else ():
        if current is None:
            break
        reply = next((r for r in current.replies if r.id == reply_id), None)
        if reply is None:
            break
        steps.append((current, reply))
        current = by_id.get(reply.next)
    return steps, current


def turns_to_end(turns: tuple[Turn, ...], turn_id: str) -> int:
    """The fewest turns still to go from this turn (itself included) to the end."""
    by_id = {t.id: t for t in turns}

    @cache
    def shortest(tid: str) -> int:
        return 1 + min(0 if r.next == END else shortest(r.next) for r in by_id[tid].replies)

    return shortest(turn_id)


def path_fraction(turns: tuple[Turn, ...], answer: Any) -> tuple[float, str]:
    """Quality of the path taken: sum of qualities / (2 x turns); unfinished turns count as 0."""
    steps, current = replay(turns, answer)
    total = len(steps) + (turns_to_end(turns, current.id) if current is not None else 0)
    earned = sum(reply.quality for _, reply in steps)
    note = f"Path quality {earned} of {2 * total} over {total} turns."
    if current is not None:
        note += " The conversation was not finished."
    return (earned / (2 * total) if total else 0.0), note
