"""A role-play: a free-text conversation with a simulated peer who reacts to what is written."""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING, Any

from course_utils.items.kind import Bad, Guesser, ItemKind, register
from course_utils.items.kinds.options import html_lines
from course_utils.items.model import Item
from course_utils.items.roleplay import TURNS
from course_utils.items.roleplay_parse import parse_roleplay

if TYPE_CHECKING:
    from course_utils.core.display_order import DisplayOrder
    from course_utils.core.storage import AnswerStore
    from course_utils.items.widgets.base import ItemView

# What simulated learners say when they get a turn wrong: missteps and a closed question.
OFF_REPLIES = ("You should try to get more sleep, honestly.", "Don't worry, it will all work out.",
               "Anyway, did you catch the game last night?", "Why did you do that?",
               "Did you eat today?")
# Their present replies by move, built on a word of what the peer just said.
ON_REPLIES = {
    "reflection": ("It sounds like {w} has been weighing on you.",
                   "So {w} is a big part of what feels hard right now.",
                   "You're carrying a lot around {w}, and it shows.",
                   "I'm hearing that {w} really stung."),
    "open_question": ("What has {w} been like for you?", "How has {w} been sitting with you lately?",
                      "What feels hardest about {w}?"),
    "validation": ("It makes sense you'd feel shaken about {w}.",
                   "Of course {w} would hurt; anyone would feel it."),
}
# What they say where a state answers these moves: asking about suicide, a warm handoff.
SPECIAL = {
    "asks_about_suicide": ("Are you thinking about suicide?",
                           "When you say that, are you thinking about ending your life?"),
    "warm_handoff": ("Would you be willing to call 988 together, with me right here?",
                     "Could we call the 988 line together now? I'll stay with you while we call."),
}


@register
class RolePlayKind(ItemKind):
    """The learner types each reply; the peer's next words depend on the move it makes."""

    name = "roleplay"
    title = "Role-play"
    answer_title = "Your role-play"
    fields = frozenset({"roleplay"})
    own_words = True

    def parse(self, raw: dict[str, Any], mode: str, rubric: tuple[str, ...], bad: Bad) -> dict[str, Any]:
        """The persona and its states (every state reachable, every path ends)."""
        return {"roleplay": parse_roleplay(raw.get("roleplay"), bad)}

    def well_formed(self, answer: Any) -> bool:
        """{"replies": [text, ...], "seed": a whole number, "tries": [whole numbers] (optional)}."""
        return (isinstance(answer, dict) and set(answer) <= {"replies", "seed", "tries"}
                and isinstance(answer.get("replies"), list)
                and all(isinstance(r, str) for r in answer["replies"])
                and _count(answer.get("seed", 0))
                and isinstance(answer.get("tries", []), list)
                and all(_count(t) for t in answer.get("tries", [])))

    def blank(self, answer: Any) -> bool:
        """A role-play not started: no reply sent."""
        return not answer.get("replies")

    def fraction(self, item: Item, answer: Any) -> tuple[float, str]:
        """Half for the share of replies that connected, half for the peer opening up."""
        from course_utils.items.roleplay_play import play_talk, replies_of, talk_fraction

        return talk_fraction(play_talk(item, *replies_of(answer)))

    def answer_text(self, item: Item, answer: Any, display: DisplayOrder) -> str:
        """The transcript."""
        from course_utils.items.render_roleplay import transcript_lines
        from course_utils.items.roleplay_play import play_talk, replies_of

        return "Role-play:\n" + "\n".join(transcript_lines(play_talk(item, *replies_of(answer))))

    def feedback_html(self, item: Item, answer: Any, display: DisplayOrder) -> str:
        """The transcript with how each reply landed, then the debrief."""
        from course_utils.items.render_roleplay import debrief_html, transcript_html
        from course_utils.items.roleplay_play import play_talk, replies_of

        talk = play_talk(item, *replies_of(answer))
        if not talk.steps:
            return "<p>No reply was given.</p>"
        return transcript_html(talk, moves=True) + debrief_html(talk)

    def feedback_lines(self, item: Item, answer: Any, display: DisplayOrder) -> list[str]:
        """The same as plain text."""
        return html_lines(self.feedback_html(item, answer, display))

    def view(self, item: Item, store: AnswerStore) -> ItemView:
        """The conversation: the peer's words, a box to reply in, and Send."""
        from course_utils.items.widgets.roleplay import RolePlayView

        return RolePlayView(item, store)

    def simulate(self, item: Item, p: float, rng: random.Random) -> Any:
        """Each turn, with probability p, the present reply that brings the peer nearest to opening up.

        Present replies reflect, validate or ask about the peer's own words, or ask about suicide
        or offer a warm handoff where the state answers those; the others are missteps or a
        closed question.
        """
        from course_utils.analysis.reply_moves import same_words
        from course_utils.items.roleplay_play import play_talk

        assert item.roleplay is not None
        to_open = _replies_to_open(item.roleplay)
        replies: list[str] = []
        seed = rng.randrange(4)
        while True:
            talk = play_talk(item, replies, seed)
            if talk.ended or len(replies) >= TURNS[1]:
                return {"replies": replies, "seed": seed}
            if rng.random() >= p:
                replies.append(rng.choice([r for r in OFF_REPLIES if r not in replies] or OFF_REPLIES))
                continue
            here = dict(talk.play.state(talk.state).on)
            word = _content_word(talk.heard[-1], rng)
            options = [([t.format(w=word) for t in texts], here.get(move, here["connecting"]).next)
                       for move, texts in ON_REPLIES.items()]
            options += [(list(texts), here[move].next) for move, texts in SPECIAL.items() if move in here]
            nearest = min(to_open.get(target, TURNS[1] + 1) for _, target in options)
            texts = rng.choice([t for t, target in options if to_open.get(target, TURNS[1] + 1) == nearest])
            fresh = [t for t in texts if not any(same_words(t, r) for r in replies)]
            replies.append(rng.choice(fresh or texts))

    def guess(self, item: Item, display: DisplayOrder, guesser: Guesser) -> Any:
        """The guesser's one reply, said at every turn."""
        return {"replies": [guesser.reply] * TURNS[1], "seed": 0}


def _replies_to_open(play: Any) -> dict[str, int]:
    """The fewest replies from each state to an `opened` end (states that cannot: left out)."""
    steps = {s.id: 0 for s in play.states if s.end == "opened"}
    changed = True
    while changed:
        changed = False
        for state in play.states:
            reach = [steps[r.next] + 1 for _, r in state.on if r.next in steps]
            if reach and (state.id not in steps or min(reach) < steps[state.id]):
                steps[state.id], changed = min(reach), True
    return steps


def _count(value: Any) -> bool:
    """A whole number of zero or more (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


# Words of a peer's line a simulated reply should not build on: numbers, pronouns, fillers.
NOT_TOPICS = frozenset("""three seven eight twice first myself yourself himself herself
themselves honestly probably anyway around enough already actually""".split())


def _content_word(line: str, rng: random.Random) -> str:
    """A word of the peer's line a reply can pick up (the longest few, one at random)."""
    from course_utils.analysis.reply_rubric import COMMON

    words = [w for w in re.findall(r"[a-z]+", line.lower())
             if len(w) >= 5 and w not in COMMON and w not in NOT_TOPICS]
    return rng.choice(sorted(set(words), key=len)[-3:]) if words else "all of this"
