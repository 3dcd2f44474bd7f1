"""The role-play widget: write a reply, press Send, read how the simulated peer answers."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as w

from course_utils.core.storage import AnswerStore
from course_utils.core.vocab import ROLEPLAY_HELP
from course_utils.items.kind import kind_of
from course_utils.items.model import Item
from course_utils.items.render_roleplay import debrief_html, transcript_html, turn_html
from course_utils.items.roleplay_play import Talk, outcome_words, play_talk, replies_of
from course_utils.items.widgets.base import ItemView
from course_utils.items.widgets.start_over import StartOverQuestion

HELP_NOW = f"<p><em>{escape(ROLEPLAY_HELP)}</em></p>"
GRADED_NOTE = ("<p><strong>This conversation is graded: each reply you send is final.</strong> "
               "It is graded after you submit; no verdict is shown here.</p>")
EMPTY_REPLY = "Write a reply first, then press Send. Nothing was saved."


class RolePlayView(StartOverQuestion, ItemView):
    """A free-text conversation of up to TURNS[1] replies; each reply sent is saved at once."""

    children: tuple[w.Widget, ...]  # the Box trait, typed for mypy (ipywidgets ships no types)

    def __init__(self, item: Item, store: AnswerStore) -> None:
        super().__init__(item, store)
        # The help line goes above the scenario, before the learner reads about the peer's distress.
        header, help_now, *rest = self.children
        self.children = (help_now, header, *rest)

    def build_controls(self) -> list[w.Widget]:
        """The help line, the transcript, the reply box, and Send (practice: retry, start over)."""
        self.replies: list[str] = []
        self.seed = 0
        self.tries: list[int] = []  # per turn, how often it was taken again
        self.talk = self._play()
        self.transcript = w.HTML(value="")
        self.text = w.Textarea(value="", description="Your reply", placeholder="Type your reply...",
                               rows=3, layout=w.Layout(width="95%"),
                               style={"description_width": "initial"})
        self.send_button = self._button("Send", "paper-plane", "Send this reply to the peer", self.send,
                                        "primary")
        self.again_button = self._button("Take that turn again", "undo",
                                         "Take back your last reply and try it another way", self.take_again)
        self.restart_button = self._button("Start over", "refresh",
                                           "Start the practice conversation again", self.ask_start_over)
        self.confirm = self._confirm_box()
        self._refresh()
        if self.item.graded:
            return [w.HTML(value=HELP_NOW + GRADED_NOTE), self.transcript, self.text,
                    w.HBox([self.send_button])]
        return [w.HTML(value=HELP_NOW), self.transcript, self.text,
                w.HBox([self.send_button, self.again_button, self.restart_button]), self.confirm]

    @staticmethod
    def _button(description: str, icon: str, tooltip: str, handler: Any, style: str = "") -> w.Button:
        button = w.Button(description=description, icon=icon, button_style=style, tooltip=tooltip,
                          layout=w.Layout(width="auto"))
        button.on_click(handler)
        return button

    def read_answer(self) -> Any:
        """The replies sent so far, and the seed and tries that pick the peer's lines."""
        answer: dict[str, Any] = {"replies": list(self.replies), "seed": self.seed}
        if any(self.tries):
            answer["tries"] = list(self.tries)
        return answer

    def set_answer(self, answer: Any) -> None:
        """Replay saved replies with their seed; TypeError on a wrong shape, ValueError past the end."""
        if not kind_of(self.item).well_formed(answer):
            raise TypeError('a role-play answer is {"replies": [text, ...], "seed": a whole number}')
        replies, seed, tries = replies_of(answer)
        talk = play_talk(self.item, replies, seed, tries)
        if len(talk.steps) < len(replies):
            raise ValueError("the saved replies go on past the end of the conversation")
        self.replies, self.seed, self.tries, self.talk = replies, seed, tries, talk
        self._refresh()
        self.on_change()  # saved, as sending them would (not while restoring)

    def send(self, _button: Any = None) -> None:
        """Send the typed reply: save it at once and let the peer answer."""
        reply = self.text.value.strip()
        if self.talk.ended:
            self._say("The conversation has ended.")
            return
        if not reply:
            self._say(EMPTY_REPLY)
            return
        self.confirm.layout.display = "none"
        self.replies.append(reply)
        self.talk = self._play()
        if self.on_change():
            self.text.value = ""
        else:  # not saved: take it back and leave it in the box to send again
            self.replies.pop()
            self.talk = self._play()
        self._refresh()

    def take_again(self, _button: Any = None) -> None:
        """Practice: take back the last reply; the peer's answer to that turn will read differently."""
        if self.item.graded or not self.replies:
            return
        turn = len(self.replies) - 1
        self.tries += [0] * (turn + 1 - len(self.tries))
        self.tries[turn] += 1
        self.text.value = self.replies.pop()
        self._reset()

    def start_over(self, _button: Any = None) -> None:
        """Practice: clear the replies and begin again with a new seed (Yes, start over)."""
        if self.item.graded:
            return
        self.replies, self.tries = [], []
        self.seed += 1
        self._reset()

    def _reset(self) -> None:
        self.confirm.layout.display = "none"
        self.talk = self._play()
        self._refresh()
        self.on_change()

    def _restore(self) -> None:
        super()._restore()
        if self.store.get(self.item.id) is None:
            self._say("Not answered yet. Each reply is saved as soon as you press Send.")

    def instant_feedback(self) -> bool:
        """Practice role-plays comment on each reply as it is sent."""
        return True

    def show_feedback(self, _button: Any = None) -> None:
        """Practice: how the last reply landed; at the end, the outcome and the debrief."""
        if self.item.graded or not self.talk.steps:
            self.feedback.value = ""
            return
        last = self.talk.steps[-1]
        now = self.talk.play.state(last.after).label
        body = turn_html(last) + (f"<p>{escape(self.talk.play.name)} is now <em>{escape(now)}</em>.</p>"
                                  if not self.talk.ended else "")
        if self.talk.ended:
            body += (f"<p><strong>The conversation has ended. Outcome: {escape(outcome_words(self.talk))}."
                     f"</strong></p>" + debrief_html(self.talk))
        self.feedback.value = f'<div role="status" aria-live="polite">{body}</div>'

    def _saved_message(self) -> str:
        if not self.talk.ended:
            return ("Saved. Read how the peer answers, then write your next reply."
                    + (" Each reply is final in a graded conversation." if self.item.graded else ""))
        if self.item.graded:
            return "Saved. The conversation has ended; its debrief comes back with your grades."
        return "Saved. The conversation has ended: read the debrief below, or start over."

    def _play(self) -> Talk:
        return play_talk(self.item, self.replies, self.seed, self.tries)

    def _refresh(self) -> None:
        ended = "<p><em>The conversation ends here.</em></p>" if self.talk.ended else ""
        self.transcript.value = f'<div class="cps-transcript">{transcript_html(self.talk)}{ended}</div>'
        self.text.layout.display = "none" if self.talk.ended else None
        self.send_button.disabled = self.talk.ended
        self.send_button.layout.display = "none" if self.talk.ended else None
        self.again_button.disabled = not self.replies
        self.restart_button.disabled = not self.replies
