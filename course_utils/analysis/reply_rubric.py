"""The automatic rubric for written replies, and how its findings are shown."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape

from course_utils.analysis.reply_analysis import ReplyAnalysis, analyze_reply
from course_utils.analysis.reply_patterns import FEELING_RX
from course_utils.core.vocab import AUTO_CRITERIA, DEFAULT_AUTO_RUBRIC

# Words too common to show that a reply took in this person's words.
COMMON = frozenset("""
about after again also always because been being could didn does doing done down even ever
every feel feels feeling felt from going gonna have having here just know like little lot make
much need never only other really right said same some something sound sounds still such sure
take than that thats their them then there these they thing things think this those though time
today very want wanted well were what when where which while with would your youre yours
hard tough difficult heavy okay fine good bad mean talk tell telling hear hearing
went came come comes goes gets getting seem seems kind kinda stuff maybe yeah
anything anyone everything nothing someone
""".split())
SUICIDE_WORDS = re.compile(
    r"\b(suicid\w*|kill(ing)? yourself|end(ing)? your (own )?life|tak(e|ing) your (own )?life)\b",
    re.IGNORECASE)


def _stems(text: str) -> set[str]:
    """Crude stems of the content words of a text (first five letters of words of 4+ letters)."""
    words = re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))
    return {w.replace("'", "")[:5] for w in words if len(w) >= 4 and w.replace("'", "") not in COMMON}


def picked_up(reply: str, *sources: str) -> list[str]:
    """The words of a reply that pick up something from these texts (the peer's words, the scene)."""
    heard = set().union(*map(_stems, sources)) if sources else set()
    return [w for w in re.findall(r"[A-Za-z'\u2019]+", reply) if _stems(w) & heard]


def asks_about_suicide(reply: str) -> bool:
    """Whether a sentence of the reply asks, in plain words, about suicide."""
    return any("?" in s and SUICIDE_WORDS.search(s) for s in re.split(r"(?<=[.!?])\s+", reply))


def _reflects(a: ReplyAnalysis, specific: bool) -> bool:
    return specific and (a.reflection != "none" or a.has("validation"))


def _invites_more(a: ReplyAnalysis, specific: bool) -> bool:
    return a.has("open_question") or a.reflection == "complex"


def _no_roadblock(a: ReplyAnalysis, specific: bool) -> bool:
    return specific and not a.roadblocks


def _asks_about_suicide(a: ReplyAnalysis, specific: bool) -> bool:
    return a.has("asks_about_suicide") or asks_about_suicide(a.reply)


def _reflects_feeling(a: ReplyAnalysis, specific: bool) -> bool:
    return a.reflection != "none" and bool(FEELING_RX.search(a.reply.lower()))


def _validates(a: ReplyAnalysis, specific: bool) -> bool:
    return a.has("validation")


def _stays_on_topic(a: ReplyAnalysis, specific: bool) -> bool:
    return specific and not a.has("distracting")


# One check per criterion of vocab.AUTO_CRITERIA: (analysis, picked up this peer's words) -> met.
CHECKS: dict[str, Callable[[ReplyAnalysis, bool], bool]] = {
    "reflects": _reflects, "invites_more": _invites_more, "no_roadblock": _no_roadblock,
    "asks_about_suicide": _asks_about_suicide, "reflects_feeling": _reflects_feeling,
    "validates": _validates, "stays_on_topic": _stays_on_topic,
}


def criteria_for(weights: Sequence[tuple[str, float]] | None = None
                 ) -> tuple[tuple[str, float], ...]:
    """An item's (criterion sentence, share) pairs: its own rubric, or the course's default."""
    return tuple((AUTO_CRITERIA[name], share) for name, share in (weights or DEFAULT_AUTO_RUBRIC))


def rubric_fraction(analysis: ReplyAnalysis, context: Sequence[str] = (),
                    weights: Sequence[tuple[str, float]] | None = None
                    ) -> tuple[float, list[tuple[str, bool]]]:
    """The share of points a reply earns, and which criteria it met.

    context: what the reply should pick up (the peer's words, the situation); with none given,
    any reflection or validation counts. weights: the item's auto_rubric (None: the default).
    """
    pairs = tuple(weights or DEFAULT_AUTO_RUBRIC)
    if analysis.message:  # empty reply
        return 0.0, [(AUTO_CRITERIA[name], False) for name, _ in pairs]
    specific = not context or bool(picked_up(analysis.reply, *context))
    met = [(name, share, CHECKS[name](analysis, specific)) for name, share in pairs]
    fraction = sum(share for _, share, ok in met if ok)
    return float(round(fraction, 2)), [(AUTO_CRITERIA[name], ok) for name, _, ok in met]


def score_reply(reply: str | None, peer_said: str | None, context: str = "",
                weights: Sequence[tuple[str, float]] | None = None) -> tuple[float, str]:
    """The rubric fraction of a reply and a one-line note listing the criteria met."""
    heard = tuple(t for t in (peer_said or "", context) if t)
    fraction, met = rubric_fraction(analyze_reply(reply, peer_said), heard, weights)
    shares = [share for _, share in (weights or DEFAULT_AUTO_RUBRIC)]
    note = "; ".join(f"{'met' if ok else 'not yet'} ({share:.0%}): {name}"
                     for (name, ok), share in zip(met, shares, strict=True))
    return fraction, f"Automatic rubric (a grader may change it): {note}."


def analysis_html(analysis: ReplyAnalysis) -> str:
    """The reply with the triggering words marked, each finding explained, and a suggestion."""
    if analysis.message:
        return f'<p class="cps-analysis">{escape(analysis.message)}</p>'
    marks = sorted(analysis.findings, key=lambda f: (f.start, -(f.end - f.start)))
    pieces, cursor = [], 0
    for f in marks:
        if f.start < cursor:
            continue  # nested or overlapping spans: the outer one is already marked
        pieces.append(escape(analysis.reply[cursor:f.start]))
        tag = "roadblock" if f.is_roadblock else "skill"
        pieces.append(f'<mark class="cps-{tag}" title="{escape(_title(f.label))}">'
                      f"{escape(analysis.reply[f.start:f.end])}</mark>"
                      f"<sup>[{escape(_title(f.label))}]</sup>")
        cursor = f.end
    pieces.append(escape(analysis.reply[cursor:]))
    rows = "".join(f"<li><strong>{escape(_title(f.label))}</strong> "
                   f"(&ldquo;{escape(f.text)}&rdquo;): {escape(f.message)}</li>" for f in marks)
    verdict = {"supportive": "Supportive", "mixed": "Mixed: supportive parts and a roadblock",
               "roadblock": "A roadblock"}[analysis.verdict]
    reflection = {"none": "no reflection", "simple": "a simple reflection",
                  "complex": "a complex reflection"}[analysis.reflection]
    listed = f"<ul>{rows}</ul>" if rows else ""
    return (f'<div class="cps-analysis"><p><strong>What we noticed:</strong> {verdict}; '
            f"{reflection}.</p><p>{''.join(pieces)}</p>{listed}"
            f"<p><strong>Try:</strong> {escape(analysis.suggestion)}</p></div>")


def _title(label: str) -> str:
    return label.replace("_", " ").capitalize()
