"""Plain renderings of a branching conversation: the transcript and its debrief."""

from __future__ import annotations

from html import escape
from typing import Any

from course_utils.conversation import replay
from course_utils.model import Item
from course_utils.vocab import MOODS, QUALITY_LABELS


def transcript_lines(item: Item, answer: Any) -> list[str]:
    """The conversation so far as lines of text: the peer's words and the learner's replies."""
    steps, current = replay(item.turns, answer)
    lines = []
    for turn, reply in steps:
        lines.append(f"Peer ({MOODS[turn.mood]}): {turn.peer_says}")
        lines.append(f"You ({reply.id}): {reply.text}")
    if current is not None and steps:
        lines.append(f"Peer ({MOODS[current.mood]}): {current.peer_says}")
        lines.append("(The conversation was not finished.)")
    return lines


def debrief_html(item: Item, answer: Any) -> str:
    """Each step with its quality and why, the better reply where one was missed, the debrief."""
    steps, _ = replay(item.turns, answer)
    rows = []
    for turn, reply in steps:
        best = max(turn.replies, key=lambda r: r.quality if r.quality is not None else -1)
        label = QUALITY_LABELS.get(reply.quality, "")
        row = (f"<li><strong>The peer said:</strong> &ldquo;{escape(turn.peer_says)}&rdquo;<br>"
               f"<strong>You said ({reply.id}):</strong> {escape(reply.text)} "
               f"<strong>{label}.</strong> <em>{escape(reply.explanation)}</em>")
        if best.quality is not None and reply.quality is not None and best.quality > reply.quality:
            row += (f"<br><strong>A more present reply ({best.id}):</strong> {escape(best.text)} "
                    f"<em>{escape(best.explanation)}</em>")
        rows.append(row + "</li>")
    if not rows:
        rows.append("<li>No reply was given.</li>")
    debrief = f"<p><strong>Debrief.</strong> {escape(item.debrief)}</p>" if item.debrief else ""
    return f"<ol>{''.join(rows)}</ol>{debrief}"
