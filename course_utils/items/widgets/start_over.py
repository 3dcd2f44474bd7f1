"""The confirm-before-clearing question shared by the conversation widgets (Start over)."""

from __future__ import annotations

from typing import Any

import ipywidgets as w


class StartOverQuestion:
    """Mixin for a view with a practice Start over: the hidden question and its two answers.

    The view gives `item`, and `start_over(button)`, which clears the conversation.
    """

    confirm: w.HBox

    def _confirm_box(self) -> w.HBox:
        """The hidden question asked before a practice conversation is cleared."""
        yes = w.Button(description="Yes, start over", button_style="warning",
                       layout=w.Layout(width="auto"), tooltip="Clear your replies and begin again")
        yes.on_click(self.start_over)  # type: ignore[attr-defined]
        keep = w.Button(description="Keep my replies", layout=w.Layout(width="auto"),
                        tooltip="Go on with the conversation as it is")
        keep.on_click(self.keep_replies)
        question = w.HTML(value='<div role="alert"><strong>Start this conversation again?</strong> '
                                "Your replies so far will be cleared.</div>")
        return w.HBox([question, yes, keep], layout=w.Layout(display="none", flex_flow="row wrap",
                                                             align_items="center"))

    def ask_start_over(self, _button: Any = None) -> None:
        """Ask before a practice conversation is cleared (the Start over button)."""
        if not self.item.graded:  # type: ignore[attr-defined]
            self.confirm.layout.display = None

    def keep_replies(self, _button: Any = None) -> None:
        """Put the question away and leave the conversation as it is."""
        self.confirm.layout.display = "none"
