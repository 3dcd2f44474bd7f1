"""Show items in a notebook: one call per exercise cell, answers kept in the folder's store."""

from __future__ import annotations

from pathlib import Path

from IPython.display import HTML, display

from course_utils.content import Item
from course_utils.public import ItemsFileError, load_items
from course_utils.render import answer_html
from course_utils.storage import AnswerStore, grading_run
from course_utils.widgets.base import ItemView
from course_utils.widgets.choice import BestResponseView, SelectAllView
from course_utils.widgets.order import ClassifyView, RankView
from course_utils.widgets.text import ReflectionView, WrittenReplyView

__all__ = ["VIEWS", "active_views", "make_view", "show_item", "start"]

VIEWS: dict[str, type[ItemView]] = {
    "best_response": BestResponseView,
    "select_all": SelectAllView,
    "rank": RankView,
    "classify": ClassifyView,
    "written_reply": WrittenReplyView,
    "reflection": ReflectionView,
}

# The views shown in this kernel, by item id (the latest one if a cell is run twice).
active_views: dict[str, ItemView] = {}
_stores: dict[Path, AnswerStore] = {}


def store_for(folder: Path | str = ".") -> AnswerStore:
    """The one answer store of a folder in this kernel."""
    path = Path(folder).resolve()
    if path not in _stores:
        _stores[path] = AnswerStore(path)
    return _stores[path]


def make_view(item: Item, store: AnswerStore) -> ItemView:
    """Build the widget for an item, restored from the store."""
    return VIEWS[item.kind](item, store)


def start(folder: Path | str = ".") -> None:
    """Open the folder's answer store and say what was restored or what went wrong."""
    store = store_for(folder)
    tone = "#8a4b00" if store.problem else "#245c2a"
    mark = "Please note:" if store.problem else "Answers:"
    display(HTML(f'<div role="status" style="border-left: 4px solid {tone}; padding-left: 8px">'
                 f"<strong>{mark}</strong> {store.status}</div>"))


def show_item(item_id: str, folder: Path | str = ".") -> None:
    """Display one item's widget and a plain copy of the saved answer below it."""
    try:
        item = load_items(folder)[item_id]
    except ItemsFileError as err:
        display(HTML(f'<div role="alert"><strong>This exercise cannot be shown.</strong> {err}</div>'))
        return
    except KeyError:
        display(HTML(f'<div role="alert">No item called {item_id!r} in this assignment\'s '
                     "items.json. Fetch the assignment again or ask your trainer.</div>"))
        return
    store = store_for(folder)
    if grading_run():
        display(HTML(answer_html(item, store.get(item_id))))
        return
    view = make_view(item, store)
    active_views[item_id] = view
    display(view)
    view.show_rendering()
