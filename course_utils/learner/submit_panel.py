"""The Submit button at the end of a module page: asks once, then submits through nbgrader."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from IPython.display import display

from course_utils.core.storage import grading_run
from course_utils.learner.exchange import ExchangeResult, submit

HOW = ("Your answers are saved as you go. When you have finished, press <strong>Submit my "
       "answers</strong>. You can submit again before the deadline; your trainer grades the "
       "latest one, and your feedback comes back to this page's folder.")


class SubmitPanel:
    """A Submit button, a confirmation step and a plain result line."""

    def __init__(self, folder: Path | str = ".") -> None:
        import ipywidgets as w

        self.folder = Path(folder).resolve()
        self.intro = w.HTML(value=f"<p>{HOW}</p>")
        self.button = w.Button(description="Submit my answers", button_style="primary",
                               icon="paper-plane", layout=w.Layout(width="auto"),
                               tooltip="Send your saved answers to your trainer")
        self.yes = w.Button(description="Yes, submit now", button_style="success",
                            layout=w.Layout(width="auto"))
        self.no = w.Button(description="Not yet", layout=w.Layout(width="auto"))
        self.question = w.HTML(value="<p><strong>Submit your answers now?</strong> Practice "
                               "items do not count; graded items are scored after you submit.</p>")
        self.confirm = w.VBox([self.question, w.HBox([self.yes, self.no])])
        self.confirm.layout.display = "none"
        self.status = w.HTML(value="")
        self.button.on_click(self.ask)
        self.yes.on_click(self.send)
        self.no.on_click(self.cancel)
        self.box = w.VBox([self.intro, self.button, self.confirm, self.status],
                          layout=w.Layout(align_items="flex-start"))
        self.box.add_class("cps-submit")

    def ask(self, _button: Any = None) -> None:
        """Show the confirmation step."""
        self.confirm.layout.display = None
        self.button.disabled = True
        self._say("")

    def cancel(self, _button: Any = None) -> None:
        """Hide the confirmation step; nothing is sent."""
        self.confirm.layout.display = "none"
        self.button.disabled = False
        self._say("Not submitted. Your answers stay saved here.")

    def send(self, _button: Any = None) -> ExchangeResult:
        """Submit through nbgrader and say what happened."""
        self.yes.disabled = self.no.disabled = True
        self._say("Submitting…")
        result = submit(self.folder)
        self.confirm.layout.display = "none"
        self.yes.disabled = self.no.disabled = self.button.disabled = False
        self._say(result.message, ok=result.ok)
        return result

    def _say(self, message: str, ok: bool | None = None) -> None:
        if not message:
            self.status.value = ""
            return
        tone = {True: "#245c2a", False: "#8a1c1c", None: "#333"}[ok]
        role = "alert" if ok is False else "status"
        self.status.value = (f'<div role="{role}" aria-live="polite" style="border-left: 4px solid '
                             f'{tone}; padding-left: 8px">{escape(message)}</div>')


def show_submit(folder: Path | str = ".") -> None:
    """Display the Submit panel (nothing under nbgrader, where there is nothing to submit)."""
    if not grading_run():
        display(SubmitPanel(folder).box)

