"""Plain HTML and text renderings of items, answers and feedback (no widgets needed)."""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from course_utils.core.display_order import IN_FILE_ORDER, DisplayOrder
from course_utils.core.vocab import LABEL_TITLES, MAX_REPLY_CHARS
from course_utils.items.model import Item
from course_utils.items.render_conversation import debrief_html, transcript_lines
from course_utils.items.scoring import Score, well_formed


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


def shown_ids(item: Item, display: DisplayOrder) -> list[str]:
    """The item's option ids in the order this learner saw them."""
    return display.order([o.id for o in item.options], item.id)


def answer_text(item: Item, answer: Any, display: DisplayOrder = IN_FILE_ORDER) -> str:
    """The learner's current answer in plain words, in the order and letters they saw."""
    if answer in (None, "", [], {}):
        return "No answer yet."
    if not well_formed(item, answer):
        return f"The saved answer could not be read ({str(answer)[:80]}), so it counts as blank."
    if isinstance(answer, str) and len(answer) > MAX_REPLY_CHARS:
        return (f"{answer[:MAX_REPLY_CHARS]}\n[... {len(answer) - MAX_REPLY_CHARS:,} more characters "
                "not shown: the reply is longer than any reply needs to be]")
    letters = display.letters([o.id for o in item.options], item.id)
    if item.kind == "best_response":
        return f"Chosen reply ({letters.get(answer, answer)}): {_option_text(item, answer)}"
    if item.kind == "select_all":
        picked = [f"({letters[a]}) {_option_text(item, a)}" for a in shown_ids(item, display)
                  if a in answer]
        return "Selected: " + ("; ".join(picked) if picked else "nothing")
    if item.kind == "rank":
        order = sorted((pos, oid) for oid, pos in answer.items() if isinstance(pos, int))
        return "Ranking, most supportive first: " + "; ".join(
            f"{pos}. ({letters.get(oid, oid)}) {_option_text(item, oid)}" for pos, oid in order)
    if item.kind == "branching":
        return "Conversation:\n" + "\n".join(transcript_lines(item, answer, display))
    if item.kind == "classify":
        return "Labels: " + "; ".join(
            f"({letters[oid]}) {LABEL_TITLES.get(answer.get(oid), 'not labeled yet')}"
            for oid in shown_ids(item, display))
    return str(answer)


def answer_html(item: Item, answer: Any, display: DisplayOrder = IN_FILE_ORDER) -> str:
    """The learner's current answer as an HTML block titled for graders and learners."""
    title = "Your written reply" if item.kind == "written_reply" else (
        "Your reflection" if item.kind == "reflection" else "Your answer")
    body = escape(answer_text(item, answer, display)).replace("\n", "<br>")
    return (f'<div class="cps-answer" data-item="{escape(item.id)}">'
            f"<strong>{title} ({escape(item.id)}):</strong> {body}</div>")


def feedback_html(item: Item, answer: Any, score: Score | None,
                  display: DisplayOrder = IN_FILE_ORDER) -> str:
    """Feedback on an answer: the score, the best answer and why each option helps or hurts.

    Options are listed in the order, and with the letters, this learner saw them.
    """
    head = ""
    if score is not None:
        head = (f"<p><strong>Score: {score.earned:g} of {score.possible:g}.</strong> "
                f"{escape(score.note)}</p>")
    if not well_formed(item, answer):
        answer = None
    if item.kind == "branching":
        return f'<div class="cps-feedback">{head}{debrief_html(item, answer, display)}</div>'
    if item.kind == "written_reply":
        return f'<div class="cps-feedback">{head}{reply_feedback_html(item, answer)}</div>'
    letters = display.letters([o.id for o in item.options], item.id)
    rows = "".join(f"<li>{_option_feedback(item, answer, oid, letters)}</li>"
                   for oid in shown_ids(item, display))
    extra = ""
    if item.kind == "rank":
        best = "; ".join(f"({letters[oid]}) {_option_text(item, oid)}" for oid in item.key)
        extra = f"<p><strong>Most to least supportive:</strong> {escape(best)}</p>"
    if item.kind == "select_all" and not answer:
        extra = "<p>You did not select anything.</p>"
    return f'<div class="cps-feedback">{head}{extra}<ul>{rows}</ul></div>'


def feedback_text(item: Item, answer: Any, score: Score | None,
                  display: DisplayOrder = IN_FILE_ORDER) -> str:
    """The same feedback as plain text."""
    lines = []
    if score is not None:
        lines.append(f"Score: {score.earned:g} of {score.possible:g}. {score.note}")
    lines.append(answer_text(item, answer, display))
    if not well_formed(item, answer):
        answer = None
    if item.kind == "branching":
        lines.append(_strip_tags(debrief_html(item, answer, display).replace("</li>", "\n")))
    if item.kind == "written_reply":
        lines.append(_strip_tags(reply_feedback_html(item, answer).replace("</li>", "\n")))
    letters = display.letters([o.id for o in item.options], item.id)
    for oid in shown_ids(item, display):
        lines.append(f"- {_strip_tags(_option_feedback(item, answer, oid, letters))}")
    return "\n".join(lines)


def reply_feedback_html(item: Item, answer: Any) -> str:
    """A written reply's findings, what graders look for, and an example reply."""
    from course_utils.analysis.reply_analysis import analyze_reply
    from course_utils.analysis.reply_rubric import analysis_html

    reply = answer if isinstance(answer, str) else None
    example = (f"<p><strong>One possible reply:</strong> {escape(item.example)}</p>"
               if item.example else "")
    return analysis_html(analyze_reply(reply, item.scenario.peer_says)) + rubric_html(item) + example


def rubric_html(item: Item) -> str:
    """What graders look for in a written item, as an HTML list."""
    if not item.rubric:
        return ""
    rows = "".join(f"<li>{escape(r)}</li>" for r in item.rubric)
    return f"<p><strong>What graders look for:</strong></p><ul>{rows}</ul>"


def _option_feedback(item: Item, answer: Any, option_id: str, letters: dict[str, str]) -> str:
    option = item.option(option_id)
    text = escape(option.text)
    why = escape(option.explanation)
    shown = letters.get(option_id, option_id)
    if item.kind == "best_response":
        verdict = "Best reply" if option_id == item.key else "Not the best reply"
        mine = " (your choice)" if option_id == answer else ""
        return f"<strong>({shown}) {verdict}{mine}.</strong> {text} <em>{why}</em>"
    if item.kind == "select_all":
        applies = "Applies" if option_id in item.key else "Does not apply"
        mine = "you selected it" if option_id in (answer or ()) else "you left it"
        return f"<strong>({shown}) {applies}; {mine}.</strong> {text} <em>{why}</em>"
    if item.kind == "rank":
        best = list(item.key).index(option_id) + 1
        place = answer.get(option_id) if isinstance(answer, dict) else None
        yours = f"you put it {place}" if place else "you did not place it"
        return f"<strong>({shown}) Best place {best}; {yours}.</strong> {text} <em>{why}</em>"
    right = dict(item.key)[option_id]
    said = answer.get(option_id) if isinstance(answer, dict) else None
    verdict = "Right" if said == right else "Not quite"
    return (f"<strong>({shown}) {verdict}: {LABEL_TITLES[right]}</strong>"
            f"{'' if said == right else f' (you said: {LABEL_TITLES.get(str(said), chr(8212))})'}. "
            f"{text} <em>{why}</em>")


def _option_text(item: Item, option_id: str) -> str:
    try:
        return item.option(option_id).text
    except StopIteration:
        return f"(unknown option {option_id})"


def _strip_tags(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))
