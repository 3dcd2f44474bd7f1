"""Written reply and reflection widgets: free text, saved as typed, graded by hand."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as w

from course_utils.render import rubric_html
from course_utils.widgets.base import ItemView

# The seam for automatic feedback on written replies (a later issue): a function taking the
# reply and what the peer said, returning HTML to show under a practice item.
ReplyAnalyzer = Callable[[str, str], str]


class WrittenReplyView(ItemView):
    """Write what you would say to the peer; practice items can reveal an example reply."""

    analyzer: ReplyAnalyzer | None = None
    label = "Your reply"

    def build_controls(self) -> list[w.Widget]:
        """A text area, the rubric, and (practice) a button to show an example."""
        self.text = w.Textarea(value="", description=self.label, placeholder="Type here...",
                               continuous_update=True, rows=5, layout=w.Layout(width="95%"),
                               style={"description_width": "initial"})
        self.watch([self.text])
        extra: list[w.Widget] = [w.HTML(value=rubric_html(self.item) + self.privacy_note())]
        if not self.item.graded and self.item.example:
            button = w.Button(description="Show an example reply", layout=w.Layout(width="auto"),
                              tooltip="Compare your reply with one example")
            button.on_click(self.show_feedback)
            extra.append(button)
        return [self.text, *extra]

    def privacy_note(self) -> str:
        """A line on who reads this text."""
        return ""

    def read_answer(self) -> Any:
        """The text as typed."""
        return self.text.value

    def set_answer(self, answer: Any) -> None:
        """Put saved text back in the box."""
        self.text.value = str(answer)

    def instant_feedback(self) -> bool:
        """Live feedback only when an analyzer is plugged in."""
        return self.analyzer is not None

    def show_feedback(self, _button: Any = None) -> None:
        """Show the example reply (and the analyzer's findings, when there is one)."""
        if self.item.graded:
            return
        parts = []
        if self.analyzer is not None:
            parts.append(self.analyzer(self.text.value, self.item.scenario.peer_says))
        if self.item.example:
            parts.append(f"<p><strong>One possible reply:</strong> {escape(self.item.example)}</p>")
        self.feedback.value = f'<div role="status" aria-live="polite">{"".join(parts)}</div>'


class ReflectionView(WrittenReplyView):
    """A private reflection, graded by hand and never exported by default."""

    label = "Your reflection"

    def privacy_note(self) -> str:
        """Reflections may hold lived experience: say who reads them."""
        return ("<p><em>Share only what you choose. Your grader reads this to give feedback; "
                "it is not included in grade exports.</em></p>")
