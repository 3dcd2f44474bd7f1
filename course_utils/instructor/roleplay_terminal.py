"""`cpsw roleplay`: play a persona in the terminal, so an author can try it before releasing it.

Reads one reply per line (typed, or from a script file), prints the peer's answer with its cue
and how each reply was read, then `outcome: ...` and the debrief. Everything is shown, graded
role-plays included: this is the author's view, not the learner's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from course_utils.content.loader import load_course
from course_utils.core.vocab import ROLEPLAY_HELP
from course_utils.items.model import Item
from course_utils.items.render_roleplay import MOVE_WORDS, cue_text, debrief_lines
from course_utils.items.roleplay_play import outcome_words, play_talk

HELP_LINE = ROLEPLAY_HELP


class NoSuchRolePlay(LookupError):
    """The item id names no role-play in the course content."""


def find_roleplay(content: Path, item_id: str) -> Item:
    """The role-play item with this id; NoSuchRolePlay lists the ones there are."""
    items = [i for m in load_course(content) for i in m.items if i.kind == "roleplay"]
    for item in items:
        if item.id == item_id:
            return item
    known = ", ".join(i.id for i in items) or "none"
    raise NoSuchRolePlay(f"{content}: no role-play has the id {item_id!r}; role-plays: {known}")


def script_lines(path: Path) -> list[str]:
    """A script's replies: one per line, blank lines and lines starting with # skipped."""
    text = path.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def play_in_terminal(item: Item, replies: Iterable[str], say: Callable[[str], None],
                     seed: int = 0) -> str:
    """Play the persona on these replies, saying each turn; return the outcome in words."""
    assert item.roleplay is not None
    play = item.roleplay
    say(HELP_LINE)
    say(f"{item.id} ({item.mode}): {play.name}. {play.carrying}")
    say(f"Setting: {item.scenario.situation}")
    for cue in item.scenario.cues:
        say(f"  You notice: {cue}")
    say(f"{play.name}: {item.scenario.peer_says}")
    given: list[str] = []
    talk = play_talk(item, given, seed)
    for line in replies:
        reply = line.strip()
        if not reply:
            continue
        given.append(reply)
        talk = play_talk(item, given, seed)
        step = talk.steps[-1]
        found = ", ".join(f"{f.label} (\"{f.text}\")" for f in step.move.analysis.findings) or "nothing"
        say(f"You: {reply}")
        say(f"   found: {found}")
        say(f"   {play.name} took it as: {MOVE_WORDS[step.move.kind]} ({step.move.title}). "
            f"{step.move.reason}")
        say(f"   [{play.state(step.before).label} -> {play.state(step.after).label}]")
        say(f"{play.name}: {cue_text(step)}{step.peer}")
        if talk.ended:
            break  # later lines of a script are not read
    if talk.closing:
        say(f"{play.name}: {talk.closing}")
    say(f"outcome: {outcome_words(talk)}")
    for line in debrief_lines(talk):
        say(line)
    return outcome_words(talk)

