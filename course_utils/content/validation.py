"""Validation of raw YAML data into the content model, naming file, item and field."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from difflib import get_close_matches
from typing import Any

from course_utils.core.vocab import AGE_BANDS, COMPETENCIES, IDENTITIES, LESSONS, MODES, SETTINGS
from course_utils.items.kind import KIND_FIELDS, ItemKind, kinds, text_list
from course_utils.items.model import Item, Problem, Scenario

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
ASSIGNMENT_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\Z")
MODULE_FIELDS = ("assignment", "number", "title", "items")
# The fields every item may have; each kind adds its own from KIND_FIELDS ("requires" is an old
# name, refused with its own message below).
ITEM_FIELDS = ("id", "kind", "mode", "prompt", "scenario", "competencies", "points", "rubric",
               "example", "lesson", "requires")
SCENARIO_FIELDS = ("situation", "peer_says", "cues", "person", "setting", "age", "identities")
# A first name as content writes it: letters (any alphabet), joined by single hyphens or apostrophes.
NAME_PATTERN = re.compile(r"^[^\W\d_]+(['-][^\W\d_]+)*\Z")


def unknown_fields(raw: dict, known: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each field of raw that is not known, with a plain message saying what to write instead."""
    found = []
    for name in raw:
        if name in known:
            continue
        close = get_close_matches(str(name), known, n=1, cutoff=0.75)
        hint = f"did you mean {close[0]!r}?" if close else f"the fields here are: {', '.join(known)}"
        found.append((str(name), f"unknown field {str(name)!r}, so it would be ignored: {hint}"))
    return found


def unknown_value(value: Any, known: Iterable[str], what: str) -> str:
    """A plain message for a value outside a vocabulary: the near miss, if any, and every known value."""
    known = tuple(known)
    close = get_close_matches(str(value), known, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"unknown {what} {value!r}: {hint}use one of: {', '.join(known)}"


def parse_module(data: Any, folder_name: str, where: str, problems: list[Problem],
                 item_line: Callable[[int], int | None] | None = None) -> dict:
    """The fields of one module file, its items parsed; every problem found is appended.

    item_line gives the file line of the item at a 0-based position, to say where a repeated id
    was first used.
    """
    if not isinstance(data, dict):
        problems.append(Problem(where, "", "-", "expected keys assignment, number, title, items"))
        return {}
    assignment = data.get("assignment")
    if assignment != folder_name or not ASSIGNMENT_PATTERN.match(str(assignment)):
        problems.append(Problem(where, "", "assignment",
                                f"must equal the folder name '{folder_name}' "
                                "(lowercase letters, digits, underscores)"))
    for name, message in unknown_fields(data, MODULE_FIELDS):
        problems.append(Problem(where, "", name, message))
    number = data.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 0:
        problems.append(Problem(where, "", "number", "give the module number, e.g. 1"))
    if not isinstance(data.get("title"), str) or not data["title"].strip():
        problems.append(Problem(where, "", "title", "give the module title"))
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        problems.append(Problem(where, "", "items", "give a list of items"))
        raw_items = []
    items: list[Item] = []
    first_use: dict[str, int] = {}
    for index, raw in enumerate(raw_items, start=1):
        item = _parse_item(raw, index, where, problems)
        if item is None:
            continue
        if item.id in first_use:
            problems.append(Problem(where, item.id, "id",
                                    _duplicate(where, first_use[item.id], item_line)))
        first_use.setdefault(item.id, index)
        items.append(item)
    return {"assignment": assignment, "number": data.get("number"),
            "title": data.get("title"), "items": tuple(items)}


def _duplicate(where: str, first: int, item_line: Callable[[int], int | None] | None) -> str:
    """What to say of an id an earlier item of the same file already has."""
    line = item_line(first - 1) if item_line else None
    at = f"{where}:{line}" if line else f"item #{first} of {where}"
    return f"duplicate id: first used at {at}; every item needs an id of its own"


def _parse_item(raw: Any, index: int, where: str, problems: list[Problem]) -> Item | None:
    """One item, or None when it has problems (each appended, naming the item and field)."""
    label = f"#{index}"
    if not isinstance(raw, dict):
        problems.append(Problem(where, label, "-", "each item must be a mapping of fields"))
        return None
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not ID_PATTERN.match(item_id):
        problems.append(Problem(where, label, "id",
                                "give a stable id of lowercase letters, digits and hyphens"))
        return None
    before = len(problems)

    def bad(field_name: str, message: str) -> None:
        problems.append(Problem(where, item_id, field_name, message))

    kind: Any = _as_name(raw.get("kind"))
    mode: Any = _as_name(raw.get("mode"))
    known = kinds()
    for name, message in unknown_fields(raw, (*ITEM_FIELDS, *KIND_FIELDS)):
        bad(name, message)
    if kind not in known:
        bad("kind", f"unknown kind {kind!r}; use one of: {', '.join(known)}")
    if mode not in MODES:
        bad("mode", f"unknown mode {mode!r}; use practice or graded")
    prompt: Any = raw.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        bad("prompt", "give the question the learner answers")
    scenario = _parse_scenario(raw.get("scenario"), bad)
    competencies = _parse_competencies(raw.get("competencies"), bad)
    points = _parse_points(raw, mode, bad)
    rubric = text_list(raw, "rubric", "give the rubric as a list of what graders look for", bad)
    lesson = raw.get("lesson") or []
    if not isinstance(lesson, list) or any(x not in LESSONS for x in lesson):
        bad("lesson", f"use lesson points from: {', '.join(LESSONS)}")
        lesson = []
    if "requires" in raw:
        bad("requires", "write the automatic rubric as auto_rubric: {criterion: weight, ...}, "
            "e.g. {asks_about_suicide: 0.4, reflects: 0.3, no_roadblock: 0.3}")
    if kind not in known:
        return None
    fields = _kind_fields(known[kind], raw, mode, rubric, bad)
    if len(problems) > before:
        return None
    return Item(id=item_id, kind=kind, mode=mode, prompt=prompt.strip(), scenario=scenario,
                competencies=competencies, points=float(points) if mode == "graded" else 0.0,
                rubric=tuple(map(str, rubric)), example=str(raw.get("example") or "").strip(),
                lesson=tuple(lesson), **fields)


def _kind_fields(kind: ItemKind, raw: dict, mode: str, rubric: tuple, bad) -> dict[str, Any]:
    """The fields only some kinds take: this kind's parsed, any other kind's refused by name."""
    for field_name in KIND_FIELDS:
        if field_name in raw and field_name not in kind.fields:
            bad(field_name, kind.refusal(field_name))
    return kind.parse(raw, mode, rubric, bad)


def _as_name(value: Any) -> Any:
    """A kind or mode as written; anything but text (a list, a number) as its text, to report."""
    return value if value is None or isinstance(value, str) else repr(value)


def _parse_points(raw: dict, mode: Any, bad) -> Any:
    """The item's points: above 0 when graded, absent when practice."""
    points = raw.get("points", 0)
    if mode == "graded" and (isinstance(points, bool) or not isinstance(points, (int, float))
                             or not math.isfinite(points) or points <= 0):
        bad("points", "graded items need points greater than 0")
    if mode == "practice" and "points" in raw:
        bad("points", "practice items are not scored; remove points or make the item graded")
    return points


def _parse_scenario(raw: Any, bad) -> Scenario:
    if not isinstance(raw, dict) or not isinstance(raw.get("situation"), str) \
            or not raw["situation"].strip():
        bad("scenario", "give scenario.situation (and optionally peer_says and cues)")
        return Scenario("")
    for name, message in unknown_fields(raw, SCENARIO_FIELDS):
        bad(f"scenario.{name}", message)
    cues = raw.get("cues") or ()
    if not isinstance(cues, (list, tuple)):
        bad("scenario.cues", "give cues as a list")
        cues = ()
    situation, peer_says = raw["situation"].strip(), str(raw.get("peer_says") or "").strip()
    cues = tuple(str(c) for c in cues)
    text = " ".join([situation, peer_says, *cues])
    return Scenario(situation, peer_says, cues, person=_parse_person(raw.get("person"), text, bad),
                    setting=_parse_choice(raw, "setting", SETTINGS, bad),
                    age=_parse_choice(raw, "age", AGE_BANDS, bad, what="age band"),
                    identities=_parse_identities(raw.get("identities"), bad))


def _parse_person(raw: Any, text: str, bad) -> str:
    """The first name the scenario is about: one name, and one its own text uses."""
    if raw is None or raw == "":
        return ""
    name = str(raw).strip()
    if not isinstance(raw, str) or not NAME_PATTERN.match(name):
        bad("scenario.person", "give the first name of the person the scenario is about, e.g. Dana "
            "(one word; leave person out when they are not named)")
        return ""
    if not re.search(rf"\b{re.escape(name)}\b", text):
        bad("scenario.person", f"{name!r} is not named in this scenario's situation, peer_says or "
            "cues: give the name the scenario uses, or change both together")
        return ""
    return name


def _parse_choice(raw: dict, name: str, known: dict[str, str], bad, what: str = "") -> str:
    """One value of a vocabulary, or "" when the field is left out."""
    value = raw.get(name)
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or value not in known:
        bad(f"scenario.{name}", unknown_value(value, known, what or name))
        return ""
    return str(value)


def _parse_identities(raw: Any, bad) -> tuple[str, ...]:
    """The identities the scenario's text gives its person, each once and in the written order."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        bad("scenario.identities", f"give identities as a list, e.g. [rural, veteran], from: "
            f"{', '.join(IDENTITIES)}")
        return ()
    known = [v for v in raw if isinstance(v, str) and v in IDENTITIES]
    for value in raw:
        if not isinstance(value, str) or value not in IDENTITIES:
            bad("scenario.identities", unknown_value(value, IDENTITIES, "identity"))
    return tuple(dict.fromkeys(known))


def _parse_competencies(raw: Any, bad) -> tuple[int, ...]:
    if not isinstance(raw, list) or not raw:
        bad("competencies", "tag the item with one or more SAMHSA competency numbers 1-12")
        return ()
    unknown = [c for c in raw if not isinstance(c, int) or isinstance(c, bool) or c not in COMPETENCIES]
    if unknown:
        bad("competencies", f"unknown competency {unknown[0]!r}; use numbers 1-12 "
            "(see content/README.md)")
    return tuple(c for c in raw if c not in unknown)
