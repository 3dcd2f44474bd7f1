"""The module list on Start here: a link to each module here, and a button to get the rest."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path
from typing import Any

from IPython.display import HTML, display

from course_utils.core.storage import grading_run
from course_utils.learner.exchange import fetch, released

FETCH_WORKERS = 4  # nbgrader fetches run side by side: each is mostly its own start-up


def is_here(home: Path, assignment: str) -> bool:
    """Whether a module's notebook is in the learner's home folder."""
    return (home / assignment / f"{assignment}.ipynb").is_file()


def module_rows(modules: list[tuple[str, str]], home: Path) -> str:
    """An HTML list: a link to each module fetched into home, a plain title for the others."""
    rows = []
    for assignment, title in modules:
        if is_here(home, assignment):
            rows.append(f'<li><a href="../{assignment}/{assignment}.ipynb">{escape(title)}</a></li>')
        else:
            rows.append(f"<li>{escape(title)} <em>(not on this computer yet)</em></li>")
    return f'<ul class="cps-modules" style="list-style: none; padding-left: 0">{"".join(rows)}</ul>'


def get_missing(modules: list[tuple[str, str]], home: Path,
                say: Callable[[str], None] = lambda _line: None) -> list[str]:
    """Fetch every released module not yet in home; one plain line per module about what happened."""
    missing = [a for a, _ in modules if not is_here(home, a)]
    if not missing:
        return ["You have every module."]
    available, error = released(home)
    if error:
        return [f"Could not reach your course's modules: {error} Ask your trainer."]
    wanted = [a for a in missing if a in available]
    if wanted:
        say(f"Getting {len(wanted)} module(s); this takes a few seconds…")
    with ThreadPoolExecutor(max_workers=FETCH_WORKERS) as pool:
        fetched = dict(zip(wanted, pool.map(lambda a: fetch(a, home), wanted), strict=True))
    lines: list[str] = []
    for assignment in missing:
        title = dict(modules)[assignment]
        if assignment not in fetched:
            lines.append(f"{title}: not released yet; your trainer will tell you when.")
        else:
            result = fetched[assignment]
            lines.append(f"{title}: ready." if result.ok else result.message)
    return lines


class ModuleList:
    """The modules as links, and a Get my modules button while some are missing."""

    def __init__(self, modules: list[tuple[str, str]], home: Path | str = "..") -> None:
        import ipywidgets as w

        self.modules = modules
        self.home = Path(home).resolve()
        self.rows = w.HTML(value="")
        self.button = w.Button(description="Get my modules", button_style="primary", icon="download",
                               layout=w.Layout(width="auto"),
                               tooltip="Copy the modules your trainer has released to this computer")
        self.button.on_click(self.get)
        self.status = w.HTML(value="")
        self.box = w.VBox([self.rows, self.button, self.status],
                          layout=w.Layout(align_items="flex-start"))
        self.box.add_class("cps-module-list")
        self.refresh()

    def refresh(self) -> None:
        """Show the list as it is on disk; hide the button when nothing is missing."""
        self.rows.value = module_rows(self.modules, self.home)
        complete = all(is_here(self.home, a) for a, _ in self.modules)
        self.button.layout.display = "none" if complete else None

    def _progress(self, line: str) -> None:
        self.status.value = f'<div role="status">{escape(line)}</div>'
        self.refresh()

    def get(self, _button: Any = None) -> list[str]:
        """Fetch the missing modules and say what happened to each."""
        self.button.disabled = True
        self.status.value = '<div role="status">Getting your modules…</div>'
        lines = get_missing(self.modules, self.home, say=self._progress)
        self.button.disabled = False
        if lines and all(line.endswith(": ready.") for line in lines):
            lines = ["Your modules are ready: click a title above to open it."]
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        self.status.value = f'<div role="status" aria-live="polite"><ul>{items}</ul></div>'
        self.refresh()
        return lines


def show_modules(modules: list[tuple[str, str]], home: Path | str = "..") -> None:
    """Display the module list (a plain list under nbgrader)."""
    if grading_run():
        display(HTML(module_rows(modules, Path(home).resolve())))
        return
    display(ModuleList(modules, home).box)
