"""Surface cues in the content: how often the shape of the options points at the key.

Display order is shuffled per learner (course_utils.core.display_order), so what is left to check here
is the text itself: length, question marks, directive words, the size of select-all keys and
the shape of conversation replies. Each figure has a bound; `cpsw check` fails when one is crossed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from course_utils.items.model import Item, Module

DIRECTIVE = re.compile(
    r"\b(should|must|always|never|just|need to|needs to|have to|has to|got to|promise|"
    r"don't worry|everyone|everybody|definitely)\b", re.IGNORECASE)
# A cue may point at the key in at most this share of items (four options: chance is 25%).
SHARE_BOUND = 0.35
# Rank and select-all have 12 items each: 6 of 12 sharing a pattern is what 4 equal shares give
# by chance about one time in ten, so the bound is looser there.
SMALL_SET_BOUND = 0.5
LONE_QUESTION_BOUND = 0.25
TURN_BOUND = 0.45
DIRECTIVE_RATIO_BOUND = 0.5
# With fewer items than this a share says little; the figure is printed but not enforced.
MIN_ITEMS = 8


@dataclass(frozen=True)
class Figure:
    """One cue statistic over a set of items, with its bound and the items that show the cue."""

    scope: str
    name: str
    value: float
    bound: float
    count: int
    items: tuple[str, ...] = ()
    at_least: bool = False

    @property
    def enforced(self) -> bool:
        """Whether enough items back the figure for its bound to apply."""
        return self.count >= MIN_ITEMS

    @property
    def ok(self) -> bool:
        """Whether the figure is within its bound (always, when too few items back it)."""
        if not self.enforced:
            return True
        return self.value >= self.bound if self.at_least else self.value <= self.bound

    def __str__(self) -> str:
        sign = ">=" if self.at_least else "<="
        mark = "ok" if self.ok else "TOO HIGH" if not self.at_least else "TOO LOW"
        if not self.enforced:
            mark = f"not enforced: fewer than {MIN_ITEMS}"
        return (f"{self.scope}: {self.name}: {self.value:.0%} of {self.count} "
                f"(bound {sign} {self.bound:.0%}; {mark})")


def length_rank(texts: Sequence[str], index: int) -> int:
    """1 for the longest text, 2 for the next, ...; ties share the better rank."""
    return 1 + sum(1 for t in texts if len(t) > len(texts[index]))


def is_question(text: str) -> bool:
    """Whether an option asks something (has a question mark)."""
    return "?" in text


def has_directive(text: str) -> bool:
    """Whether an option uses a directive or absolute word (should, never, just, ...)."""
    return bool(DIRECTIVE.search(text))


def _top_share(values: Counter, count: int) -> float:
    return max(values.values()) / count if count else 0.0


def best_response_figures(items: Sequence[Item], scope: str) -> list[Figure]:
    """Key position, key length rank, lone question and directive words of best-response items."""
    items = [i for i in items if i.kind == "best_response"]
    n = len(items)
    ranks: Counter[int] = Counter()
    positions: Counter[int] = Counter()
    lone: list[str] = []
    key_dir = other_dir = others = 0
    for item in items:
        texts = [o.text for o in item.options]
        k = [o.id for o in item.options].index(item.key)
        ranks[length_rank(texts, k)] += 1
        positions[k] += 1
        asks = [i for i, t in enumerate(texts) if is_question(t)]
        if asks == [k]:
            lone.append(item.id)
        key_dir += has_directive(texts[k])
        other_dir += sum(has_directive(t) for i, t in enumerate(texts) if i != k)
        others += len(texts) - 1
    top_rank = max(ranks, key=lambda r: ranks[r]) if ranks else 1
    ratio = (key_dir / n) / (other_dir / others) if n and other_dir else 1.0
    return [
        Figure(scope, "best response: key in its most common position", _top_share(positions, n),
               SHARE_BOUND, n),
        Figure(scope, f"best response: key at its most common length rank ({top_rank})",
               _top_share(ranks, n), SHARE_BOUND, n,
               tuple(i.id for i in items if length_rank([o.text for o in i.options],
                                                       [o.id for o in i.options].index(i.key)) == top_rank)),
        Figure(scope, "best response: key is the only option with '?'", len(lone) / n if n else 0.0,
               LONE_QUESTION_BOUND, n, tuple(lone)),
        Figure(scope, "best response: keys with a directive word, relative to distractors",
               ratio, DIRECTIVE_RATIO_BOUND, n, at_least=True),
    ]


def select_all_figures(items: Sequence[Item], scope: str) -> list[Figure]:
    """How often select-all keys share one size."""
    items = [i for i in items if i.kind == "select_all"]
    sizes = Counter(len(i.key) for i in items)
    top = max(sizes, key=lambda s: sizes[s]) if sizes else 0
    return [Figure(scope, f"select all: keys of the most common size ({top})",
                   _top_share(sizes, len(items)), SMALL_SET_BOUND, len(items),
                   tuple(i.id for i in items if len(i.key) == top))]


def rank_figures(items: Sequence[Item], scope: str) -> list[Figure]:
    """How often the top-ranked reply has the same length rank."""
    items = [i for i in items if i.kind == "rank"]
    ranks: Counter[int] = Counter()
    longest = []
    for item in items:
        texts = [o.text for o in item.options]
        r = length_rank(texts, [o.id for o in item.options].index(item.key[0]))
        ranks[r] += 1
        if r == 1:
            longest.append(item.id)
    return [Figure(scope, "rank: top reply at its most common length rank",
                   _top_share(ranks, len(items)), SMALL_SET_BOUND, len(items), tuple(longest))]


def turn_figures(items: Sequence[Item], scope: str) -> list[Figure]:
    """Conversation turns: best reply longest, best reply first, turns with only two replies."""
    turns = [(i, t) for i in items if i.kind == "branching" for t in i.turns]
    n = len(turns)
    longest, first, two, lone = [], [], [], []
    for item, turn in turns:
        texts = [r.text for r in turn.replies]
        best = max(range(len(texts)), key=lambda k: turn.replies[k].quality)
        where = f"{item.id}/{turn.id}"
        if length_rank(texts, best) == 1:
            longest.append(where)
        if best == 0:
            first.append(where)
        if len(texts) < 3:
            two.append(where)
        if [k for k, t in enumerate(texts) if is_question(t)] == [best]:
            lone.append(where)

    def share(xs: list[str]) -> float:
        return len(xs) / n if n else 0.0

    return [
        Figure(scope, "conversation turns: best reply is the longest", share(longest), TURN_BOUND, n,
               tuple(longest)),
        Figure(scope, "conversation turns: best reply is listed first", share(first), TURN_BOUND, n,
               tuple(first)),
        Figure(scope, "conversation turns: best reply is the only question", share(lone), TURN_BOUND,
               n, tuple(lone)),
        Figure(scope, "conversation turns with fewer than 3 replies", share(two), 0.0, n, tuple(two)),
    ]


def audit_items(items: Sequence[Item], scope: str) -> list[Figure]:
    """Every cue figure of a set of items."""
    return [*best_response_figures(items, scope), *select_all_figures(items, scope),
            *rank_figures(items, scope), *turn_figures(items, scope)]


def audit_course(modules: Iterable[Module]) -> list[Figure]:
    """Cue figures over the whole course and, separately, over every module with enough items."""
    modules = list(modules)
    figures = audit_items([i for m in modules for i in m.items], "all modules")
    for module in modules:
        figures += [f for f in audit_items(module.items, module.assignment) if f.enforced]
    return [f for f in figures if f.count]


def audit_modules(modules: Iterable[Module]) -> list[Figure]:
    """Cue figures of each module on its own, enforced or not (`cpsw cues` on named assignments)."""
    return [f for m in modules for f in audit_items(m.items, m.assignment) if f.count]
