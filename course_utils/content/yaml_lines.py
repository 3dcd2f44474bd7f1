"""Line numbers of the keys and list entries of a YAML document, for error messages."""

from __future__ import annotations

import re
from typing import Any

YamlPath = tuple[str | int, ...]

# One step of a field name: `options`, `options[b]` (an id) or `options[2]` (1-based position).
_STEP = re.compile(r"([^.\[\]]+)(?:\[([^\]]*)\])?")


def key_lines(text: str) -> dict[YamlPath, int]:
    """Map the path of every key and list entry in a YAML text to its 1-based line."""
    import yaml

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    lines: dict[YamlPath, int] = {(): 1}
    if root is not None:
        _walk(root, (), root.start_mark.line + 1, lines, set())
    return lines


def _walk(node: Any, path: YamlPath, line: int, lines: dict[YamlPath, int], open_: set[int]) -> None:
    import yaml

    lines[path] = line
    if id(node) in open_:  # an alias back to an enclosing node: stop, do not loop
        return
    open_.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _walk(value, (*path, key.value), key.start_mark.line + 1, lines, open_)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            _walk(value, (*path, index), value.start_mark.line + 1, lines, open_)
    open_.discard(id(node))


def line_of(lines: dict[YamlPath, int], path: YamlPath) -> int | None:
    """The line of path, or of its nearest parent present in the document."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def field_path(data: Any, field: str) -> YamlPath:
    """The path of a field name like `options[b].explanation` within data; `-` is data itself."""
    path: list[str | int] = []
    if field == "-":
        return ()
    for step in _STEP.finditer(field):
        name, selector = step.group(1), step.group(2)
        path.append(name)
        data = data.get(name) if isinstance(data, dict) else None
        if selector is None:
            continue
        index = _entry_index(data, selector)
        if index is None:
            break
        path.append(index)
        data = data[index]
    return tuple(path)


def _entry_index(entries: Any, selector: str) -> int | None:
    if not isinstance(entries, list):
        return None
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and entry.get("id") == selector:
            return index
    if selector.isdigit() and 1 <= int(selector) <= len(entries):
        return int(selector) - 1
    return None
