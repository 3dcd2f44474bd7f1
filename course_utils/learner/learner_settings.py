"""The Jupyter configuration a learner's server runs with: pages first, no editing, no staff tools.

Written into one folder that the learner's server uses as its JUPYTER_CONFIG_DIR: server
settings (start page, save hook, hidden files, Voilà), JupyterLab settings overrides (no
notebook editing shortcuts, no cell toolbar or cell-type menu, no news, no saved widget state),
disabled staff extensions, and the nbgrader exchange the learner fetches from and submits to.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from course_utils.core.atomic import write_atomic
from course_utils.core.vocab import ANSWERS_FILE, ITEMS_FILE

START_PAGE = "voila/render/start_here/start_here.ipynb"
SETTINGS_DIR = "lab-settings"
# Notebook commands that change cells: a stray key in command mode must never edit a module.
EDITING_COMMANDS = ("change-cell-to", "copy-cell", "cut-cell", "delete-cell", "insert-", "merge-",
                    "paste-cell", "undo-cell", "redo-cell", "move-cell-", "run-cell-and-insert",
                    "toggle-render-side-by-side", "split-cell")
# Staff tools and what learners do not need (nbgrader's Validate reads as a grade to learners).
DISABLED_EXTENSIONS = ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                       "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:validate-assignment",
                       "@jupyterlab/cell-toolbar-extension:plugin"]
DISABLED_SERVER_EXTENSIONS = ["nbgrader.server_extensions.formgrader",
                              "nbgrader.server_extensions.course_list",
                              "nbgrader.server_extensions.validate_assignment"]
# The toolbar of a notebook: keep save, run, interrupt, restart; drop cell editing.
HIDDEN_TOOLBAR_ITEMS = ["insert", "cut", "copy", "paste", "cellType"]
# JupyterLab shows a hidden input as its first line of code: learners see no code cell input at
# all, nor the execution counts beside outputs (custom/custom.css of the configuration folder).
CUSTOM_CSS = """\
.jp-Notebook .jp-CodeCell .jp-Cell-inputWrapper { display: none; }
.jp-Notebook .jp-CodeCell .jp-OutputPrompt { visibility: hidden; }
"""
VOILA_DENYLIST = ["@jupyter/nbgrader", "@jupyter-notebook/lab-extension", "@jupyterlab/jupyter-lsp",
                  "jupyterlab-lsp"]


def tracker_schema() -> Path:
    """JupyterLab's notebook tracker schema, which lists the notebook shortcuts."""
    return Path(sys.prefix, "share", "jupyter", "lab", "schemas", "@jupyterlab",
                "notebook-extension", "tracker.json")


def disabled_shortcuts(schema: Path | None = None) -> list[dict[str, Any]]:
    """JupyterLab's notebook shortcuts that edit cells, each marked disabled."""
    path = schema or tracker_schema()
    shortcuts = json.loads(path.read_text(encoding="utf-8")).get("jupyter.lab.shortcuts", [])
    return [dict(s, disabled=True) for s in shortcuts
            if s.get("command", "").startswith("notebook:")
            and s["command"].split(":", 1)[1].startswith(EDITING_COMMANDS)]


def lab_overrides(schema: Path | None = None) -> dict[str, Any]:
    """JupyterLab settings every learner starts with."""
    return {
        "@jupyterlab/shortcuts-extension:shortcuts": {"shortcuts": disabled_shortcuts(schema)},
        "@jupyterlab/notebook-extension:tracker": {"showEditorForReadOnlyMarkdown": False},
        "@jupyterlab/notebook-extension:panel": {
            "toolbar": [{"name": name, "disabled": True} for name in HIDDEN_TOOLBAR_ITEMS]},
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                         "checkForUpdates": False},
        "@jupyterlab/docmanager-extension:plugin": {"autosaveInterval": 15,
                                                    "confirmClosingDocument": False},
        "@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": False},
    }


def server_config(config_dir: Path, start_page: str = START_PAGE) -> dict[str, Any]:
    """The learner's jupyter_server settings."""
    return {
        "ServerApp": {"default_url": f"/{start_page.lstrip('/')}",
                      "jpserver_extensions": dict.fromkeys(DISABLED_SERVER_EXTENSIONS, False)},
        "FileContentsManager": {"pre_save_hook": "course_utils.learner.save_hook.pre_save_hook"},
        "ContentsManager": {"hide_globs": ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~",
                                           ANSWERS_FILE, ITEMS_FILE, "*.bak*"]},
        # `jupyter lab` starts through LabApp, whose own default_url would win.
        "LabApp": {"app_settings_dir": str(config_dir / SETTINGS_DIR),
                   "default_url": f"/{start_page.lstrip('/')}", "custom_css": True},
        "VoilaConfiguration": {"extension_denylist": VOILA_DENYLIST, "show_tracebacks": False},
    }


def nbgrader_config(course_id: str, exchange_root: Path, cache: Path | None = None) -> str:
    """The learner's nbgrader configuration: which course, where its exchange (and cache) are."""
    text = ('"""The course and exchange this learner fetches from and submits to."""\n\n'
            "c = get_config()  # noqa: F821\n"
            f"c.CourseDirectory.course_id = {course_id!r}\n"
            f"c.Exchange.root = {str(exchange_root)!r}\n")
    if cache is not None:  # nbgrader's record of this learner's submissions
        text += f"c.Exchange.cache = {str(cache)!r}\n"
    return text


def write_learner_config(config_dir: Path | str, *, course_id: str, exchange_root: Path | str | None = None,
                         start_page: str = START_PAGE, cache: Path | str | None = None) -> list[Path]:
    """Write the learner configuration folder; the files written."""
    root = Path(config_dir).resolve()
    files: dict[Path, str] = {
        root / "jupyter_server_config.json": _json(server_config(root, start_page)),
        root / SETTINGS_DIR / "overrides.json": _json(lab_overrides()),
        root / "custom" / "custom.css": CUSTOM_CSS,
        root / "labconfig" / "page_config.json": _json(
            {"disabledExtensions": dict.fromkeys(DISABLED_EXTENSIONS, True)}),
    }
    if exchange_root is not None:
        files[root / "nbgrader_config.py"] = nbgrader_config(
            course_id, Path(exchange_root).resolve(), Path(cache).resolve() if cache else None)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    return list(files)


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=1, sort_keys=True) + "\n"
