"""Name the roadblock: label each statement with one of the item's labels; share labelled right."""

from __future__ import annotations

import random
from collections.abc import Mapping
from html import escape
from typing import TYPE_CHECKING, Any

from course_utils.core.vocab import LABEL_TITLES, LABELS
from course_utils.items.kind import Bad, Guesser, register, text_list
from course_utils.items.kinds.options import OptionKind, shown_ids
from course_utils.items.model import Item

if TYPE_CHECKING:
    from course_utils.core.display_order import DisplayOrder
    from course_utils.core.storage import AnswerStore
    from course_utils.items.widgets.base import ItemView


@register
class Classify(OptionKind):
    """The key maps each statement to a label; so does the answer."""

    name = "classify"
    title = "Name the roadblock"
    fields = frozenset({"options", "key", "labels"})
    option_counts = (2, 8)

    def parse_more(self, raw: dict[str, Any], bad: Bad) -> dict[str, Any]:
        """The labels a learner chooses from: two or more known ones."""
        labels = text_list(raw, "labels", f"give the labels as a list, from: {', '.join(LABELS)}", bad)
        unknown = [x for x in labels if x not in LABELS]
        if len(labels) < 2 or unknown:
            bad("labels", f"give 2 or more labels from: {', '.join(LABELS)}"
                + (f" (unknown: {', '.join(map(str, unknown))})" if unknown else ""))
        return {"labels": labels}

    def check_key(self, key: Any, ids: list[str], fields: dict[str, Any], bad: Bad) -> Any:
        """A label from the item's labels for every statement."""
        if not isinstance(key, dict) or not all(isinstance(k, str) for k in key) \
                or sorted(key) != sorted(ids):
            bad("key", "give a label for every statement, e.g. {a: advising, b: supportive}")
            return None
        wrong = [f"{k}: {v}" for k, v in key.items() if v not in fields["labels"]]
        if wrong:
            bad("key", f"labels not in this item's labels list: {', '.join(wrong)}")
        return tuple(sorted(key.items()))

    def well_formed(self, answer: Any) -> bool:
        """A mapping of option ids to labels."""
        return isinstance(answer, dict)

    def fraction(self, item: Item, answer: Any) -> tuple[float, str]:
        """The share of statements given the keyed label."""
        return fraction_classify(answer, dict(item.key))

    def answer_text(self, item: Item, answer: Any, display: DisplayOrder) -> str:
        """Each statement's letter and the label the learner gave it."""
        letters = display.letters([o.id for o in item.options], item.id)
        return "Labels: " + "; ".join(
            f"({letters[oid]}) {LABEL_TITLES.get(answer.get(oid), 'not labeled yet')}"
            for oid in shown_ids(item, display))

    def option_feedback(self, item: Item, answer: Any, option_id: str, letters: dict[str, str]) -> str:
        """The right label and, when it differs, the learner's."""
        option = item.option(option_id)
        right = dict(item.key)[option_id]
        said = answer.get(option_id) if isinstance(answer, dict) else None
        verdict = "Right" if said == right else "Not quite"
        if said == right:
            yours = ""
        elif said:
            yours = f" (you said: {escape(LABEL_TITLES.get(str(said), str(said)))})"
        else:
            yours = " (you gave it no label)"
        return (f"<strong>({letters.get(option_id, option_id)}) {verdict}: {LABEL_TITLES[right]}</strong>"
                f"{yours}. {escape(option.text)} <em>{escape(option.explanation)}</em>")

    def view(self, item: Item, store: AnswerStore) -> ItemView:
        """A label menu per statement."""
        from course_utils.items.widgets.order import ClassifyView

        return ClassifyView(item, store)

    def simulate(self, item: Item, p: float, rng: random.Random) -> Any:
        """Each statement labelled rightly with probability p, else with another of its labels."""
        key = dict(item.key)
        return {o.id: key[o.id] if rng.random() < p
                else rng.choice([x for x in item.labels if x != key[o.id]]) for o in item.options}

    def guess(self, item: Item, display: DisplayOrder, guesser: Guesser) -> Any:
        """The statement it likes best as supportive, the others by their words."""
        shown = shown_ids(item, display)
        top = guesser.rank(item, shown, [item.option(oid).text for oid in shown])[0]
        return {oid: "supportive" if oid == top and "supportive" in item.labels
                else guesser.label(item, item.option(oid).text) for oid in shown}


def fraction_classify(answer: Any, key: Mapping[str, str]) -> tuple[float, str]:
    """Share of statements given the keyed label."""
    labels: Mapping[str, Any] = answer if isinstance(answer, Mapping) else {}
    right = sum(1 for option_id, label in key.items() if labels.get(option_id) == label)
    value = right / len(key)
    if right == len(key):
        return value, f"You gave all {len(key)} statements the right label."
    if not any(labels.get(option_id) for option_id in key):
        return value, f"You did not label any of the {len(key)} statements."
    return value, (f"You gave {right} of the {len(key)} statements the right label. "
                   "Read why for each one marked Not quite.")
