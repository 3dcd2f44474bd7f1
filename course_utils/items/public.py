"""The learner-safe copy of a module's items: graded keys and explanations left out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from course_utils.core.vocab import ITEMS_FILE
from course_utils.items.conversation import END
from course_utils.items.model import Item, Module, Option, Reply, Scenario, Turn
from course_utils.items.roleplay import RolePlay
from course_utils.items.roleplay import from_json as roleplay_from_json
from course_utils.items.roleplay import to_json as roleplay_json
from course_utils.items.sealing import seal, turn_token, unseal


class ItemsFileError(ValueError):
    """Raised when a notebook's items file is missing or unreadable."""


def to_public(item: Item, reveal: bool | None = None) -> dict[str, Any]:
    """The item as a learner may see it: practice items whole, graded ones without answers.

    reveal=True gives the whole item (for hidden tests in source/ only).
    """
    practice = (not item.graded) if reveal is None else reveal
    data: dict[str, Any] = {
        "id": item.id,
        "kind": item.kind,
        "mode": item.mode,
        "points": item.points,
        "competencies": list(item.competencies),
        "prompt": item.prompt,
        "scenario": {
            "situation": item.scenario.situation,
            "peer_says": item.scenario.peer_says,
            "cues": list(item.scenario.cues),
            "person": item.scenario.person,
            "setting": item.scenario.setting,
            "age": item.scenario.age,
            "identities": list(item.scenario.identities),
        },
        "options": [
            {"id": o.id, "text": o.text, "explanation": o.explanation if practice else "",
             "roadblock": o.roadblock if practice else ""}
            for o in item.options
        ],
        "labels": list(item.labels),
        "rubric": list(item.rubric),
        "lesson": list(item.lesson),
        "auto_rubric": [list(pair) for pair in item.auto_rubric],
        "turns": _turns_to_json(item, practice),
    }
    if item.roleplay is not None:
        play = roleplay_json(item.roleplay)
        data["roleplay"] = play if practice else {"sealed": seal(item.id, ROLEPLAY_TOKEN, play)}
    if practice:
        data["key"] = _key_to_json(item.key)
        data["example"] = item.example
        data["debrief"] = item.debrief
    return data


def from_public(data: dict[str, Any]) -> Item:
    """Rebuild an Item from its public form (graded items come back without a key)."""
    scenario = data["scenario"]
    key = data.get("key")
    if isinstance(key, list):
        key = tuple(key)
    elif isinstance(key, dict):
        key = tuple(sorted(key.items()))
    return Item(
        id=data["id"], kind=data["kind"], mode=data["mode"], prompt=data["prompt"],
        scenario=Scenario(scenario["situation"], scenario.get("peer_says", ""),
                          tuple(scenario.get("cues", ())), scenario.get("person", ""),
                          scenario.get("setting", ""), scenario.get("age", ""),
                          tuple(scenario.get("identities", ()))),
        competencies=tuple(data.get("competencies", ())), points=float(data.get("points", 0)),
        options=tuple(Option(o["id"], o["text"], o.get("explanation", ""), o.get("roadblock", ""))
                      for o in data.get("options", ())),
        labels=tuple(data.get("labels", ())), key=key, rubric=tuple(data.get("rubric", ())),
        example=data.get("example", ""), lesson=tuple(data.get("lesson", ())),
        turns=tuple(_turn_from_json(data["id"], t) for t in data.get("turns", ())),
        debrief=data.get("debrief", ""), auto_rubric=tuple((str(name), float(weight))
                                                        for name, weight in data.get("auto_rubric", ())),
        roleplay=_roleplay_from_json(data["id"], data["roleplay"]) if data.get("roleplay") else None,
    )


def _roleplay_from_json(item_id: str, data: dict[str, Any]) -> RolePlay:
    """A role-play from its public form, opening a graded one's seal."""
    return roleplay_from_json(unseal(item_id, ROLEPLAY_TOKEN, data["sealed"]) if "sealed" in data
                              else data)


SPEC_TOKEN = "spec"  # the seal's second part for a whole item (turns use their own tokens)
ROLEPLAY_TOKEN = "roleplay"  # a graded role-play's persona and states, in the learner's copy


def sealed_spec(item: Item) -> str:
    """The whole item, keys included, as one opaque line for a hidden test in source/."""
    return seal(item.id, SPEC_TOKEN, to_public(item, reveal=True))


def open_spec(item_id: str, sealed: str) -> dict[str, Any]:
    """The whole item's public form from sealed_spec; ValueError when it cannot be opened."""
    data = unseal(item_id, SPEC_TOKEN, sealed)
    if not isinstance(data, dict) or data.get("id") != item_id:
        raise ValueError(f"the sealed test of item {item_id!r} holds another item")
    return data


def items_document(module: Module) -> dict[str, Any]:
    """The JSON document written beside the notebook as the items file."""
    return {
        "assignment": module.assignment,
        "number": module.number,
        "title": module.title,
        "items": [to_public(item) for item in module.items],
    }


def load_items(folder: Path | str = ".") -> dict[str, Item]:
    """Read the items file beside the notebook; raise ItemsFileError saying what to do."""
    path = Path(folder) / ITEMS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {raw["id"]: from_public(raw) for raw in data["items"]}
    except FileNotFoundError:
        raise ItemsFileError(
            f"{path} is missing, so the exercises cannot be shown. Fetch the assignment again "
            "(your answers in answers.json are kept) or ask your trainer.") from None
    except (ValueError, KeyError, TypeError, OSError) as err:
        raise ItemsFileError(
            f"{path} could not be read ({err}). Fetch the assignment again "
            "(your answers in answers.json are kept) or ask your trainer.") from None


def _key_to_json(key: Any) -> Any:
    if isinstance(key, tuple) and key and isinstance(key[0], tuple):
        return dict(key)
    if isinstance(key, tuple):
        return list(key)
    return key


def _turns_to_json(item: Item, reveal: bool) -> list[dict[str, Any]]:
    """The turns whole (practice, hidden tests), or sealed (a graded conversation's release)."""
    if reveal:
        return [_turn_to_json(t) for t in item.turns]
    tokens = {t.id: turn_token(item.id, t.id) for t in item.turns}
    sealed = [{"id": tokens[t.id], "sealed": seal(item.id, tokens[t.id], {
        "peer_says": t.peer_says,
        "replies": [{"id": r.id, "text": r.text, "next": tokens.get(r.next, END)}
                    for r in sorted(t.replies, key=lambda r: r.id)],
    })} for t in item.turns]
    return sealed[:1] + sorted(sealed[1:], key=lambda t: t["id"])  # content order says nothing


def _turn_to_json(turn: Turn) -> dict[str, Any]:
    return {
        "id": turn.id, "peer_says": turn.peer_says, "mood": turn.mood,
        "replies": [{"id": r.id, "text": r.text, "next": r.next, "quality": r.quality,
                     "explanation": r.explanation, "roadblock": r.roadblock}
                    for r in turn.replies],
    }


def _turn_from_json(item_id: str, data: dict[str, Any]) -> Turn:
    if "sealed" in data:
        opened = unseal(item_id, data["id"], data["sealed"])
        data = {"id": data["id"], "mood": "", **opened}
    return Turn(data["id"], data["peer_says"], data["mood"], tuple(
        Reply(r["id"], r["text"], r.get("quality"), r.get("explanation", ""), r["next"],
              r.get("roadblock", "")) for r in data["replies"]))
