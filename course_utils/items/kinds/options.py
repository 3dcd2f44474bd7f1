"""What the kinds with options share: parsing the options, their letters and the feedback list."""

from __future__ import annotations

import re
from html import escape, unescape
from typing import TYPE_CHECKING, Any, ClassVar

from course_utils.core.vocab import ROADBLOCKS
from course_utils.items.kind import Bad, ItemKind
from course_utils.items.model import Item, Option

if TYPE_CHECKING:
    from course_utils.core.display_order import DisplayOrder


class OptionKind(ItemKind):
    """A kind whose learner works with the item's options: choose, tick, rank or label them."""

    option_counts: ClassVar[tuple[int, int]] = (3, 5)

    def parse(self, raw: dict[str, Any], mode: str, rubric: tuple[str, ...], bad: Bad) -> dict[str, Any]:
        """The options, then the key checked against them."""
        options = parse_options(raw.get("options"), self.name, self.option_counts, bad)
        fields = self.parse_more(raw, bad)
        key = raw.get("key")
        if key is None:
            bad("key", "missing: auto-graded items need the right answer")
        else:
            key = self.check_key(key, [o.id for o in options], fields, bad)
        return {"options": options, "key": key, **fields}

    def parse_more(self, raw: dict[str, Any], bad: Bad) -> dict[str, Any]:
        """Fields besides options and key (a classify item's labels)."""
        return {}

    def check_key(self, key: Any, ids: list[str], fields: dict[str, Any], bad: Bad) -> Any:
        """The key in its stored form, each problem to `bad`."""
        raise NotImplementedError

    def feedback_html(self, item: Item, answer: Any, display: DisplayOrder) -> str:
        """Why each option helps or hurts, in this learner's order, after any note on the answer."""
        letters = display.letters([o.id for o in item.options], item.id)
        rows = "".join(f"<li>{self.option_feedback(item, answer, oid, letters)}</li>"
                       for oid in shown_ids(item, display))
        return f"{self.feedback_head(item, answer, letters)}<ul>{rows}</ul>"

    def feedback_lines(self, item: Item, answer: Any, display: DisplayOrder) -> list[str]:
        """One line per option, in this learner's order."""
        letters = display.letters([o.id for o in item.options], item.id)
        return [f"- {strip_tags(self.option_feedback(item, answer, oid, letters))}"
                for oid in shown_ids(item, display)]

    def feedback_head(self, item: Item, answer: Any, letters: dict[str, str]) -> str:
        """HTML shown above the options' list (the best order, a note on an empty answer)."""
        return ""

    def option_feedback(self, item: Item, answer: Any, option_id: str, letters: dict[str, str]) -> str:
        """One option's verdict, the learner's use of it and its explanation, as HTML."""
        raise NotImplementedError


def parse_options(raw: Any, kind: str, counts: tuple[int, int], bad: Bad) -> tuple[Option, ...]:
    """An item's options: between counts[0] and counts[1], each with id, text and explanation."""
    low, high = counts
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


def shown_ids(item: Item, display: DisplayOrder) -> list[str]:
    """The item's option ids in the order this learner saw them."""
    return display.order([o.id for o in item.options], item.id)


def option_text(item: Item, option_id: str) -> str:
    """An option's text; an id the item does not have is named as unknown."""
    try:
        return item.option(option_id).text
    except KeyError:
        return f"(unknown option {option_id})"


def described(item: Item, option_id: str, verdict: str) -> str:
    """An option's verdict in bold, then its text and explanation."""
    option = item.option(option_id)
    return f"<strong>{verdict}</strong> {escape(option.text)} <em>{escape(option.explanation)}</em>"


def strip_tags(html: str) -> str:
    """HTML as plain text."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def html_lines(html: str) -> list[str]:
    """HTML as plain-text lines: one per paragraph, line break or list entry (marked "- ")."""
    text = strip_tags(re.sub(r"<br>|</?(?:p|ul|ol|div)(?: [^>]*)?>", "\n", html.replace("<li>", "\n- ")))
    return [line.strip() for line in text.split("\n") if line.strip()]
