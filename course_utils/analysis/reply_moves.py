"""A reply in a role-play read as a move: connecting, neutral or a misstep, and which one.

The reply analyser finds the skills and roadblocks; a move adds what a conversation needs: does
the reply take up what this peer said so far (the same test as the written reply's rubric), and
is it something already said. Fully offline; imports only the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from course_utils.analysis.reply_analysis import ReplyAnalysis, analyze_reply, normalise
from course_utils.analysis.reply_rubric import asks_about_suicide, picked_up
from course_utils.core.vocab import LABEL_TITLES

# Bringing someone else in, with the person: 988, a crisis or warm line, a supervisor.
HANDOFF = re.compile(
    r"\b(?:988|crisis (?:line|team|text line)|lifeline|warm ?line|741741|my supervisor|"
    r"(?:call|text|phone|ring) (?:them |it |someone |988 )?(?:together|with you)|"
    r"(?:with you|together) (?:while|when) (?:you|we) (?:call|text)|stay with you while)\b")
MOVE_TITLES = {"reflection": "A reflection", "validation": "Validation",
               "open_question": "An open question", "closed_question": "A yes-or-no question",
               "repeat": "The same words again", "other": "Nothing they said taken up",
               "asks_about_suicide": "Asking directly about suicide", "warm_handoff": "A warm handoff"}
REPEAT_OVERLAP = 0.8  # share of shared words above which a reply counts as said before
WHY_NOT_CONNECTING = ("It does not take up anything this peer has said so far, so it cannot "
                      "show them they were heard.")


@dataclass(frozen=True)
class Move:
    """What one reply did in the conversation, in a trainer's words."""

    kind: str  # connecting, neutral or misstep
    name: str  # reflection, advising, asks_about_suicide, closed_question, repeat ...
    analysis: ReplyAnalysis
    reason: str

    @property
    def title(self) -> str:
        """The move's name as learners read it ("Advising, giving solutions", "A reflection")."""
        return LABEL_TITLES.get(self.name) or MOVE_TITLES[self.name]


def read_move(reply: str, said: Sequence[str], earlier: Sequence[str] = (),
              handoff_due: bool = False, seen: Sequence[str] = ()) -> Move:
    """The move a reply makes, given what the peer said so far and the learner's earlier replies.

    seen: what the learner can see besides (the setting, the cues); a reply that picks up only
    those still takes up this person. handoff_due: the peer is where bringing in more help fits
    (a crisis persona's state that answers a warm handoff); anywhere else an offer of 988 is read
    like any other suggestion.
    """
    heard = [*seen, *said]
    analysis = analyze_reply(reply, " ".join(said) or None)
    if analysis.message:
        return Move("neutral", "other", analysis, analysis.message)
    if any(same_words(reply, before) for before in earlier):
        return Move("neutral", "repeat", analysis, "You said this before; the peer hears the same "
                    "words again, not that you took in what they said since.")
    if handoff_due and HANDOFF.search(normalise(analysis.reply)) \
            and set(analysis.roadblocks) <= {"advising"}:
        return Move("connecting", "warm_handoff", analysis, "You offered to bring in more help "
                    "with them, not instead of them: a warm handoff.")
    if analysis.roadblocks:
        # "distracting" spans the whole reply; a roadblock inside it says more about what went wrong
        name = next((r for r in analysis.roadblocks if r != "distracting"), analysis.roadblocks[0])
        message = next(f.message for f in analysis.findings if f.label == name)
        return Move("misstep", name, analysis, message)
    if analysis.has("asks_about_suicide") or asks_about_suicide(analysis.reply):
        return Move("connecting", "asks_about_suicide", analysis, "You asked directly, in plain "
                    "words, about suicide: it tells them they can talk about it with you.")
    specific = bool(picked_up(analysis.reply, *heard))
    if specific and analysis.reflection != "none":
        return Move("connecting", "reflection", analysis, "You gave back what you heard in "
                    "their words, so they can tell you were listening.")
    if specific and analysis.validation:
        return Move("connecting", "validation", analysis, "You said their feeling makes sense, "
                    "about what they told you.")
    if specific and analysis.open_questions:
        return Move("connecting", "open_question", analysis, "An open question about what they "
                    "said invites them to say more.")
    if analysis.closed_questions and not analysis.open_questions:
        return Move("neutral", "closed_question", analysis, "A yes-or-no question keeps things "
                    "going but gives them little room to say more.")
    return Move("neutral", "other", analysis, WHY_NOT_CONNECTING)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", normalise(text)))


def same_words(reply: str, before: str) -> bool:
    """Whether two replies are the same words, near enough (a copy, or one word changed)."""
    a, b = _words(reply), _words(before)
    return bool(a and b) and len(a & b) / len(a | b) >= REPEAT_OVERLAP
