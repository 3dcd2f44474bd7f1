"""JupyterLab's pre-save hook for learners: live widgets leave the file as a plain placeholder.

A saved widget view points at a model that only the running kernel has; reopened with a fresh
kernel it reads "Error displaying widget: model not found". The course's learner configuration
(learner/learner_settings.py) installs this hook so the file keeps the placeholder instead.
"""

from __future__ import annotations

from typing import Any

from course_utils.assign.placeholders import placeholder_output
from course_utils.core.vocab import WIDGET_VIEW


def strip_widget_outputs(nb: dict[str, Any]) -> int:
    """Replace each cell's widget views with one placeholder and drop saved widget state; the count."""
    replaced = 0
    for cell in nb.get("cells", []):
        outputs = cell.get("outputs") if cell.get("cell_type") == "code" else None
        if not outputs:
            continue
        kept = [o for o in outputs if WIDGET_VIEW not in o.get("data", {})]
        if len(kept) == len(outputs):
            continue
        replaced += 1
        cell["outputs"] = [placeholder_output(), *kept]
    nb.get("metadata", {}).pop("widgets", None)
    return replaced


def pre_save_hook(model: dict[str, Any], **_kwargs: Any) -> None:
    """jupyter_server's pre_save_hook: strip widget views from a notebook about to be saved."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        strip_widget_outputs(model["content"])
