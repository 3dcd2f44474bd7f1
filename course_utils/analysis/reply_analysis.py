"""Explainable feedback on a learner's written reply: listening skills and roadblocks found.

Careful rules, no model: every finding points to the words of the reply that triggered it.
Fully offline; imports only the standard library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from course_utils.analysis.reply_patterns import (
    COMPLEX_MARKERS,
    FEELING_RX,
    IMPERATIVE,
    INTENSITY,
    LISTENING,
    NOT_REFLECTION_START,
    OPEN_QUESTION,
    QUESTION_START,
    ROADBLOCKS,
    SUGGESTIONS,
    SUICIDE_QUESTION,
    WHY_PROBE,
)
from course_utils.analysis.reply_questions import question_role
from course_utils.analysis.reply_reflection import content_stems, reflects
from course_utils.core.vocab import MAX_REPLY_CHARS
from course_utils.core.vocab import ROADBLOCKS as ROADBLOCK_NAMES

SKILL_LABELS = ("reflection", "open_question", "closed_question", "validation", "affirmation",
                "advice", "asks_about_suicide")
EMPTY_MESSAGE = "Write a reply first: there is nothing to look at yet."
COMPLEX_NOTE = "A complex reflection adds meaning: it names what sits under the words."
SIMPLE_NOTE = "A reflection gives back what you heard, so they feel heard."


@dataclass(frozen=True)
class Finding:
    """One behaviour found in the reply, with the words that triggered it and why it matters."""

    label: str
    start: int
    end: int
    text: str
    message: str

    @property
    def is_roadblock(self) -> bool:
        """Whether this finding is one of Gordon's roadblocks."""
        return self.label in ROADBLOCK_NAMES


@dataclass(frozen=True)
class ReplyAnalysis:
    """Everything found in one reply, an overall verdict and one thing to try next."""

    reply: str
    findings: tuple[Finding, ...] = ()
    reflection: str = "none"
    verdict: str = "supportive"
    suggestion: str = ""
    message: str = ""
    labels: frozenset[str] = field(default_factory=frozenset)
    asks: bool = False

    @property
    def roadblocks(self) -> tuple[str, ...]:
        """The names of the roadblocks found, in order of appearance, without repeats."""
        return tuple(dict.fromkeys(f.label for f in self.findings if f.is_roadblock))

    @property
    def open_questions(self) -> tuple[str, ...]:
        """The open questions asked, as written."""
        return tuple(f.text for f in self.findings if f.label == "open_question")

    @property
    def closed_questions(self) -> tuple[str, ...]:
        """The closed (yes-or-no, short-fact) questions asked, as written."""
        return tuple(f.text for f in self.findings if f.label == "closed_question")

    @property
    def validation(self) -> bool:
        """Whether the reply says the feeling makes sense."""
        return "validation" in self.labels

    @property
    def affirmation(self) -> bool:
        """Whether the reply recognises the person's strengths or effort."""
        return "affirmation" in self.labels

    @property
    def advice(self) -> bool:
        """Whether the reply gives advice, instructions or unasked-for information."""
        return "advice" in self.labels

    def has(self, label: str) -> bool:
        """Whether a behaviour (or roadblock name) was found."""
        return label in self.labels


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str  # normalised (lowercase, straight quotes), same length as the original span
    question: bool


_STRAIGHT = {ord("\u2019"): "'", ord("\u2018"): "'", ord("\u201c"): '"', ord("\u201d"): '"',
             ord("`"): "'"}


def normalise(text: str) -> str:
    """Lowercase with straight apostrophes and quotes; same length as the input."""
    return text.lower().translate(_STRAIGHT)


def split_sentences(reply: str) -> list[_Sentence]:
    """Sentences (and comma-led question clauses in texting style) with their offsets."""
    norm = normalise(reply)
    sentences: list[_Sentence] = []
    for match in re.finditer(r"[^.!?\n]+(?:[.!?]+|\n|$)", norm):
        raw = match.group()
        lead = len(raw) - len(raw.lstrip(" \t\"'-*"))
        body = raw.strip(" \t\n\"'-*")
        if not re.search(r"\w", body):
            continue
        start = match.start() + lead
        question = body.endswith("?")
        if not question and "," in body and not re.search(r"[.!]$", body):
            # "omg thats so hard, what happened" : a trailing question clause without "?"
            head, _, tail = body.rpartition(",")
            tail_stripped = tail.strip()
            if QUESTION_START.match(tail_stripped) and OPEN_QUESTION.match(tail_stripped):
                offset = start + len(head) + 1 + (len(tail) - len(tail.lstrip()))
                sentences.append(_Sentence(start, start + len(head), head, False))
                sentences.append(_Sentence(offset, offset + len(tail_stripped), tail_stripped, True))
                continue
        if not question and not re.search(r"[.!]$", body) and OPEN_QUESTION.match(body) \
                and QUESTION_START.match(body) and len(body.split()) > 2:
            question = True  # "what happened after that" typed without a question mark
        sentences.append(_Sentence(start, start + len(body), body, question))
    return sentences


def analyze_reply(reply: str | None, peer_said: str | None = None) -> ReplyAnalysis:
    """Find reflections, questions, validation, affirmation, advice and roadblocks in a reply."""
    if reply is None or not str(reply).strip():
        return ReplyAnalysis(reply="" if reply is None else str(reply), message=EMPTY_MESSAGE,
                             suggestion="Try starting with what you heard: \"It sounds like...\"")
    reply = str(reply)[:MAX_REPLY_CHARS]
    norm = normalise(reply)
    peer = normalise(peer_said or "")
    sentences = split_sentences(reply)
    found = _Found(reply)
    _find_roadblocks(found, norm, sentences)
    roles = _find_questions(found, [s for s in sentences if s.question])
    for name, (pattern, message) in LISTENING.items():
        for m in pattern.finditer(norm):
            found.add(name, m.start(), m.end(), f"This {message}")
    reflection = _find_reflections(found, sentences, peer)
    _find_crisis_and_topic(found, sentences, norm, peer)
    findings = _dedupe(found.items)
    labels = {f.label for f in findings}
    if labels & {"advising", "lecturing", "ordering"}:
        labels.add("advice")
    return ReplyAnalysis(reply=reply, findings=tuple(sorted(findings, key=lambda f: f.start)),
                         reflection=reflection, verdict=_verdict(labels),
                         suggestion=_suggest(labels, findings), labels=frozenset(labels),
                         asks="asks" in roles.values() and "advice" not in labels)


class _Found:
    """The findings of one reply so far, each pointing at its words in the original reply."""

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.items: list[Finding] = []

    def add(self, label: str, start: int, end: int, message: str) -> None:
        """Record a finding; a span that starts on punctuation starts at the first word."""
        while start < end and not self.reply[start].isalnum():
            start += 1
        self.items.append(Finding(label, start, end, self.reply[start:end], message))


def _find_roadblocks(found: _Found, norm: str, sentences: list) -> None:
    """Gordon's roadblocks by their patterns, and instructions that start with a bare verb."""
    for name, (pattern, message) in ROADBLOCKS.items():
        for m in pattern.finditer(norm):
            found.add(name, m.start(), m.end(), f"This {message}")
    for s in sentences:
        start = IMPERATIVE.match(s.text)
        if start and not s.question:
            found.add("advising", s.start, s.start + start.end(), "This tells the person what to do, "
                      "a solution they did not ask for.")


def _find_questions(found: _Found, questions: list) -> dict[int, str]:
    """Each question's role and kind, and probing; the roles by sentence start."""
    advises = any(f.label == "advising" and not any(q.start <= f.start < q.end for q in questions)
                  for f in found.items)
    roles = {}
    for s in questions:
        roles[s.start] = role = question_role(s.text, advises)
        if role == "asks":  # "What do you think might help?" asks; it does not advise
            found.items = [f for f in found.items
                           if not (f.label == "advising" and s.start <= f.start < s.end)]
        if role == "advice" and not _advice_question(s.text):
            found.add("advising", s.start, s.end, "A suggestion put as a question is still advice "
                      "the person did not ask for.")
        if OPEN_QUESTION.match(s.text) and not _advice_question(s.text):
            found.add("open_question", s.start, s.end,
                      "An open question invites the person to say more.")
        else:
            found.add("closed_question", s.start, s.end,
                      "A yes-or-no question can narrow what the person tells you.")
        m = WHY_PROBE.search(s.text)
        if m:
            found.add("probing", s.start + m.start(), s.start + m.end(),
                      "A \"why did you\" question can feel like being questioned, not heard.")
    asking = [q for q in questions if not re.search(r"\b(?:did|have|can|may) i\b|guess what",
                                                    q.text)]
    if len(asking) >= 2:
        found.add("probing", questions[0].start, questions[-1].end,
                  "Several questions in a row can feel like an interview.")
    return roles


def _find_reflections(found: _Found, sentences: list, peer: str) -> str:
    """Reflections sentence by sentence (not where a roadblock sits); the strongest kind found."""
    reflection = "none"
    roadblock_spans = [(f.start, f.end) for f in found.items
                       if f.label in ROADBLOCK_NAMES and f.label != "probing"]
    for s in sentences:
        if not _reflects(s.text, peer, s.question):
            continue
        if any(a < s.end and b > s.start for a, b in roadblock_spans):
            continue  # "you should..." or "you're so strong" are not reflections
        kind = "complex" if _is_complex(s.text, peer) else "simple"
        if kind == "complex" or reflection == "none":
            reflection = kind
        found.add("reflection", s.start, s.end, COMPLEX_NOTE if kind == "complex" else SIMPLE_NOTE)
    return reflection


def _find_crisis_and_topic(found: _Found, sentences: list, norm: str, peer: str) -> None:
    """A plain-words question about suicide; a reply of questions that leaves the peer's topic."""
    for s in sentences:
        if s.question and SUICIDE_QUESTION.search(s.text):
            found.add("asks_about_suicide", s.start, s.end, "Asking directly about suicide, in "
                      "plain words, lets the person answer honestly; asking does not put the idea there.")
    if peer and all(f.label in ("open_question", "closed_question") for f in found.items) \
            and _leaves_topic(norm, peer):
        found.add("distracting", 0, len(found.reply.rstrip()), "This moves away from what the "
                  "person just told you: none of their words or feelings come back in it.")


def _reflects(text: str, peer: str, question: bool) -> bool:
    """Whether a sentence gives back the peer's experience (before roadblocks are excluded)."""
    if NOT_REFLECTION_START.match(text) or len(text.split()) < 2 and not INTENSITY.search(text):
        return False
    return reflects(text, peer, question)


BACK_REFERENCE = re.compile(r"\b(?:that|this|it|those|these|he|she|they|him|her|them|there|his|"
                            r"their|hers|what happened|so much|all of|mind|feel\w*|going through|"
                            r"hard\w*|holding|doing|happen\w*|like for you|mean|going on|been like|"
                            r"heart|head|okay|ok|safe|cop(?:e|ing)|right now)\b")


def _leaves_topic(norm: str, peer: str) -> bool:
    """A reply of several content words that takes up nothing the peer said: a change of topic."""
    own = content_stems(norm)
    return (len(own) >= 2 and not own & content_stems(peer) and not FEELING_RX.search(norm)
            and not BACK_REFERENCE.search(norm))


def _advice_question(text: str) -> bool:
    return bool(re.match(r"^(?:(?:so|and|but|ok(?:ay)?)[, ]+)*(?:why (?:don'?t|not)|how about|"
                         r"what if (?:you|u) (?:tried|just|called|went|talked))", text))


def _is_complex(sentence: str, peer: str) -> bool:
    if COMPLEX_MARKERS.search(sentence):
        return True
    feelings = {m.group() for m in FEELING_RX.finditer(sentence)}
    return bool(feelings - {m.group() for m in FEELING_RX.finditer(peer)}) if peer else \
        bool(feelings) and len(sentence.split()) > 6


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int, int]] = set()
    kept = []
    for f in sorted(findings, key=lambda f: (f.label, f.start, -(f.end - f.start))):
        if any(label == f.label and a <= f.start and f.end <= b for label, a, b in seen):
            continue
        seen.add((f.label, f.start, f.end))
        kept.append(f)
    return kept


def _verdict(labels: set[str]) -> str:
    blocks = labels & set(ROADBLOCK_NAMES)
    helps = labels & {"reflection", "open_question", "validation", "affirmation"}
    if blocks and helps:
        return "mixed"
    return "roadblock" if blocks else "supportive"


def _suggest(labels: set[str], findings: list[Finding]) -> str:
    first = next((f.label for f in sorted(findings, key=lambda f: f.start)
                  if f.label in SUGGESTIONS), None)
    if first:
        return SUGGESTIONS[first]
    if "reflection" not in labels:
        return "Try reflecting the feeling you hear: \"It sounds like...\""
    if "open_question" not in labels:
        return "You reflected well; an open question could invite them to say more."
    return "You reflected and invited more: that is what being present sounds like."
