"""The branching conversation widget: pick a reply, see how the peer answers, repeat."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as w

from course_utils.core.vocab import QUALITY_LABELS
from course_utils.items.conversation import replay
from course_utils.items.render_conversation import debrief_html, peer_label
from course_utils.items.widgets.base import ItemView
from course_utils.items.widgets.start_over import StartOverQuestion

GRADED_NOTE = ("<p><strong>This conversation is graded: each reply you say is final.</strong> "
               "Read what the peer says, choose your reply, then press Say this reply.</p>")
ENDED = "The conversation ends here."


class BranchingView(StartOverQuestion, ItemView):
    """A conversation of 3-5 turns; each reply said is saved and decides the next turn."""

    def build_controls(self) -> list[w.Widget]:
        """The transcript, the replies open at this turn, and the Say / Start over buttons."""
        self.path: list[str] = []
        self.transcript = w.HTML(value="")
        self.radio = w.RadioButtons(options=[], value=None, description="Your reply",
                                    layout=w.Layout(width="100%"),
                                    style={"description_width": "initial"})
        self.say_button = w.Button(description="Say this reply", button_style="primary",
                                   icon="comment", layout=w.Layout(width="auto"),
                                   tooltip="Say the chosen reply to the peer")
        self.say_button.on_click(self.say)
        self.restart_button = w.Button(description="Start over", icon="undo",
                                       layout=w.Layout(width="auto"),
                                       tooltip="Start the practice conversation again")
        self.restart_button.on_click(self.ask_start_over)
        self.confirm = self._confirm_box()
        self._refresh()
        if self.item.graded:
            return [w.HTML(value=GRADED_NOTE), self.transcript, self.radio, w.HBox([self.say_button])]
        return [self.transcript, self.radio, w.HBox([self.say_button, self.restart_button]),
                self.confirm]

    def read_answer(self) -> Any:
        """The ids of the replies said so far, in order."""
        return list(self.path)

    def set_answer(self, answer: Any) -> None:
        """Say these replies in order from the start, as a learner's clicks would."""
        if not isinstance(answer, list):
            raise TypeError("a conversation answer is a list of reply ids")
        self.path = []
        self._refresh()
        for reply_id in answer:
            self.radio.value = reply_id  # raises if the reply is not open at this turn
            self.say()

    def say(self, _button: Any = None) -> None:
        """Say the chosen reply: save it and move the conversation on."""
        if self.radio.value is None:
            self._say("Choose a reply first, then press Say this reply.")
            return
        self.confirm.layout.display = "none"
        self.path.append(self.radio.value)
        self._refresh()
        self.on_change()

    def start_over(self, _button: Any = None) -> None:
        """Clear a practice conversation and begin again (the Yes, start over button)."""
        if self.item.graded:
            return
        self.confirm.layout.display = "none"
        self.path = []
        self.feedback.value = ""
        self._refresh()
        self.on_change()

    def instant_feedback(self) -> bool:
        """Practice conversations comment on each reply as it is said."""
        return True

    def show_feedback(self, _button: Any = None) -> None:
        """Practice: the last reply's quality and why; at the end, the whole debrief."""
        if self.item.graded:
            return
        steps, current = replay(self.item.turns, self.path)
        if not steps:
            self.feedback.value = ""
            return
        if current is None:
            body = debrief_html(self.item, self.path, self.display)
        else:
            _, reply = steps[-1]
            body = (f"<p><strong>{QUALITY_LABELS.get(reply.quality, '')}.</strong> "
                    f"<em>{escape(reply.explanation)}</em></p>")
        self.feedback.value = f'<div role="status" aria-live="polite">{body}</div>'

    def _saved_message(self) -> str:
        _, current = replay(self.item.turns, self.path)
        if current is not None:
            return "Saved. Read how the peer answers, then choose your next reply."
        if self.item.graded:
            return ("Saved. The conversation has ended; its debrief comes back with your grades. "
                    "In a graded conversation each reply is final.")
        return "Saved. The conversation has ended: read the debrief below, or start over."

    def _refresh(self) -> None:
        steps, current = replay(self.item.turns, self.path)
        lines = []
        for turn, reply in steps:
            lines.append(self._peer_line(turn))
            lines.append(f"<p style='margin-left:2em'><strong>You:</strong> {escape(reply.text)}</p>")
        if current is not None:
            lines.append(self._peer_line(current))
        elif steps:
            lines.append(f"<p><em>{ENDED}</em></p>")
        self.transcript.value = "".join(lines)
        self.radio.options = self._reply_choices(current) if current is not None else []
        self.radio.value = None
        ended = current is None
        self.radio.layout.display = "none" if ended else None
        self.say_button.disabled = ended
        self.restart_button.disabled = not self.path  # nothing said yet: nothing to clear

    def _reply_choices(self, turn) -> list[tuple[str, str]]:
        """The replies open at this turn, in this learner's order, lettered by position."""
        ids = self.display.turn_order(self.item.id, turn)
        letters = self.display.turn_letters(self.item.id, turn)
        return [(f"({letters[rid]}) {turn.reply(rid).text}", rid) for rid in ids]

    @staticmethod
    def _peer_line(turn) -> str:
        return f"<p>{peer_label(turn, html=True)}: &ldquo;{escape(turn.peer_says)}&rdquo;</p>"
