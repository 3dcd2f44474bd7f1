"""Load content folders (module.yaml + reading.md) into validated modules."""

from __future__ import annotations

from pathlib import Path

from course_utils.model import ContentError, Item, Module, Option, Problem, Scenario
from course_utils.validation import parse_module

__all__ = ["ContentError", "Item", "Module", "Option", "Problem", "Scenario", "load_course",
           "load_module"]

MODULE_FILE = "module.yaml"
READING_FILE = "reading.md"


def load_module(folder: Path) -> Module:
    """Load and validate one module folder; raise ContentError naming every problem."""
    import yaml

    folder = Path(folder)
    path = folder / MODULE_FILE
    where = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError([Problem(where, "", "-", "file not found")]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f" near line {mark.line + 1}" if mark else ""
        raise ContentError(
            [Problem(where, "", "-", f"not valid YAML{line}: {err}. Check indentation and quotes.")]
        ) from None
    reading_path = folder / READING_FILE
    problems: list[Problem] = []
    if not reading_path.is_file():
        problems.append(Problem(str(reading_path), "", "-", "the module's reading is missing"))
    module = parse_module(data, folder.name, where, problems)
    if problems:
        raise ContentError(problems)
    reading = reading_path.read_text(encoding="utf-8")
    return Module(module["assignment"], module["number"], module["title"], reading, module["items"])


def load_course(content_dir: Path) -> list[Module]:
    """Load every module folder under content_dir, ordered by number; all problems at once."""
    modules: list[Module] = []
    problems: list[Problem] = []
    for folder in sorted(p for p in Path(content_dir).iterdir() if (p / MODULE_FILE).exists()):
        try:
            modules.append(load_module(folder))
        except ContentError as err:
            problems.extend(err.problems)
    seen: dict[str, str] = {}
    for module in modules:
        for item in module.items:
            if item.id in seen and seen[item.id] != module.assignment:
                problems.append(
                    Problem(f"{content_dir}/{module.assignment}/{MODULE_FILE}", item.id, "id",
                            f"also used in module '{seen[item.id]}'; ids must be unique")
                )
            seen[item.id] = module.assignment
    if problems:
        raise ContentError(problems)
    if not modules:
        raise ContentError([Problem(str(content_dir), "", "-", f"no folder with a {MODULE_FILE}")])
    return sorted(modules, key=lambda m: m.number)
