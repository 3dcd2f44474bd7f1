"""Who the scenarios are about and where: counts of their tags, the course's bar, shared names.

The tags (`scenario:` person, setting, age, identities) only describe; they never change a score.
`cpsw check` prints these counts and fails when a first name belongs to more than one item's
person, or when a part of the bar has fewer than MIN_SCENARIOS scenarios (in a course of at
least MIN_ITEMS items: a smaller one cannot hold the whole bar, so it is printed, not enforced).
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from course_utils.core.vocab import AGE_BANDS, IDENTITIES, SETTINGS
from course_utils.items.model import Item, Module, Scenario

MIN_SCENARIOS = 3
# Below this many items a course is too small to hold the whole bar: printed, not enforced.
MIN_ITEMS = 40


@dataclass(frozen=True)
class Need:
    """A part of the bar: a scenario meets it with one of these settings, identities or age bands."""

    name: str
    settings: tuple[str, ...] = ()
    identities: tuple[str, ...] = ()
    ages: tuple[str, ...] = ()

    def met_by(self, scenario: Scenario) -> bool:
        """Whether this scenario's tags show what the need asks for."""
        return (scenario.setting in self.settings or scenario.age in self.ages
                or any(i in self.identities for i in scenario.identities))


# Who and where the course must show (issue 18 and the content review, section 3).
BAR: tuple[Need, ...] = (
    Need("an LGBTQ+ person", identities=("lgbtq",)),
    Need("a rural setting", identities=("rural",)),
    Need("re-entry after jail or prison", identities=("reentry",), settings=("reentry_program",)),
    Need("an older adult (60+)", ages=("older_adult",)),
    Need("autism or other neurodivergence", identities=("neurodivergent",)),
    Need("a physical disability", identities=("physical_disability",)),
    Need("distress inside a group", settings=("group",)),
    Need("an emergency department or street outreach",
         settings=("emergency_department", "street_outreach")),
)


@dataclass(frozen=True)
class NeedCount:
    """The items whose scenarios meet one need of the bar."""

    need: Need
    items: tuple[str, ...]
    enforced: bool = True

    @property
    def ok(self) -> bool:
        """Whether enough scenarios meet the need."""
        return len(self.items) >= MIN_SCENARIOS

    def __str__(self) -> str:
        short = MIN_SCENARIOS - len(self.items)
        mark = "ok" if self.ok else f"SHORT by {short}" if self.enforced else f"short by {short}"
        listed = f" ({', '.join(self.items)})" if self.items else ""
        return f"{self.need.name}: {len(self.items)}{listed}; {mark}"


@dataclass(frozen=True)
class SharedName:
    """A first name given to the person of more than one item."""

    name: str
    items: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.name} is the person of {len(self.items)} items: {', '.join(self.items)}"


@dataclass(frozen=True)
class Coverage:
    """The tag counts of a course's scenarios, its bar and its shared names."""

    items: int
    settings: dict[str, int]
    ages: dict[str, int]
    identities: dict[str, int]
    needs: tuple[NeedCount, ...]
    shared: tuple[SharedName, ...]

    @property
    def enforced(self) -> bool:
        """Whether the course is big enough for the bar to apply."""
        return self.items >= MIN_ITEMS

    @property
    def short(self) -> tuple[NeedCount, ...]:
        """The needs with too few scenarios (none when the bar is not enforced)."""
        return tuple(n for n in self.needs if n.enforced and not n.ok)

    @property
    def ok(self) -> bool:
        """Whether every name belongs to one item and the bar is met (or not enforced)."""
        return not self.shared and not self.short


def name_key(name: str) -> str:
    """A first name as compared: case and accents ignored, so Tomás and Tomas are one name."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def shared_names(items: Iterable[Item]) -> tuple[SharedName, ...]:
    """Every first name that is the person of two or more items, with those items."""
    by_name: dict[str, list[Item]] = {}
    for item in items:
        if item.scenario.person:
            by_name.setdefault(name_key(item.scenario.person), []).append(item)
    return tuple(SharedName(found[0].scenario.person, tuple(i.id for i in found))
                 for found in by_name.values() if len(found) > 1)


def _counts(values: Iterable[str], vocabulary: Iterable[str]) -> dict[str, int]:
    """How often each value of a vocabulary occurs, in the vocabulary's order, zeros included."""
    counted = Counter(values)
    return {name: counted[name] for name in vocabulary}


def coverage(modules: Iterable[Module]) -> Coverage:
    """The tag counts, the bar and the shared names over every item of these modules."""
    items = [item for module in modules for item in module.items]
    scenarios = [item.scenario for item in items]
    enforced = len(items) >= MIN_ITEMS
    return Coverage(
        items=len(items),
        settings=_counts((s.setting for s in scenarios), SETTINGS),
        ages=_counts((s.age or "unknown" for s in scenarios), AGE_BANDS),
        identities=_counts((i for s in scenarios for i in s.identities), IDENTITIES),
        needs=tuple(NeedCount(need, tuple(i.id for i in items if need.met_by(i.scenario)), enforced)
                    for need in BAR),
        shared=shared_names(items),
    )


def _row(title: str, counts: dict[str, int], width: int) -> list[str]:
    """One vocabulary's counts as wrapped lines under a title."""
    text = f"{title}: " + ", ".join(f"{name} {n}" for name, n in counts.items())
    return textwrap.wrap(text, width, initial_indent="  ", subsequent_indent="      ",
                         break_on_hyphens=False)


def report_lines(found: Coverage, width: int = 100) -> list[str]:
    """The coverage as `cpsw check` prints it: the counts, each need of the bar, shared names."""
    untagged = found.items - sum(found.settings.values())
    lines = [*_row(f"settings ({untagged} items give none)", found.settings, width),
             *_row("age bands (unknown: not said)", found.ages, width),
             *_row("identities", found.identities, width)]
    rule = "" if found.enforced else f"; not enforced: fewer than {MIN_ITEMS} items"
    lines.append(f"  The bar, at least {MIN_SCENARIOS} scenarios each{rule}:")
    for need in found.needs:
        lines += textwrap.wrap(str(need), width, initial_indent="    ", subsequent_indent="        ",
                               break_on_hyphens=False)
    if found.shared:
        lines.append("  First names used for more than one item's person (give each a name of their own):")
        lines += [f"    {s}" for s in found.shared]
    else:
        lines.append("  First names: each person's name belongs to one item; ok")
    return lines
