"""The two calls a notebook makes: start() once, then show_item(id) per exercise cell."""

from __future__ import annotations

from pathlib import Path

from IPython.display import HTML, display

from course_utils.core.display_order import DisplayOrder
from course_utils.core.storage import AnswerStore, grading_run
from course_utils.core.vocab import ITEMS_FILE
from course_utils.items.public import ItemsFileError, load_items
from course_utils.items.render import answer_html

__all__ = ["active_views", "show_item", "start", "store_for"]

# The views shown in this kernel, by item id (the latest one if a cell is run twice).
active_views: dict = {}
_stores: dict[Path, AnswerStore] = {}
# Each folder's items file as last read, with its modification time: a notebook shows many items.
_items: dict[Path, tuple[int, dict]] = {}


def store_for(folder: Path | str = ".") -> AnswerStore:
    """The one answer store of a folder in this kernel."""
    path = Path(folder).resolve()
    if path not in _stores:
        _stores[path] = AnswerStore(path)
    return _stores[path]


def start(folder: Path | str = ".") -> None:
    """Open the folder's answer store and say what was restored or what went wrong."""
    store = store_for(folder)
    tone = "#8a4b00" if store.problem else "#245c2a"
    mark = "Please note:" if store.problem else "Answers:"
    display(HTML(f'<div role="status" style="border-left: 4px solid {tone}; padding-left: 8px">'
                 f"<strong>{mark}</strong> {store.status}</div>"))


def show_item(item_id: str, folder: Path | str = ".") -> None:
    """Display one item's widget, or under nbgrader a plain copy of the saved answer.

    Under nbgrader (autograde, validate) only the plain copy is shown: no widget library is
    imported, and formgrader and feedback show exactly what was saved. In a live kernel the
    widget alone is shown: it already shows the answer, and the copy names internal item ids.
    """
    try:
        item = _items_of(folder)[item_id]
    except ItemsFileError as err:
        display(HTML(f'<div role="alert"><strong>This exercise cannot be shown.</strong> {err}</div>'))
        return
    except KeyError:
        display(HTML(f'<div role="alert">No item called {item_id!r} in this assignment\'s '
                     "items.json. Fetch the assignment again or ask your trainer.</div>"))
        return
    store = store_for(folder)
    if grading_run():
        display(HTML(answer_html(item, store.get(item_id), DisplayOrder(store.display_seed()))))
        return
    from course_utils.items.widgets import make_view

    view = make_view(item, store)
    active_views[item_id] = view
    display(view)


def _items_of(folder: Path | str) -> dict:
    """The folder's items, read once per change of the items file (graded turns unsealed once)."""
    path = Path(folder).resolve()
    try:
        stamp = (path / ITEMS_FILE).stat().st_mtime_ns
    except OSError:
        stamp = -1  # missing: load_items says what to do
    cached = _items.get(path)
    if cached is None or cached[0] != stamp:
        _items[path] = (stamp, load_items(path))
    return _items[path][1]

