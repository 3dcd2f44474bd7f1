"""Best-response (one choice) and select-all-that-apply widgets."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from course_utils.items.widgets.base import ItemView


class BestResponseView(ItemView):
    """Choose the most supportive reply among 3-5, with radio buttons."""

    def build_controls(self) -> list[w.Widget]:
        """One radio group; each radio's label is the full reply."""
        self.radio = w.RadioButtons(
            options=[(f"({letter}) {o.text}", o.id) for letter, o in self.shown_options()],
            value=None, description="Your choice", layout=w.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.watch([self.radio])
        return [self.radio]

    def read_answer(self) -> Any:
        """The chosen option id, or None."""
        return self.radio.value

    def set_answer(self, answer: Any) -> None:
        """Select the option with this id."""
        self.radio.value = answer

    def instant_feedback(self) -> bool:
        """Practice feedback shows as soon as a reply is chosen."""
        return True


class SelectAllView(ItemView):
    """Tick every option that applies, with one checkbox per option."""

    def build_controls(self) -> list[w.Widget]:
        """A checkbox per option, named by its text, plus a Check button in practice."""
        self.boxes = {
            o.id: w.Checkbox(value=False, description=f"({letter}) {o.text}", indent=False,
                             layout=w.Layout(width="100%"))
            for letter, o in self.shown_options()
        }
        self.watch(list(self.boxes.values()))
        return [*self.boxes.values(), *self.check_button()]

    def read_answer(self) -> Any:
        """The ids of the ticked options, in the content file's order (the same for every learner)."""
        return [o.id for o in self.item.options if self.boxes[o.id].value]

    def set_answer(self, answer: Any) -> None:
        """Tick exactly these option ids (a saved answer that is not a list cannot be shown)."""
        if not isinstance(answer, (list, tuple)):
            raise TypeError(f"a select-all answer is a list of option ids, not {type(answer).__name__}")
        chosen = set(answer)
        for oid, box in self.boxes.items():
            box.value = oid in chosen
