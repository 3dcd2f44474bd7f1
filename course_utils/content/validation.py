"""Validation of raw YAML data into the content model, naming file, item and field."""

from __future__ import annotations

import re
from typing import Any

from course_utils.core.vocab import (
    AUTO_CRITERIA,
    AUTO_KINDS,
    COMPETENCIES,
    KINDS,
    LABELS,
    LESSONS,
    MODES,
    OPTION_COUNTS,
    ROADBLOCKS,
    TEXT_KINDS,
)
from course_utils.items.conversation import parse_turns
from course_utils.items.model import Item, Option, Problem, Scenario

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
ASSIGNMENT_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\Z")


def parse_module(data: Any, folder_name: str, where: str, problems: list[Problem]) -> dict:
    """The fields of one module file, its items parsed; every problem found is appended."""
    if not isinstance(data, dict):
        problems.append(Problem(where, "", "-", "expected keys assignment, number, title, items"))
        return {}
    assignment = data.get("assignment")
    if assignment != folder_name or not ASSIGNMENT_PATTERN.match(str(assignment)):
        problems.append(Problem(where, "", "assignment",
                                f"must equal the folder name '{folder_name}' "
                                "(lowercase letters, digits, underscores)"))
    if not isinstance(data.get("number"), int):
        problems.append(Problem(where, "", "number", "give the module number, e.g. 1"))
    if not isinstance(data.get("title"), str) or not data["title"].strip():
        problems.append(Problem(where, "", "title", "give the module title"))
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        problems.append(Problem(where, "", "items", "give a list of items"))
        raw_items = []
    items: list[Item] = []
    ids: set[str] = set()
    for index, raw in enumerate(raw_items, start=1):
        item = _parse_item(raw, index, where, problems)
        if item is None:
            continue
        if item.id in ids:
            problems.append(Problem(where, item.id, "id", "duplicate id; every item needs its own"))
        ids.add(item.id)
        items.append(item)
    return {"assignment": assignment, "number": data.get("number"),
            "title": data.get("title"), "items": tuple(items)}


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
    if kind not in KINDS:
        bad("kind", f"unknown kind {kind!r}; use one of: {', '.join(KINDS)}")
    if mode not in MODES:
        bad("mode", f"unknown mode {mode!r}; use practice or graded")
    prompt: Any = raw.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        bad("prompt", "give the question the learner answers")
    scenario = _parse_scenario(raw.get("scenario"), bad)
    competencies = _parse_competencies(raw.get("competencies"), bad)
    points = _parse_points(raw, mode, bad)
    options = _parse_options(raw.get("options"), kind, bad)
    labels = _parse_labels(raw, kind, bad)
    rubric = _text_list(raw, "rubric", "give the rubric as a list of what graders look for", bad)
    lesson = raw.get("lesson") or []
    if not isinstance(lesson, list) or any(x not in LESSONS for x in lesson):
        bad("lesson", f"use lesson points from: {', '.join(LESSONS)}")
        lesson = []
    auto_rubric = _auto_rubric(raw.get("auto_rubric"), kind, bad) if "auto_rubric" in raw else ()
    if "requires" in raw:
        bad("requires", "write the automatic rubric as auto_rubric: {criterion: weight, ...}, "
            "e.g. {asks_about_suicide: 0.4, reflects: 0.3, no_roadblock: 0.3}")
    turns = parse_turns(raw.get("turns"), bad) if kind == "branching" else ()
    if kind != "branching" and "turns" in raw:
        bad("turns", "only branching items have turns")
    key = _parse_key(raw, kind, mode, [o.id for o in options], labels, rubric, bad)
    if len(problems) > before or kind not in KINDS:
        return None
    return Item(id=item_id, kind=kind, mode=mode, prompt=prompt.strip(), scenario=scenario,
                competencies=competencies, points=float(points) if mode == "graded" else 0.0,
                options=options, labels=labels, key=key, rubric=tuple(map(str, rubric)),
                example=str(raw.get("example") or "").strip(), lesson=tuple(lesson), turns=turns,
                debrief=str(raw.get("debrief") or "").strip(), auto_rubric=auto_rubric)


def _as_name(value: Any) -> Any:
    """A kind or mode as written; anything but text (a list, a number) as its text, to report."""
    return value if value is None or isinstance(value, str) else repr(value)


def _text_list(raw: dict, field_name: str, message: str, bad) -> tuple[str, ...]:
    """A field that must be a list of texts (absent or empty: none)."""
    value = raw.get(field_name) or []
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        bad(field_name, message)
        return ()
    return tuple(value)


def _parse_points(raw: dict, mode: Any, bad) -> Any:
    """The item's points: above 0 when graded, absent when practice."""
    points = raw.get("points", 0)
    if mode == "graded" and (isinstance(points, bool) or not isinstance(points, (int, float))
                             or points <= 0):
        bad("points", "graded items need points greater than 0")
    if mode == "practice" and "points" in raw:
        bad("points", "practice items are not scored; remove points or make the item graded")
    return points


def _parse_labels(raw: dict, kind: Any, bad) -> tuple:
    """A classify item's labels (two or more known ones); no other kind has labels."""
    labels = _text_list(raw, "labels", f"give the labels as a list, from: {', '.join(LABELS)}", bad)
    if kind == "classify":
        unknown = [x for x in labels if x not in LABELS]
        if len(labels) < 2 or unknown:
            bad("labels", f"give 2 or more labels from: {', '.join(LABELS)}"
                + (f" (unknown: {', '.join(map(str, unknown))})" if unknown else ""))
    elif "labels" in raw:
        bad("labels", "only classify items have labels")
    return labels


def _parse_key(raw: dict, kind: Any, mode: Any, option_ids: list, labels: tuple, rubric: tuple,
               bad) -> Any:
    """The key of an auto-graded item; branching and written items have none (and say so)."""
    key = raw.get("key")
    if kind == "branching":
        if key is not None or "options" in raw:
            bad("key", "branching items have no key or options: give each reply a quality")
        if not str(raw.get("debrief") or "").strip():
            bad("debrief", "give a short debrief shown at the end of every path")
    elif kind in AUTO_KINDS:
        key = _check_key(kind, key, option_ids, labels, bad)
    elif kind in TEXT_KINDS:
        if key is not None:
            bad("key", f"{kind} items are graded by hand and have no key")
        if "options" in raw:
            bad("options", f"{kind} items have no options")
        if mode == "graded" and not rubric:
            bad("rubric", "graded written items need a rubric: what graders look for")
    return key


def _parse_scenario(raw: Any, bad) -> Scenario:
    if not isinstance(raw, dict) or not isinstance(raw.get("situation"), str):
        bad("scenario", "give scenario.situation (and optionally peer_says and cues)")
        return Scenario("")
    cues = raw.get("cues") or ()
    if not isinstance(cues, (list, tuple)):
        bad("scenario.cues", "give cues as a list")
        cues = ()
    return Scenario(raw["situation"].strip(), str(raw.get("peer_says") or "").strip(),
                    tuple(str(c) for c in cues))


def _parse_competencies(raw: Any, bad) -> tuple[int, ...]:
    if not isinstance(raw, list) or not raw:
        bad("competencies", "tag the item with one or more SAMHSA competency numbers 1-12")
        return ()
    unknown = [c for c in raw if not isinstance(c, int) or isinstance(c, bool) or c not in COMPETENCIES]
    if unknown:
        bad("competencies", f"unknown competency {unknown[0]!r}; use numbers 1-12 "
            "(see content/README.md)")
    return tuple(c for c in raw if c not in unknown)


def _parse_options(raw: Any, kind: Any, bad) -> tuple[Option, ...]:
    if kind not in OPTION_COUNTS:
        return ()
    low, high = OPTION_COUNTS[kind]
    if not isinstance(raw, list) or not low <= len(raw) <= high:
        bad("options", f"{kind} items need {low} to {high} options")
        return ()
    options: list[Option] = []
    for n, opt in enumerate(raw, start=1):
        if not isinstance(opt, dict) or not isinstance(opt.get("id"), str):
            bad(f"options[{n}].id", "each option needs an id, e.g. a")
            continue
        for part in ("text", "explanation"):
            if not isinstance(opt.get(part), str) or not opt[part].strip():
                bad(f"options[{opt['id']}].{part}", f"option '{opt['id']}' needs its {part}")
        roadblock = opt.get("roadblock") or ""
        if roadblock and roadblock not in ROADBLOCKS:
            bad(f"options[{opt['id']}].roadblock",
                f"unknown roadblock {roadblock!r}; use one of: {', '.join(ROADBLOCKS)}")
        options.append(Option(opt["id"], str(opt.get("text", "")).strip(),
                              str(opt.get("explanation", "")).strip(), roadblock))
    ids = [o.id for o in options]
    if len(set(ids)) != len(ids):
        bad("options", "option ids must be different from each other")
    return tuple(options)


def _check_key(kind: str, key: Any, ids: list[str], labels: tuple[str, ...], bad) -> Any:
    if key is None:
        bad("key", "missing: auto-graded items need the right answer")
        return None
    if kind == "best_response":
        if key not in ids:
            bad("key", f"must be one option id ({', '.join(ids)})")
        return key
    if kind == "select_all":
        if not isinstance(key, list) or not key or any(k not in ids for k in key) \
                or len(set(key)) != len(key):
            bad("key", f"give a list of the option ids that apply ({', '.join(ids)})")
            return None
        return tuple(key)
    if kind == "rank":
        if not isinstance(key, list) or sorted(map(str, key)) != sorted(ids):
            bad("key", "list every option id once, most to least supportive")
            return None
        if list(key) == ids:
            bad("options", "list the options in a different order from the key, "
                "or the answer shows on screen")
        return tuple(key)
    if not isinstance(key, dict) or sorted(map(str, key)) != sorted(ids):
        bad("key", "give a label for every statement, e.g. {a: advising, b: supportive}")
        return None
    wrong = [f"{k}: {v}" for k, v in key.items() if v not in labels]
    if wrong:
        bad("key", f"labels not in this item's labels list: {', '.join(wrong)}")
    return tuple(sorted(key.items()))


def _auto_rubric(raw: Any, kind: str, bad: Any) -> tuple[tuple[str, float], ...]:
    """An item's automatic rubric: known criteria with positive weights that add up to 1."""
    if kind != "written_reply":
        bad("auto_rubric", "only written_reply items have an automatic rubric; remove it")
        return ()
    if not isinstance(raw, dict) or not raw:
        bad("auto_rubric", "give criteria and weights, e.g. {reflects: 0.4, invites_more: 0.3, "
            "no_roadblock: 0.3}")
        return ()
    unknown = [str(name) for name in raw if name not in AUTO_CRITERIA]
    if unknown:
        bad("auto_rubric", f"unknown criteria {', '.join(unknown)}; use: {', '.join(AUTO_CRITERIA)}")
        return ()
    if any(isinstance(w, bool) or not isinstance(w, (int, float)) or w <= 0 for w in raw.values()):
        bad("auto_rubric", "every weight must be a number above 0 (a share of the points)")
        return ()
    if abs(sum(raw.values()) - 1.0) > 0.001:
        bad("auto_rubric", f"the weights add up to {sum(raw.values()):g}; make them add up to 1")
        return ()
    return tuple((str(name), float(weight)) for name, weight in raw.items())
