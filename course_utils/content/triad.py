"""The triad practice guide of a module (triad.md): a live role-play in threes a trainer runs."""

from __future__ import annotations

from pathlib import Path

from course_utils.items.model import Item, Problem

TRIAD_FILE = "triad.md"
HEADING = "## Triad practice"
# What every guide tells a trainer, each under its own bold label.
LABELS = ("**Roles.**", "**Scenario prompt.**", "**Timing.**", "**What the observer tallies.**")
CHECKLIST_KIND = "observer_checklist"


def triad_problems(path: Path, text: str, items: tuple[Item, ...]) -> list[Problem]:
    """What is wrong with a module's triad guide (text "" when there is none) and its checklist."""
    checklists = [i for i in items if i.kind == CHECKLIST_KIND]
    if not text:
        return [Problem(str(path.parent / "module.yaml"), i.id, "kind",
                        f"an observer checklist is filled in after the module's triad practice, "
                        f"but {path} is missing: add the guide (see content/README.md, 'Triad "
                        "practice') or use another kind") for i in checklists]
    problems = []
    if not text.lstrip().startswith(HEADING):
        problems.append(Problem(str(path), "", "-", f"start the guide with the heading '{HEADING}'", 1))
    problems += [Problem(str(path), "", "-", f"the guide has no {label} part: add a paragraph that "
                         f"starts with {label}") for label in LABELS if label not in text]
    if len(checklists) != 1:
        problems.append(Problem(str(path.parent / "module.yaml"), "", "items",
                                f"a module with a triad guide needs exactly one {CHECKLIST_KIND} "
                                f"item (the observer's checklist), not {len(checklists)}"))
    return problems
