"""Write your reply: the learner's own words to the peer, scored by the automatic rubric."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from course_utils.core.vocab import AUTO_CRITERIA, MAX_REPLY_CHARS
from course_utils.items.kind import Bad, register
from course_utils.items.kinds.options import html_lines
from course_utils.items.kinds.written import WrittenKind, rubric_html
from course_utils.items.model import Item

if TYPE_CHECKING:
    from course_utils.core.display_order import DisplayOrder
    from course_utils.core.storage import AnswerStore
    from course_utils.items.widgets.base import ItemView


@register
class WrittenReply(WrittenKind):
    """Scored by the item's automatic rubric (graders can change the score in formgrader)."""

    name = "written_reply"
    title = "Write your reply"
    answer_title = "Your written reply"
    fields = frozenset({"auto_rubric"})
    sample_answers = (
        "That sounds like a lot to carry. What feels hardest about it right now?",
        "It makes sense you feel shaken after that. I'm here, take your time.",
        "You sound worn out. Do you want to tell me more about what happened?",
        "Have you tried going for a walk? That always helps me.",
        "I'm listening. It sounds like you've been on your own with this for a while.",
        "Don't worry, it will all work out in the end.",
    )

    def parse(self, raw: dict[str, Any], mode: str, rubric: tuple[str, ...], bad: Bad) -> dict[str, Any]:
        """The rubric check, and the automatic rubric when the item gives one."""
        super().parse(raw, mode, rubric, bad)
        if "auto_rubric" not in raw:
            return {"auto_rubric": ()}
        return {"auto_rubric": parse_auto_rubric(raw["auto_rubric"], bad)}

    def fraction(self, item: Item, answer: Any) -> tuple[float, str]:
        """The automatic rubric's share, on the first MAX_REPLY_CHARS characters."""
        from course_utils.analysis.reply_rubric import score_reply

        reply = answer if isinstance(answer, str) else None
        context = " ".join([item.scenario.situation, *item.scenario.cues])
        value, _ = score_reply(reply, item.scenario.peer_says, context, item.auto_rubric)
        note = rubric_note(item, reply, context)
        if reply and len(reply) > MAX_REPLY_CHARS:
            note += f" Only the first {MAX_REPLY_CHARS:,} characters were checked."
        return value, note

    def feedback_html(self, item: Item, answer: Any, display: DisplayOrder) -> str:
        """The reply's findings, what graders look for, and an example reply."""
        return reply_feedback_html(item, answer)

    def feedback_lines(self, item: Item, answer: Any, display: DisplayOrder) -> list[str]:
        """The same as plain text."""
        return html_lines(reply_feedback_html(item, answer))

    def view(self, item: Item, store: AnswerStore) -> ItemView:
        """A text box with live findings."""
        from course_utils.items.widgets.text import WrittenReplyView

        return WrittenReplyView(item, store)


def reply_feedback_html(item: Item, answer: Any) -> str:
    """A written reply's findings, what graders look for, and an example reply."""
    from course_utils.analysis.reply_analysis import analyze_reply
    from course_utils.analysis.reply_rubric import analysis_html

    reply = answer if isinstance(answer, str) else None
    example = (f"<p><strong>One possible reply:</strong> {escape(item.example)}</p>"
               if item.example else "")
    return analysis_html(analyze_reply(reply, item.scenario.peer_says)) + rubric_html(item) + example


def rubric_note(item: Item, reply: str | None, context: str) -> str:
    """What the automatic check found done and still to do in a reply, each with its share of points."""
    from course_utils.analysis.reply_analysis import analyze_reply
    from course_utils.analysis.reply_rubric import criteria_for, rubric_fraction

    if not (reply or "").strip():
        return "No reply was written."
    heard = tuple(t for t in (item.scenario.peer_says or "", context) if t)  # as score_reply hears
    _, met = rubric_fraction(analyze_reply(reply, item.scenario.peer_says), heard, item.auto_rubric)
    shares = [share for _, share in criteria_for(item.auto_rubric)]
    found = [(f"{name} ({share:.0%} of the points)", ok)
             for (name, ok), share in zip(met, shares, strict=True)]
    done = [words for words, ok in found if ok]
    to_do = [words for words, ok in found if not ok]
    note = "Checked automatically; your grader may change this score."
    if done:
        note += " Done: " + "; ".join(done) + "."
    if to_do:
        note += " Still to do: " + "; ".join(to_do) + "."
    return note


def parse_auto_rubric(raw: Any, bad: Bad) -> tuple[tuple[str, float], ...]:
    """An item's automatic rubric: known criteria with positive weights that add up to 1."""
    if not isinstance(raw, dict) or not raw:
        bad("auto_rubric", "give criteria and weights, e.g. {reflects: 0.4, invites_more: 0.3, "
            "no_roadblock: 0.3}")
        return ()
    unknown = [str(name) for name in raw if name not in AUTO_CRITERIA]
    if unknown:
        bad("auto_rubric", f"unknown criteria {', '.join(unknown)}; use: {', '.join(AUTO_CRITERIA)}")
        return ()
    if any(isinstance(w, bool) or not isinstance(w, (int, float)) or w <= 0 for w in raw.values()):
        bad("auto_rubric", "every weight must be a number above 0 (a share of the points)")
        return ()
    if abs(sum(raw.values()) - 1.0) > 0.001:
        bad("auto_rubric", f"the weights add up to {sum(raw.values()):g}; make them add up to 1")
        return ()
    return tuple((str(name), float(weight)) for name, weight in raw.items())
