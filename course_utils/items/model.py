"""The content model: modules, items and options as frozen data, and content problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from course_utils.items.roleplay import RolePlay


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content file, located by file, line (1-based, if known), item and field."""

    file: str
    item: str
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        at = f"{self.file}:{self.line}" if self.line is not None else self.file
        where = f"item '{self.item}', " if self.item else ""
        return f"{at}: {where}field '{self.field}': {self.message}"


class ContentError(ValueError):
    """Raised when content files are invalid; lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the course content:\n{lines}")


@dataclass(frozen=True)
class Option:
    """A reply, cue or statement the learner chooses among, with its explanation."""

    id: str
    text: str
    explanation: str
    roadblock: str = ""


@dataclass(frozen=True)
class Reply:
    """One reply the learner may give at a turn of a branching conversation."""

    id: str
    text: str
    quality: int
    explanation: str
    next: str
    roadblock: str = ""


@dataclass(frozen=True)
class Turn:
    """One turn of a branching conversation: what the peer says, how they are, the replies."""

    id: str
    peer_says: str
    mood: str
    replies: tuple[Reply, ...]

    def reply(self, reply_id: str) -> Reply:
        """The reply with this id."""
        return _find(self.replies, reply_id, f"reply in turn {self.id!r}")


@dataclass(frozen=True)
class Scenario:
    """The situation, what the peer says, what can be seen or heard, and who and where it is.

    person, setting, age and identities describe the scenario (core.vocab names their values);
    they never change a score.
    """

    situation: str
    peer_says: str = ""
    cues: tuple[str, ...] = ()
    person: str = ""
    setting: str = ""
    age: str = ""
    identities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One exercise: a scenario, a prompt, options and (for auto-graded kinds) a key."""

    id: str
    kind: str
    mode: str
    prompt: str
    scenario: Scenario
    competencies: tuple[int, ...]
    points: float = 0.0
    options: tuple[Option, ...] = ()
    labels: tuple[str, ...] = ()
    key: Any = None
    rubric: tuple[str, ...] = ()
    example: str = ""
    lesson: tuple[str, ...] = ()
    turns: tuple[Turn, ...] = ()
    debrief: str = ""
    auto_rubric: tuple[tuple[str, float], ...] = ()  # empty: the course's default
    roleplay: RolePlay | None = None

    @property
    def graded(self) -> bool:
        """Whether nbgrader scores this item."""
        return self.mode == "graded"

    @property
    def auto_graded(self) -> bool:
        """Whether a hidden test scores this item from the saved answer."""
        from course_utils.items.kind import kind_of

        return self.graded and kind_of(self.kind).scored

    @property
    def hand_graded(self) -> bool:
        """Whether only a grader scores this item (written replies get an automatic rubric)."""
        from course_utils.items.kind import kind_of

        return self.graded and not kind_of(self.kind).scored

    def option(self, option_id: str) -> Option:
        """The option with this id."""
        return _find(self.options, option_id, f"option in item {self.id!r}")

    def turn(self, turn_id: str) -> Turn:
        """The conversation turn with this id."""
        return _find(self.turns, turn_id, f"turn in item {self.id!r}")


@dataclass(frozen=True)
class Module:
    """A module: its nbgrader assignment name, title, reading, items and triad practice guide."""

    assignment: str
    number: int
    title: str
    reading: str
    items: tuple[Item, ...] = field(default=())
    triad: str = ""  # the guide to a live role-play in threes ("": the module has none)

    def item(self, item_id: str) -> Item:
        """The item with this id."""
        return _find(self.items, item_id, f"item in module {self.assignment!r}")


def _find(things: tuple[Any, ...], wanted: str, what: str) -> Any:
    """The first of things with this id; KeyError naming the id and where it was looked for."""
    for thing in things:
        if thing.id == wanted:
            return thing
    raise KeyError(f"no {what} has the id {wanted!r}")
