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
# Their present replies, built on a word of what the peer just said.
ON_REPLIES = ("It sounds like {w} has been weighing on you.",
              "So {w} is a big part of what feels hard right now.",
              "What has {w} been like for you?",
              "It makes sense you'd feel shaken about {w}.",
              "I hear how much {w} is sitting with you.")
ASK = "Are you thinking about suicide?"
HANDOFF = "Would you be willing to call 988 together, with me right here?"


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
        """{"replies": [text, ...], "seed": a whole number}."""
        return (isinstance(answer, dict) and set(answer) <= {"replies", "seed"}
                and isinstance(answer.get("replies"), list)
                and all(isinstance(r, str) for r in answer["replies"])
                and isinstance(answer.get("seed", 0), int) and not isinstance(answer.get("seed"), bool)
                and answer.get("seed", 0) >= 0)

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
        """Each turn a present reply on the peer's own words with probability p, else a misstep."""
        from course_utils.items.roleplay_play import play_talk

        replies: list[str] = []
        seed = rng.randrange(4)
        while True:
            talk = play_talk(item, replies, seed)
            if talk.ended or len(replies) >= TURNS[1]:
                return {"replies": replies, "seed": seed}
            here = talk.play.state(talk.state)
            specific = {m for m, _ in here.on}
            if rng.random() >= p:
                replies.append(rng.choice([r for r in OFF_REPLIES if r not in replies] or OFF_REPLIES))
            elif "asks_about_suicide" in specific and ASK not in replies:
                replies.append(ASK)
            elif "warm_handoff" in specific and HANDOFF not in replies:
                replies.append(HANDOFF)
            else:
                word = _content_word(talk.heard[-1], rng)
                unused = [t for t in ON_REPLIES if t.format(w=word) not in replies]
                replies.append(rng.choice(unused or ON_REPLIES).format(w=word))

    def guess(self, item: Item, display: DisplayOrder, guesser: Guesser) -> Any:
        """The guesser's one reply, said at every turn."""
        return {"replies": [guesser.reply] * TURNS[1], "seed": 0}


def _content_word(line: str, rng: random.Random) -> str:
    """A word of the peer's line a reply can pick up (the longest few, one at random)."""
    from course_utils.analysis.reply_rubric import COMMON

    words = [w for w in re.findall(r"[a-z]+", line.lower()) if len(w) >= 5 and w not in COMMON]
    return rng.choice(sorted(set(words), key=len)[-3:]) if words else "all of this"
