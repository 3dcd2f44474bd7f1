"""Rank and classify widgets: one labelled drop-down per reply or statement."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as w

from course_utils.core.vocab import LABEL_TITLES
from course_utils.items.widgets.base import ItemView


class _PerOptionView(ItemView):
    """A row per option: its text, then a drop-down whose value is the answer for it."""

    noun = "option"
    placeholder = "Choose"  # the first entry of each drop-down: shown, but not an answer

    def choices(self) -> list[tuple[str, Any]]:
        """The drop-down's choices as (label, value) tuples, after the placeholder."""
        raise NotImplementedError

    def build_controls(self) -> list[w.Widget]:
        """Rows of text and drop-downs, plus a Check button in practice."""
        self.menus: dict[str, w.Dropdown] = {}
        rows: list[w.Widget] = []
        for letter, o in self.shown_options():
            # index 0 (not value None, which ipywidgets shows as an empty box) shows the placeholder.
            menu = w.Dropdown(options=[(self.placeholder, None), *self.choices()], index=0,
                              description=f"{self.noun} ({letter})",
                              layout=w.Layout(width="auto", max_width="100%"),
                              style={"description_width": "initial"})
            menu.observe(_show_placeholder, names="index")
            self.menus[o.id] = menu
            rows.append(w.HTML(value=f"<p><strong>({letter})</strong> {escape(o.text)}</p>"))
            rows.append(menu)
        self.watch(list(self.menus.values()))
        return [*rows, *self.check_button()]

    def read_answer(self) -> Any:
        """A mapping from option id to the value chosen for it (chosen ones only)."""
        return {oid: m.value for oid, m in self.menus.items() if m.value is not None}

    def set_answer(self, answer: Any) -> None:
        """Set each drop-down from the mapping; options not in it show the placeholder."""
        for oid, menu in self.menus.items():
            menu.value = answer.get(oid)


def _show_placeholder(change: dict) -> None:
    """A drop-down set to no answer shows its placeholder rather than an empty box."""
    if change["new"] is None:
        change["owner"].index = 0


class RankView(_PerOptionView):
    """Rank replies from most (1) to least supportive; scored by pairwise agreement."""

    noun = "Place of reply"
    placeholder = "Choose a place"

    def choices(self) -> list[tuple[str, Any]]:
        """Places 1..n, 1 being the most supportive."""
        n = len(self.item.options)
        return [(f"{p}" + (" (most supportive)" if p == 1 else " (least supportive)" if p == n else ""), p)
                for p in range(1, n + 1)]

    def on_change(self, change: Any = None) -> bool:
        """Save, and warn when two replies share a place; True if saved."""
        if not super().on_change(change):
            return False
        places = [m.value for m in self.menus.values() if m.value is not None]
        if len(places) != len(set(places)):
            self._say("Saved. Two replies share a place; give each reply its own place.")
        return True

    def unfinished(self) -> str:
        """What is left to do before the ranking can be checked ('' when it is complete)."""
        places = [m.value for m in self.menus.values()]
        if None in places:
            return "Put every reply in a place first, then press Check my answer."
        if len(places) != len(set(places)):
            return "Give each reply its own place first, then press Check my answer."
        return ""

    def show_feedback(self, _button: Any = None) -> None:
        """Practice: say what is left to do, or once every reply has its own place, the feedback."""
        todo = self.unfinished()
        if todo and not self.item.graded:
            self.feedback.value = ""  # the best order stays hidden until the ranking is complete
            self._say(todo)
            return
        super().show_feedback()


class ClassifyView(_PerOptionView):
    """Label each statement as supportive or with the roadblock it shows."""

    noun = "Label for statement"
    placeholder = "Choose a label"

    def choices(self) -> list[tuple[str, Any]]:
        """The item's labels, shown by their full titles."""
        return [(LABEL_TITLES[label], label) for label in self.item.labels]
