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

    def choices(self) -> list[tuple[str, Any]]:
        """The drop-down's choices as (label, value) pairs, after a blank."""
        raise NotImplementedError

    def build_controls(self) -> list[w.Widget]:
        """Rows of text and drop-downs, plus a Check button in practice."""
        self.menus: dict[str, w.Dropdown] = {}
        rows: list[w.Widget] = []
        for letter, o in self.shown_options():
            menu = w.Dropdown(options=[("\u2014 choose \u2014", None), *self.choices()],
                              value=None, description=f"{self.noun} ({letter})",
                              style={"description_width": "initial"})
            self.menus[o.id] = menu
            rows.append(w.HTML(value=f"<p><strong>({letter})</strong> {escape(o.text)}</p>"))
            rows.append(menu)
        self.watch(list(self.menus.values()))
        return [*rows, *self.check_button()]

    def read_answer(self) -> Any:
        """A mapping from option id to the value chosen for it (chosen ones only)."""
        return {oid: m.value for oid, m in self.menus.items() if m.value is not None}

    def set_answer(self, answer: Any) -> None:
        """Set each drop-down from the mapping; options not in it go blank."""
        for oid, menu in self.menus.items():
            menu.value = answer.get(oid)


class RankView(_PerOptionView):
    """Rank replies from most (1) to least supportive; scored by pairwise agreement."""

    noun = "Place of reply"

    def choices(self) -> list[tuple[str, Any]]:
        """Places 1..n, 1 being the most supportive."""
        n = len(self.item.options)
        return [(f"{p}" + (" (most supportive)" if p == 1 else " (least)" if p == n else ""), p)
                for p in range(1, n + 1)]

    def on_change(self, change: Any = None) -> bool:
        """Save, and warn when two replies share a place; True if saved."""
        if not super().on_change(change):
            return False
        places = [m.value for m in self.menus.values() if m.value is not None]
        if len(places) != len(set(places)):
            self._say("Saved. Two replies share a place; give each reply its own place.")
        return True


class ClassifyView(_PerOptionView):
    """Label each statement as supportive or with the roadblock it shows."""

    noun = "Label for statement"

    def choices(self) -> list[tuple[str, Any]]:
        """The item's labels, shown by their full titles."""
        return [(LABEL_TITLES[label], label) for label in self.item.labels]
