"""The observer checklist widget: number boxes, roadblock ticks and two note boxes, saved as changed."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from course_utils.core.vocab import LABEL_TITLES, ROADBLOCKS
from course_utils.items.checklist import MAX_TALLY, NOTES, TALLIES, is_checklist, ratio_text
from course_utils.items.render import rubric_html
from course_utils.items.widgets.base import ItemView

PRIVACY = ("<p><em>Describe what people did, not private details the speaker shared. Your grader "
           "reads this to give feedback; it is not included in grade exports.</em></p>")


class ChecklistView(ItemView):
    """What the observer counted and heard, then notes as observer and as listener."""

    def build_controls(self) -> list[w.Widget]:
        """Four counts with their ratio, twelve roadblock ticks, two text boxes and the rubric."""
        style = {"description_width": "initial"}
        self.counts = {k: w.BoundedIntText(value=0, min=0, max=MAX_TALLY, description=title, style=style,
                                           continuous_update=True, layout=w.Layout(width="15em"))
                       for k, title in TALLIES.items()}
        self.ratio = w.HTML(value=self._ratio_html())
        self.roadblocks = {r: w.Checkbox(value=False, description=LABEL_TITLES[r], indent=False,
                                         layout=w.Layout(width="auto"))
                           for r in ROADBLOCKS}
        self.notes = {k: w.Textarea(value="", description=title, placeholder="Type here...", rows=4,
                                    continuous_update=True, style=style, layout=w.Layout(width="95%"))
                      for k, title in NOTES.items()}
        self.watch([*self.counts.values(), *self.roadblocks.values(), *self.notes.values()])
        ticks = w.GridBox(list(self.roadblocks.values()),
                          layout=w.Layout(grid_template_columns="repeat(auto-fill, minmax(16em, 1fr))"))
        return [w.HTML(value="<p><strong>What you counted</strong></p>"),
                w.HBox(list(self.counts.values()), layout=w.Layout(flex_flow="row wrap")), self.ratio,
                w.HTML(value="<p><strong>Roadblocks you heard</strong> (tick each one)</p>"), ticks,
                *self.notes.values(), w.HTML(value=rubric_html(self.item) + PRIVACY)]

    def read_answer(self) -> Any:
        """Counts, roadblocks ticked (in Gordon's order) and both notes."""
        return {"tallies": {k: int(box.value) for k, box in self.counts.items()},
                "roadblocks": [r for r in ROADBLOCKS if self.roadblocks[r].value],
                **{k: box.value for k, box in self.notes.items()}}

    def set_answer(self, answer: Any) -> None:
        """Put a saved checklist back (one of another shape cannot be shown)."""
        if not is_checklist(answer):
            raise ValueError("a saved observer checklist has counts, roadblocks and two notes")
        for k, box in self.counts.items():
            box.value = answer["tallies"][k]
        for r, box in self.roadblocks.items():
            box.value = r in answer["roadblocks"]
        for k, box in self.notes.items():
            box.value = answer[k]
        self.ratio.value = self._ratio_html()

    def on_change(self, change: Any = None) -> bool:
        """Save at once and refresh the reflections-per-question line."""
        self.ratio.value = self._ratio_html()
        return super().on_change(change)

    def _ratio_html(self) -> str:
        counts = {k: int(box.value) for k, box in getattr(self, "counts", {}).items()}
        text = ratio_text(counts) if len(counts) == len(TALLIES) else ""
        return f'<p role="status" aria-live="polite">{text}</p>'
