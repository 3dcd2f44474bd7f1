"""A hidden helper widget that makes an item fully usable from the keyboard in JupyterLab."""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets


class KeyboardGuard(anywidget.AnyWidget):
    """Marks its item so notebook shortcuts do not steal keys, and groups radio buttons."""

    _esm = Path(__file__).with_name("guard.js")
    item_id = traitlets.Unicode("").tag(sync=True)
