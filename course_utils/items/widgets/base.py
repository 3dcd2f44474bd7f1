"""The shared frame of every item widget: scenario, controls, save status and feedback."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as w
from traitlets import TraitError

from course_utils.core.display_order import DisplayOrder
from course_utils.core.storage import AnswerStore, StorageError
from course_utils.items.model import Item, Option
from course_utils.items.render import feedback_html, scenario_html
from course_utils.items.widgets.guard import KeyboardGuard

STYLE = """<style>
.cps-item .widget-radio-box label, .cps-item .widget-checkbox label,
.cps-item .widget-label, .cps-item .widget-html-content { white-space: normal; overflow: visible; }
.cps-item .widget-radio-box { height: auto; }
.cps-item .widget-radio-box label { margin: 0.2em 0; line-height: 1.35; }
.cps-item .widget-checkbox { height: auto; width: 100%; }
.cps-item textarea { font-size: 1em; }
.cps-item :focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
.cps-item .cps-status { font-style: italic; }
.cps-item .widget-dropdown { width: auto; max-width: 100%; }
.cps-item .widget-dropdown > select { flex: 1 1 auto; }
</style>"""

# Answers that mean "nothing answered yet": restoring one shows no practice feedback.
EMPTY_ANSWERS: tuple[Any, ...] = (None, "", [], {})


class ItemView(w.VBox):
    """Base widget: subclasses build `controls` and convert between them and the raw answer."""

    def __init__(self, item: Item, store: AnswerStore) -> None:
        self.item = item
        self.store = store
        self._restoring = False
        self.display = DisplayOrder(store.display_seed())
        self.status = w.HTML(value="")
        self.feedback = w.HTML(value="")
        controls = self.build_controls()
        header = w.HTML(value=STYLE + scenario_html(item))
        guard = KeyboardGuard(item_id=item.id)
        children = [header, *controls, self.status, self.feedback, guard]
        super().__init__(children=children, layout=w.Layout(width="100%"))
        self.add_class("cps-item")
        self.add_class(f"cps-{item.kind.replace('_', '-')}")
        self.add_class(f"cps-id-{item.id}")
        self._restore()

    # subclasses implement these three
    def build_controls(self) -> list[w.Widget]:
        """The interactive widgets of this kind."""
        raise NotImplementedError

    def read_answer(self) -> Any:
        """The raw answer as the controls show it now."""
        raise NotImplementedError

    def set_answer(self, answer: Any) -> None:
        """Put a raw answer into the controls, as a learner's clicks would."""
        raise NotImplementedError

    def shown_options(self) -> list[tuple[str, Option]]:
        """The item's options in this learner's display order, each with the letter shown."""
        ids = [o.id for o in self.item.options]
        letters = self.display.letters(ids, self.item.id)
        return [(letters[oid], self.item.option(oid)) for oid in self.display.order(ids, self.item.id)]

    def on_change(self, _change: Any = None) -> bool:
        """Save the answer the moment it changes and refresh what depends on it; True if saved."""
        if self._restoring:
            return False
        answer = self.read_answer()
        try:
            self.store.set(self.item.id, answer)
        except StorageError as err:
            self._say(f"Not saved: {escape(str(err))}")
            return False
        self._say(self._saved_message())
        if not self.item.graded and self.instant_feedback():
            self.show_feedback()
        return True

    def instant_feedback(self) -> bool:
        """Whether practice feedback appears on every change (else on a Check button)."""
        return False

    def show_feedback(self, _button: Any = None) -> None:
        """Show practice feedback for the current answer; graded items never show a verdict."""
        if self.item.graded:
            return
        answer = self.read_answer()
        self.feedback.value = ('<div role="status" aria-live="polite">'
                               + feedback_html(self.item, answer, None, self.display) + "</div>")

    def restored_feedback(self) -> None:
        """Show practice feedback on a restored answer, as a check of it would."""
        self.show_feedback()

    def check_button(self) -> list[w.Widget]:
        """A 'Check my answer' button for practice items, nothing for graded ones."""
        if self.item.graded:
            return []
        button = w.Button(description="Check my answer", button_style="primary", icon="check",
                          layout=w.Layout(width="auto"), tooltip="Show feedback on this practice item")
        button.on_click(self.show_feedback)
        return [button]

    def watch(self, controls: list[w.Widget], handler: Callable | None = None) -> None:
        """Call on_change whenever any of these controls changes value."""
        for control in controls:
            control.observe(handler or self.on_change, names="value")

    def _restore(self) -> None:
        saved = self.store.get(self.item.id)
        if saved is None:
            self._say("Not answered yet. Your answer is saved as soon as you choose or type.")
            return
        self._restoring = True
        try:
            self.set_answer(saved)
        except (TypeError, ValueError, KeyError, AttributeError, TraitError):
            self._say("Your saved answer to this item could not be shown; please answer again.")
            return
        finally:
            self._restoring = False
        if not self.item.graded and saved not in EMPTY_ANSWERS:
            self.restored_feedback()
        self._say("Your saved answer was restored.")

    def _saved_message(self) -> str:
        if self.item.graded:
            return ("Saved. This item is graded after you submit; "
                    "its feedback comes back with your grades.")
        return "Saved."

    def _say(self, message: str) -> None:
        self.status.value = f'<div class="cps-status" role="status" aria-live="polite">{message}</div>'
