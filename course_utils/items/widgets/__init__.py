"""One widget class per item kind, all sharing the ItemView frame."""

from __future__ import annotations

from course_utils.core.storage import AnswerStore
from course_utils.items.model import Item
from course_utils.items.widgets.base import ItemView
from course_utils.items.widgets.branching import BranchingView
from course_utils.items.widgets.choice import BestResponseView, SelectAllView
from course_utils.items.widgets.order import ClassifyView, RankView
from course_utils.items.widgets.text import ReflectionView, WrittenReplyView

__all__ = ["VIEWS", "ItemView", "make_view"]

VIEWS: dict[str, type[ItemView]] = {
    "best_response": BestResponseView,
    "select_all": SelectAllView,
    "rank": RankView,
    "classify": ClassifyView,
    "written_reply": WrittenReplyView,
    "reflection": ReflectionView,
    "branching": BranchingView,
}


def make_view(item: Item, store: AnswerStore) -> ItemView:
    """Build the widget for an item, restored from the store."""
    return VIEWS[item.kind](item, store)
