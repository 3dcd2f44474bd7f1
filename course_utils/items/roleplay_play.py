"""Playing a role-play: the learner's replies, read as moves, walk the peer through its states.

The saved answer is {"replies": [...], "seed": n, "tries": [...]}: the peer's lines are chosen
from these alone, so a hidden test, formgrader and the learner's widget see the same talk. The
seed changes when a practice talk starts over; tries[n] counts how often turn n was taken again,
so a retried turn reads differently while the turns before it stay as they were.
Scoring (stated to learners): half the points are the share of replies that connected (out of at
least TURNS[0] replies), half are for the peer opening up by the end.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from course_utils.analysis.reply_analysis import COMPLEX_NOTE
from course_utils.analysis.reply_moves import Move, read_move
from course_utils.items.model import Item
from course_utils.items.roleplay import OUTCOMES, TURNS, RolePlay

# MITI 4.2's thresholds for the ratio of reflections to questions.
MITI_FAIR, MITI_GOOD = 1.0, 2.0


@dataclass(frozen=True)
class Step:
    """One turn: the reply, the move it made, and how the peer took it."""

    reply: str
    move: Move
    before: str  # the peer's state when the reply was given
    after: str
    peer: str  # the peer's next line
    cue: str


@dataclass(frozen=True)
class Talk:
    """A conversation so far: its steps, the peer's state now, and how it ended ("" if going on)."""

    play: RolePlay
    opening: str
    steps: tuple[Step, ...]
    state: str
    outcome: str
    closing: str = ""  # the peer's words when the turns ran out

    @property
    def ended(self) -> bool:
        """Whether the conversation is over."""
        return bool(self.outcome)

    @property
    def heard(self) -> list[str]:
        """Everything the peer has said, in order."""
        return [self.opening, *(s.peer for s in self.steps)]

    @property
    def path(self) -> list[str]:
        """The peer's states in order, by their labels."""
        return [self.play.state(self.play.start).label, *(self.play.state(s.after).label
                                                            for s in self.steps)]


def replies_of(answer: Any) -> tuple[list[str], int, list[int]]:
    """The replies, seed and tries of a saved answer (none, 0, none for a missing one)."""
    if not isinstance(answer, dict):
        return [], 0, []
    return list(answer.get("replies", [])), int(answer.get("seed", 0)), list(answer.get("tries", []))


def play_talk(item: Item, replies: Sequence[str], seed: int = 0, tries: Sequence[int] = ()) -> Talk:
    """The conversation these replies make; replies after the end are not heard."""
    play = item.roleplay
    assert play is not None, f"item {item.id!r} is not a role-play"
    context = [item.scenario.situation, *item.scenario.cues]
    opening = item.scenario.peer_says
    steps: list[Step] = []
    state, outcome, closing = play.start, "", ""
    used: Counter[tuple[str, str]] = Counter()  # each response's uses so far: a return reads anew
    for n, reply in enumerate(replies):
        here = play.state(state)
        said = [opening, *(s.peer for s in steps)]
        move = read_move(reply, said, [s.reply for s in steps],
                         handoff_due=any(m == "warm_handoff" for m, _ in here.on), seen=context)
        response = here.response(move.kind, move.name)
        assert response is not None, f"state {state!r} of {item.id!r} has no {move.kind} response"
        retried = tries[n] if n < len(tries) else 0
        key = (state, move.name if move.name in dict(here.on) else move.kind)
        line = response.lines[(seed + n + retried + used[key]) % len(response.lines)]
        used[key] += 1
        steps.append(Step(reply, move, state, response.next, line, response.cue))
        state = response.next
        if play.state(state).end:
            outcome = play.state(state).end
            break
        if len(steps) >= TURNS[1]:
            outcome = "guarded"
            closing = play.closing[(seed + sum(tries)) % len(play.closing)] if play.closing else ""
            break
    return Talk(play, opening, tuple(steps), state, outcome, closing)


def talk_fraction(talk: Talk) -> tuple[float, str]:
    """Half for the share of replies that connected (of at least TURNS[0]), half for opening up."""
    if not talk.steps:
        return 0.0, "No reply was given."
    connected = sum(s.move.kind == "connecting" for s in talk.steps)
    counted = max(len(talk.steps), TURNS[0])
    opened = talk.outcome == "opened"
    value = round(0.5 * connected / counted + 0.5 * opened, 4)
    note = f"{connected} of {counted} replies connected (half the points)"
    if len(talk.steps) < TURNS[0]:
        note += f"; a talk counts at least {TURNS[0]} replies"
    outcome = {"opened": "opened up", "withdrew": "withdrew", "guarded": "stayed guarded"}
    note += (f"; {talk.play.name} {outcome[talk.outcome]} (the other half: opening up)."
             if talk.outcome else "; the conversation was not finished (the other half: opening up).")
    return value, note


@dataclass(frozen=True)
class Counts:
    """The debrief's numbers in the terms trainers use."""

    reflections: int
    complex_reflections: int
    questions: int
    open_questions: int
    roadblocks: tuple[tuple[str, int], ...]
    moves: tuple[tuple[str, int], ...]  # connecting / neutral / misstep

    @property
    def ratio(self) -> float | None:
        """Reflections per question (None when no question was asked)."""
        return self.reflections / self.questions if self.questions else None

    @property
    def complex_share(self) -> float | None:
        """The share of reflections that were complex (None without reflections)."""
        return self.complex_reflections / self.reflections if self.reflections else None


def counts(talk: Talk) -> Counts:
    """Reflections (and how many complex), questions, roadblocks by name, moves by kind."""
    # A warm handoff is read as advice by the analyser; in the talk it was the right move.
    findings = [f for s in talk.steps for f in s.move.analysis.findings
                if not (s.move.name == "warm_handoff" and f.label == "advising")]
    reflections = [f for f in findings if f.label == "reflection"]
    questions = [f for f in findings if f.label in ("open_question", "closed_question")]
    blocks = Counter(f.label for f in findings if f.is_roadblock)
    kinds = Counter(s.move.kind for s in talk.steps)
    return Counts(len(reflections), sum(f.message == COMPLEX_NOTE for f in reflections),
                  len(questions), sum(f.label == "open_question" for f in questions),
                  tuple(sorted(blocks.items(), key=lambda kv: (-kv[1], kv[0]))),
                  tuple((k, kinds[k]) for k in ("connecting", "neutral", "misstep")))


def ratio_words(c: Counts) -> str:
    """The reflection-to-question ratio against MITI's 1:1 (fair) and 2:1 (good)."""
    if c.ratio is None:
        return (f"{c.reflections} reflection(s) and no questions" if c.reflections
                else "no reflections and no questions")
    level = "good" if c.ratio >= MITI_GOOD else "fair" if c.ratio >= MITI_FAIR else "below fair"
    return (f"{c.reflections} reflection(s) to {c.questions} question(s), {c.ratio:.1f}:1: "
            f"{level} (MITI counts 1:1 as fair and 2:1 as good)")


def next_time(talk: Talk) -> str:
    """One thing to try next time."""
    for kind in ("misstep", "neutral"):
        step = next((s for s in talk.steps if s.move.kind == kind), None)
        if step is not None:
            return step.move.analysis.suggestion or step.move.reason
    c = counts(talk)
    if c.complex_share is not None and c.complex_share < 0.5:
        return ("Try a complex reflection: name what sits under the words, e.g. \"It sounds "
                "like what hurts most is...\"")
    return "Keep doing this: every reply took up what they said. Try it in a live role-play."


def outcome_words(talk: Talk) -> str:
    """outcome: opened, stayed guarded or withdrew (or not finished)."""
    return OUTCOMES.get(talk.outcome, "not finished")
