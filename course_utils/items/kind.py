"""What an item kind is, and the one registry of kinds every stage looks a kind up in.

A kind is one module in `course_utils/items/kinds/` with one `ItemKind` subclass decorated with
`@register`: its content fields and their checks, how an answer is scored, shown in plain words
and in feedback, the widget a learner answers with, a simulated learner's answer, a test-wise
guess, and what item analysis needs. The other stages never branch on a kind's name.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

if TYPE_CHECKING:
    from course_utils.core.display_order import DisplayOrder
    from course_utils.core.storage import AnswerStore
    from course_utils.items.model import Item
    from course_utils.items.widgets.base import ItemView

Bad = Callable[[str, str], None]
# The content fields that belong to some kinds only; an item may give only its own kind's.
KIND_FIELDS: tuple[str, ...] = ("options", "labels", "key", "turns", "debrief", "auto_rubric", "roleplay")
FIELD_WORDS = {"auto_rubric": "an automatic rubric", "debrief": "a debrief",
               "roleplay": "a persona and states (roleplay)"}


class Guesser(Protocol):
    """A test-wise learner: answers from the look of the options, never from the scenario."""

    @property
    def reply(self) -> str:
        """The one reply it writes to every written item."""
        ...

    def rank(self, item: Item, ids: Sequence[str], texts: Sequence[str]) -> list[str]:
        """The shown option ids, the one it likes best first."""
        ...

    def picks(self, item: Item, ids: Sequence[str], texts: Sequence[str]) -> list[str]:
        """The shown option ids it ticks when asked to select all that apply."""
        ...

    def label(self, item: Item, text: str) -> str:
        """The label it gives a statement."""
        ...


class ItemKind:
    """One item kind: subclasses say what their kind does; the defaults suit no kind in full."""

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""  # the exercise's heading in the notebook
    answer_title: ClassVar[str] = "Your answer"  # how formgrader and feedback title the answer
    fields: ClassVar[frozenset[str]] = frozenset()  # which of KIND_FIELDS the kind takes
    scored: ClassVar[bool] = True  # a hidden test scores a graded item from the saved answer
    practice_scored: ClassVar[bool] = True  # a practice answer counts in the learner's progress
    own_words: ClassVar[bool] = False  # the answer is the learner's own writing

    # content
    def refusal(self, field_name: str) -> str:
        """What to tell an author who gave this kind another kind's field."""
        having = [k.name for k in kinds().values() if field_name in k.fields]
        what = FIELD_WORDS.get(field_name, field_name)
        return f"only {', '.join(having) or 'no'} items have {what}; remove it"

    def parse(self, raw: dict[str, Any], mode: str, rubric: tuple[str, ...], bad: Bad) -> dict[str, Any]:
        """The kind's own fields of one item (options, key, turns ...); each problem goes to bad."""
        raise NotImplementedError

    # scoring
    def well_formed(self, answer: Any) -> bool:
        """Whether a saved answer has the shape this kind's widget saves."""
        raise NotImplementedError

    def fraction(self, item: Item, answer: Any) -> tuple[float, str]:
        """The share of the points a well-formed (or missing) answer earns, and why."""
        raise NotImplementedError

    def blank(self, answer: Any) -> bool:
        """Whether a well-formed answer holds nothing the learner gave (exports leave it out)."""
        return answer in (None, "", [], {}) or (isinstance(answer, str) and not answer.strip())

    # plain rendering, for formgrader, feedback and the learner's copy of the answer
    def answer_text(self, item: Item, answer: Any, display: DisplayOrder) -> str:
        """A well-formed answer in plain words, in the order and letters this learner saw."""
        return str(answer)

    def feedback_html(self, item: Item, answer: Any, display: DisplayOrder) -> str:
        """What helps and what hurts in this answer (None: not answered), as HTML."""
        raise NotImplementedError

    def feedback_lines(self, item: Item, answer: Any, display: DisplayOrder) -> list[str]:
        """The same feedback as plain-text lines."""
        raise NotImplementedError

    # the learner's widget
    def view(self, item: Item, store: AnswerStore) -> ItemView:
        """The widget a learner answers this item with, restored from the store."""
        raise NotImplementedError

    # simulated and test-wise learners
    def simulate(self, item: Item, p: float, rng: random.Random) -> Any:
        """A simulated learner's answer in the saved shape, right with probability p."""
        raise NotImplementedError

    def guess(self, item: Item, display: DisplayOrder, guesser: Guesser) -> Any:
        """A test-wise learner's answer to the learner's copy of the item, in the saved shape."""
        raise NotImplementedError

    # item analysis
    def keyed_option(self, item: Item) -> str | None:
        """The one option the key names, when the key is one option (item analysis counts choices)."""
        return None


_KINDS: dict[str, ItemKind] = {}
BUILT_IN = "course_utils.items.kinds"


def register(cls: type[ItemKind]) -> type[ItemKind]:
    """Class decorator: make a kind known to every stage under its name."""
    if not cls.__module__.startswith(BUILT_IN):
        import_module(BUILT_IN)  # the built-in kinds come first, whoever registers first
    if not cls.name or cls.name in _KINDS and type(_KINDS[cls.name]) is not cls:
        raise ValueError(f"an item kind needs a name of its own (got {cls.name!r})")
    _KINDS[cls.name] = cls()
    return cls


def kinds() -> dict[str, ItemKind]:
    """Every registered kind by name, the built-in ones first, in the order they are taught."""
    import_module(BUILT_IN)
    return dict(_KINDS)


def kind_of(item_or_name: Item | str) -> ItemKind:
    """The kind of an item (or the kind of this name); KeyError names an unknown kind."""
    name = item_or_name if isinstance(item_or_name, str) else item_or_name.kind
    if name not in _KINDS:
        import_module(BUILT_IN)
    try:
        return _KINDS[name]
    except KeyError:
        raise KeyError(f"unknown item kind {name!r}; known: {', '.join(_KINDS)}") from None


def unregister(name: str) -> None:
    """Forget a kind (a test's toy kind, once the test is over)."""
    _KINDS.pop(name, None)


def text_list(raw: dict[str, Any], field_name: str, message: str, bad: Bad) -> tuple[str, ...]:
    """A field that must be a list of texts (absent or empty: none)."""
    value = raw.get(field_name) or []
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        bad(field_name, message)
        return ()
    return tuple(value)
