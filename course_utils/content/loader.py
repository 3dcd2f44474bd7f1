"""Load content folders (module.yaml + reading.md, and triad.md if any) into validated modules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from course_utils.content.triad import TRIAD_FILE, triad_problems
from course_utils.content.validation import parse_module
from course_utils.content.yaml_lines import field_path, key_lines, line_of
from course_utils.items.model import ContentError, Item, Module, Option, Problem, Scenario

__all__ = ["ContentError", "Item", "Module", "Option", "Problem", "Scenario", "item_line",
           "load_course", "load_module"]

MODULE_FILE = "module.yaml"
READING_FILE = "reading.md"


def load_module(folder: Path) -> Module:
    """Load and validate one module folder; raise ContentError naming every problem."""
    import yaml

    folder = Path(folder)
    path = folder / MODULE_FILE
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except FileNotFoundError:
        raise ContentError([Problem(where, "", "-", "file not found")]) from None
    except yaml.YAMLError as err:
        raise ContentError([_yaml_problem(where, err)]) from None
    reading_path = folder / READING_FILE
    problems: list[Problem] = []
    if not reading_path.is_file():
        problems.append(Problem(str(reading_path), "", "-", "the module's reading is missing"))
    module = parse_module(data, folder.name, where, problems, item_line=_item_lines(text))
    triad_path = folder / TRIAD_FILE
    triad = triad_path.read_text(encoding="utf-8") if triad_path.is_file() else ""
    if not problems:
        problems += triad_problems(triad_path, triad, module["items"])
    if problems:
        raise ContentError(_locate(problems, where, text, data))
    reading = reading_path.read_text(encoding="utf-8")
    return Module(module["assignment"], module["number"], module["title"], reading, module["items"],
                  triad.strip())


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
                problems.append(_located_in_file(
                    Problem(f"{content_dir}/{module.assignment}/{MODULE_FILE}", item.id, "id",
                            _used_elsewhere(Path(content_dir), seen[item.id], item.id))
                ))
            seen.setdefault(item.id, module.assignment)
    numbers: dict[int, str] = {}
    for module in modules:
        if module.number in numbers:
            problems.append(Problem(f"{content_dir}/{module.assignment}/{MODULE_FILE}", "", "number",
                                    f"{numbers[module.number]} has number {module.number} too; give "
                                    "each module a number of its own (the order learners see)"))
        numbers.setdefault(module.number, module.assignment)
    if problems:
        raise ContentError(problems)
    if not modules:
        raise ContentError([Problem(str(content_dir), "", "-", f"no folder with a {MODULE_FILE}")])
    return sorted(modules, key=lambda m: m.number)


def item_line(path: Path, item_id: str) -> int | None:
    """The line where the first item with this id starts in a module file (None: not there)."""
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError):
        return None
    items = data.get("items") if isinstance(data, dict) else None
    index = next((i for i, raw in enumerate(items if isinstance(items, list) else [])
                  if isinstance(raw, dict) and raw.get("id") == item_id), None)
    return None if index is None else _item_lines(text)(index)


def _item_lines(text: str) -> Callable[[int], int | None]:
    """The line of each item of a module file by its 0-based position, worked out when first asked."""
    lines: dict = {}

    def line(index: int) -> int | None:
        if not lines:
            lines.update(key_lines(text))
        return lines.get(("items", index))
    return line


def _used_elsewhere(content_dir: Path, first_module: str, item_id: str) -> str:
    """What to say of an id that an item of an earlier module already has, naming where."""
    path = content_dir / first_module / MODULE_FILE
    line = item_line(path, item_id)
    at = f"{path}:{line}" if line else str(path)
    return f"also used in module '{first_module}' (first at {at}); ids must be unique across the course"


# What YAML's parser says, and what it usually means in a module file, in plain words.
YAML_HINTS = (
    ("'\\t'", "there is a tab character on this line: YAML indents with spaces only, so replace "
               "the tab with spaces"),
    ("mapping values are not allowed", "a text on this line holds a colon followed by a space "
                                       "(as in \"Note: ...\"): put the whole text in double quotes"),
    ("could not find expected ':'", "a line here is neither \"field: value\" nor part of a quoted "
                                    "text: quote a text that runs over several lines, or add the "
                                    "missing colon"),
    ("expected <block end>", "this line is indented differently from the lines around it: line "
                             "it up with the other fields of the same item"),
    ("did not find expected key", "this line is indented differently from the lines around it: "
                                  "line it up with the other fields of the same item"),
    ("while scanning a quoted scalar", "a quote opened on this line is never closed: add the "
                                       "closing quote"),
    ("found unexpected end of stream", "a quote opened on this line is never closed: add the "
                                       "closing quote"),
)


def _yaml_problem(where: str, err: Exception) -> Problem:
    mark = getattr(err, "problem_mark", None)
    if getattr(err, "context", None) == "while scanning a quoted scalar":
        # An unclosed quote: point where it opens, not where the file ends.
        mark = getattr(err, "context_mark", None)
    line = mark.line + 1 if mark else None
    near = f" near line {line}" if line else ""
    said = " ".join(str(err).split())
    plain = next((hint for clue, hint in YAML_HINTS if clue in said), "check the indentation and quotes")
    return Problem(where, "", "-", f"not valid YAML{near}: {plain}. (The YAML reader said: {said})", line)


def _located_in_file(problem: Problem) -> Problem:
    import yaml

    text = Path(problem.file).read_text(encoding="utf-8")
    return _locate([problem], problem.file, text, yaml.safe_load(text))[0]


def _locate(problems: list[Problem], where: str, text: str, data: Any) -> list[Problem]:
    """Give each problem of the file `where` the line of its field, else of its item or module."""
    lines = key_lines(text)
    items = data.get("items") if isinstance(data, dict) else None
    items = items if isinstance(items, list) else []
    repeats: dict[str, int] = {}
    located: list[Problem] = []
    for problem in problems:
        if problem.file != where or problem.line is not None:
            located.append(problem)
            continue
        if not problem.item:
            path = field_path(data, problem.field)
        else:
            index = _item_index(items, problem, repeats)
            path = ("items",) if index is None else ("items", index, *field_path(items[index], problem.field))
        located.append(replace(problem, line=line_of(lines, path)))
    return located


def _item_index(items: list, problem: Problem, repeats: dict[str, int]) -> int | None:
    if problem.item.startswith("#"):  # an item without a valid id, labelled by its position
        index = int(problem.item[1:]) - 1
        return index if 0 <= index < len(items) else None
    matches = [i for i, raw in enumerate(items) if isinstance(raw, dict) and raw.get("id") == problem.item]
    if not matches:
        return None
    if problem.field == "id" and len(matches) > 1:  # a repeated id: each report names the next repeat
        repeats[problem.item] = repeats.get(problem.item, 0) + 1
        return matches[min(repeats[problem.item], len(matches) - 1)]
    return matches[0]
