"""Written reply and reflection widgets: free text, saved as typed.

Practice written replies get live feedback from the reply analyser as the learner types
(debounced); graded ones show no verdict. Reflections are read only by a grader.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as w

from course_utils.items.render import rubric_html
from course_utils.items.widgets.base import ItemView

# A function taking the reply and what the peer said, returning HTML to show under the reply.
ReplyAnalyzer = Callable[[str, str], str]
DEBOUNCE_SECONDS = 0.4


def live_analysis(reply: str, peer_said: str) -> str:
    """The reply analyser's findings as HTML (the default analyzer of practice replies)."""
    from course_utils.analysis.reply_analysis import analyze_reply
    from course_utils.analysis.reply_rubric import analysis_html

    return analysis_html(analyze_reply(reply, peer_said))


class WrittenReplyView(ItemView):
    """Write what you would say to the peer; practice replies get live, explained feedback."""

    analyzer: ReplyAnalyzer | None = staticmethod(live_analysis)
    label = "Your reply"

    def build_controls(self) -> list[w.Widget]:
        """A text area, the live findings (practice), the rubric, and an example button."""
        self._pending: asyncio.TimerHandle | None = None
        self.text = w.Textarea(value="", description=self.label, placeholder="Type here...",
                               continuous_update=True, rows=5, layout=w.Layout(width="95%"),
                               style={"description_width": "initial"})
        self.live = w.HTML(value="")
        self.watch([self.text])
        extra: list[w.Widget] = [w.HTML(value=rubric_html(self.item) + self.privacy_note())]
        if not self.item.graded and self.item.example:
            button = w.Button(description="Show an example reply", button_style="info",
                              layout=w.Layout(width="auto"),
                              tooltip="Compare your reply with one example")
            button.on_click(self.show_feedback)
            extra.append(button)
        return [self.text, self.live, *extra]

    def privacy_note(self) -> str:
        """A line on who reads this text."""
        return ""

    def read_answer(self) -> Any:
        """The text as typed."""
        return self.text.value

    def set_answer(self, answer: Any) -> None:
        """Put saved text back in the box (a saved answer that is not text cannot be shown)."""
        if not isinstance(answer, str):
            raise TypeError(f"a written answer is text, not {type(answer).__name__}")
        self.text.value = answer

    def on_change(self, change: Any = None) -> bool:
        """Save at once; refresh the live findings once typing pauses (practice only)."""
        saved = super().on_change(change)
        if self.item.graded or self.analyzer is None or self._restoring:
            return saved
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (plain Python): analyse now
            self.show_live()
            return saved
        if self._pending is not None:
            self._pending.cancel()
        self._pending = loop.call_later(DEBOUNCE_SECONDS, self.show_live)
        return saved

    def show_live(self) -> None:
        """Show the analyser's findings for the text as it is now."""
        if self.item.graded or self.analyzer is None:
            return
        html = self.analyzer(self.text.value, self.item.scenario.peer_says)
        self.live.value = f'<div role="status" aria-live="polite">{html}</div>'

    def restored_feedback(self) -> None:
        """A restored practice reply gets its live findings at once, as if just typed."""
        self.show_live()

    def show_feedback(self, _button: Any = None) -> None:
        """Show the example reply of a practice item."""
        if self.item.graded or not self.item.example:
            return
        self.feedback.value = (f'<div role="status" aria-live="polite"><p><strong>One possible '
                               f"reply:</strong> {escape(self.item.example)}</p></div>")


class ReflectionView(WrittenReplyView):
    """A private reflection, graded by hand and never exported by default."""

    analyzer = None
    label = "Your reflection"

    def privacy_note(self) -> str:
        """Reflections may hold lived experience: say who reads them."""
        return ("<p><em>Share only what you choose. Your grader reads this to give feedback; "
                "it is not included in grade exports.</em></p>")
