"""The learners' widgets, one class per item kind, all sharing the ItemView frame."""

from __future__ import annotations

from course_utils.core.storage import AnswerStore
from course_utils.items.kind import kind_of
from course_utils.items.model import Item
from course_utils.items.widgets.base import ItemView

__all__ = ["ItemView", "make_view"]


def make_view(item: Item, store: AnswerStore) -> ItemView:
    """Build the widget for an item (its kind says which), restored from the store."""
    return kind_of(item).view(item, store)
