"""Plain renderings of a branching conversation: the transcript and its debrief."""

from __future__ import annotations

from html import escape
from typing import Any

from course_utils.core.display_order import IN_FILE_ORDER, DisplayOrder
from course_utils.core.vocab import MOODS, QUALITY_LABELS
from course_utils.items.conversation import replay
from course_utils.items.model import Item, Turn


def peer_label(turn: Turn, html: bool = False) -> str:
    """'Peer (mood)', or just 'Peer' where the learner's copy carries no mood (graded)."""
    mood = MOODS.get(turn.mood, "")
    if html:
        return f"<strong>Peer</strong> <em>({mood})</em>" if mood else "<strong>Peer</strong>"
    return f"Peer ({mood})" if mood else "Peer"


def reply_letter(item: Item, turn: Turn, reply_id: str, display: DisplayOrder) -> str:
    """The letter this learner saw a reply under at this turn."""
    return display.turn_letters(item.id, turn).get(reply_id, reply_id)


def transcript_lines(item: Item, answer: Any, display: DisplayOrder = IN_FILE_ORDER) -> list[str]:
    """The conversation so far as lines of text: the peer's words and the learner's replies."""
    steps, current = replay(item.turns, answer)
    lines = []
    for turn, reply in steps:
        lines.append(f"{peer_label(turn)}: {turn.peer_says}")
        lines.append(f"You ({reply_letter(item, turn, reply.id, display)}): {reply.text}")
    if current is not None and steps:
        lines.append(f"{peer_label(current)}: {current.peer_says}")
        lines.append("(The conversation was not finished.)")
    return lines


def debrief_html(item: Item, answer: Any, display: DisplayOrder = IN_FILE_ORDER) -> str:
    """Each step with its quality and why, the better reply where one was missed, the debrief."""
    steps, _ = replay(item.turns, answer)
    rows = []
    for turn, reply in steps:
        best = max(turn.replies, key=lambda r: r.quality if r.quality is not None else -1)
        label = QUALITY_LABELS.get(reply.quality, "")
        mine = reply_letter(item, turn, reply.id, display)
        row = (f"<li><strong>The peer said:</strong> &ldquo;{escape(turn.peer_says)}&rdquo;<br>"
               f"<strong>You said ({mine}):</strong> {escape(reply.text)} "
               f"<strong>{label}.</strong> <em>{escape(reply.explanation)}</em>")
        if best.quality is not None and reply.quality is not None and best.quality > reply.quality:
            theirs = reply_letter(item, turn, best.id, display)
            row += (f"<br><strong>A more present reply ({theirs}):</strong> {escape(best.text)} "
                    f"<em>{escape(best.explanation)}</em>")
        rows.append(row + "</li>")
    if not rows:
        rows.append("<li>No reply was given.</li>")
    debrief = f"<p><strong>Debrief.</strong> {escape(item.debrief)}</p>" if item.debrief else ""
    return f"<ol>{''.join(rows)}</ol>{debrief}"
