"""Plain HTML and text renderings of items, answers and feedback (no widgets needed).

What is the same for every kind is here; what differs is the kind's (course_utils/items/kinds/).
"""

from __future__ import annotations

from html import escape
from typing import Any

from course_utils.core.display_order import IN_FILE_ORDER, DisplayOrder
from course_utils.core.vocab import MAX_REPLY_CHARS
from course_utils.items.kind import kind_of
from course_utils.items.kinds.options import shown_ids, strip_tags
from course_utils.items.kinds.written import rubric_html
from course_utils.items.kinds.written_reply import reply_feedback_html
from course_utils.items.model import Item
from course_utils.items.scoring import Score, score_item, well_formed

__all__ = ["answer_html", "answer_text", "feedback_html", "feedback_text", "reply_feedback_html",
           "rubric_html", "scenario_html", "shown_ids", "strip_tags", "verdict"]


def scenario_html(item: Item) -> str:
    """The scenario and prompt of an item as HTML."""
    s = item.scenario
    parts = [f"<p><strong>Situation.</strong> {escape(s.situation)}</p>"]
    if s.peer_says:
        parts.append(f"<blockquote>&ldquo;{escape(s.peer_says)}&rdquo;</blockquote>")
    if s.cues:
        cues = "".join(f"<li>{escape(c)}</li>" for c in s.cues)
        parts.append(f"<p><strong>What you notice:</strong></p><ul>{cues}</ul>")
    parts.append(f"<p><strong>{escape(item.prompt)}</strong></p>")
    return "".join(parts)


def answer_text(item: Item, answer: Any, display: DisplayOrder = IN_FILE_ORDER) -> str:
    """The learner's current answer in plain words, in the order and letters they saw."""
    if answer in (None, "", [], {}):
        return "No answer yet."
    if not well_formed(item, answer):
        return f"The saved answer could not be read ({str(answer)[:80]}), so it counts as blank."
    if isinstance(answer, str) and len(answer) > MAX_REPLY_CHARS:
        return (f"{answer[:MAX_REPLY_CHARS]}\n[... {len(answer) - MAX_REPLY_CHARS:,} more characters "
                "not shown: the reply is longer than any reply needs to be]")
    return kind_of(item).answer_text(item, answer, display)


def answer_html(item: Item, answer: Any, display: DisplayOrder = IN_FILE_ORDER) -> str:
    """The learner's current answer as an HTML block titled for graders and learners."""
    title = kind_of(item).answer_title
    body = escape(answer_text(item, answer, display)).replace("\n", "<br>")
    return (f'<div class="cps-answer" data-item="{escape(item.id)}">'
            f"<strong>{title} ({escape(item.id)}):</strong> {body}</div>")


def verdict(item: Item, answer: Any, score: Score | None) -> str:
    """How the answer did, in words: the score's note, or for a practice item the note alone.

    Empty for a graded item with no score yet and for a kind only a grader scores.
    """
    if score is not None:
        return score.note
    if item.graded or not kind_of(item).scored:
        return ""
    return score_item(item, answer).note


def feedback_html(item: Item, answer: Any, score: Score | None,
                  display: DisplayOrder = IN_FILE_ORDER) -> str:
    """Feedback on an answer: how it did first (the score, if any), then each option or reply and why.

    Options are listed in the order, and with the letters, this learner saw them.
    """
    said = escape(verdict(item, answer, score))
    if score is not None:
        head = f"<p><strong>Score: {score.earned:g} of {score.possible:g}.</strong> {said}</p>"
    else:
        head = f"<p><strong>{said}</strong></p>" if said else ""
    if not well_formed(item, answer):
        answer = None
    return f'<div class="cps-feedback">{head}{kind_of(item).feedback_html(item, answer, display)}</div>'


def feedback_text(item: Item, answer: Any, score: Score | None,
                  display: DisplayOrder = IN_FILE_ORDER) -> str:
    """The same feedback as plain text."""
    said = verdict(item, answer, score)
    lines = []
    if score is not None:
        lines.append(f"Score: {score.earned:g} of {score.possible:g}. {said}")
    elif said:
        lines.append(said)
    lines.append(answer_text(item, answer, display))
    if not well_formed(item, answer):
        answer = None
    lines += kind_of(item).feedback_lines(item, answer, display)
    return "\n".join(lines)
