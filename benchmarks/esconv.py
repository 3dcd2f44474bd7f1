"""The reply analyser measured on ESConv's real supporter turns (kept outside this repository).

ESConv (thu-coai/Emotional-Support-Conversation, CC BY-NC 4.0) holds 1,300 conversations in
which crowd workers trained in emotional support answer a help seeker; every supporter turn is
labelled with one strategy. This module reads it from a folder given on the command line, either
the original `ESConv.json` (one JSON list) or the Hugging Face split files `train.json`,
`valid.json`, `test.json` (one conversation per line). Nothing from it is stored here.

Definitions (each line of the table is a binary task over all supporter turns):
- question: gold is the strategy "Question"; predicted when the analyser finds a question asked
  to learn more (`ReplyAnalysis.asks`: not a suggestion in question form, not a check-in
  reflection such as "So you feel alone?").
- reflection: gold is "Restatement or Paraphrasing" or "Reflection of feelings"; predicted when
  the analyser finds a simple or complex reflection.
- advice: gold is "Providing Suggestions"; predicted when the analyser finds advice.
- affirmation and reassurance: gold is "Affirmation and Reassurance"; predicted when the analyser
  finds validation, affirmation, praise or reassurance (ESConv puts them in one strategy; the
  course calls praise and early reassurance roadblocks, which the feedback says).
- 4-way: gold question, reflection, advice as above, everything else "other"; the prediction is
  the first of question, reflection, advice that the analyser finds, else "other". Macro-F1 is
  the mean F1 of the four classes.
The naive rule: "?" means question; "you should", "try", "why don't you" mean advice; "sounds
like", "it seems", "you feel" mean reflection.
`peer_said` for a supporter turn is what the seeker said since the supporter last spoke.
The held-aside part (about a fifth of the conversations, chosen by a hash of the situation text
so that both file layouts give the same split) was looked at only for final figures.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REFLECTION = ("Restatement or Paraphrasing", "Reflection of feelings")
TASKS = ("question", "reflection", "advice", "affirmation_reassurance")
CLASSES = ("question", "reflection", "advice", "other")
SPLIT_FILES = ("train.json", "valid.json", "test.json")


@dataclass(frozen=True)
class Turn:
    """One supporter turn: its words, what the seeker had just said, its strategy, its part."""

    reply: str
    peer_said: str
    strategy: str
    held_aside: bool


def conversations(folder: Path) -> list[dict]:
    """The conversations in an ESConv folder (either file layout)."""
    whole = folder / "ESConv.json"
    if whole.is_file():
        return json.loads(whole.read_text(encoding="utf-8"))
    found = [folder / name for name in SPLIT_FILES if (folder / name).is_file()]
    if not found:
        raise SystemExit(f"{folder}: no ESConv.json and none of {', '.join(SPLIT_FILES)}; "
                         "bring ESConv from its public repository into this folder.")
    return [json.loads(line) for path in found
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def held_aside(conversation: dict) -> bool:
    """Whether a conversation is in the held-aside part (a stable fifth of them)."""
    key = (conversation.get("situation") or "") + json.dumps([_as_split_row(u) for u in
                                                               conversation["dialog"][:2]])
    return hashlib.sha256(key.encode("utf-8")).digest()[0] % 5 == 0


def _as_split_row(utterance: dict) -> dict:
    """An utterance as the split files write it (text, speaker usr/sys, strategy), for hashing."""
    if "text" in utterance:
        return utterance
    seeker = utterance["speaker"] in ("seeker", "usr")
    row = {"text": utterance["content"], "speaker": "usr" if seeker else "sys"}
    strategy = (utterance.get("annotation") or {}).get("strategy")
    return row if seeker or not strategy else {**row, "strategy": strategy}


def turns(folder: Path) -> list[Turn]:
    """Every supporter turn of ESConv, with what the seeker said just before it."""
    result = []
    for conversation in conversations(folder):
        aside, heard, last = held_aside(conversation), [], ""
        for utterance in conversation["dialog"]:
            text = utterance["content"] if "content" in utterance else utterance["text"]
            if utterance["speaker"] in ("seeker", "usr"):
                heard.append(text.strip())
                continue
            strategy = utterance.get("strategy") or (utterance.get("annotation") or {}).get(
                "strategy", "Others")
            last = " ".join(heard) or last
            result.append(Turn(text.strip(), last, strategy, aside))
            heard = []
    return result


def gold(turn: Turn) -> dict[str, bool]:
    """The binary gold labels of a turn."""
    return {"question": turn.strategy == "Question", "reflection": turn.strategy in REFLECTION,
            "advice": turn.strategy == "Providing Suggestions",
            "affirmation_reassurance": turn.strategy == "Affirmation and Reassurance"}


def analyser(turn: Turn) -> dict[str, bool]:
    """The analyser's binary labels for a turn."""
    from course_utils.analysis.reply_analysis import analyze_reply

    a = analyze_reply(turn.reply, turn.peer_said)
    return {"question": a.asks, "reflection": a.reflection != "none", "advice": a.advice,
            "affirmation_reassurance": a.validation or a.affirmation or a.has("praising")
            or a.has("reassuring")}


_NAIVE_ADVICE = re.compile(r"\b(?:you should|try|why don'?t you)\b", re.IGNORECASE)
_NAIVE_REFLECTION = re.compile(r"\b(?:sounds like|it seems|you feel)\b", re.IGNORECASE)


def naive(turn: Turn) -> dict[str, bool]:
    """The naive rule's binary labels for a turn."""
    return {"question": "?" in turn.reply, "reflection": bool(_NAIVE_REFLECTION.search(turn.reply)),
            "advice": bool(_NAIVE_ADVICE.search(turn.reply)), "affirmation_reassurance": False}


def four_way(labels: dict[str, bool]) -> str:
    """The one class of a turn: question, then reflection, then advice, else other."""
    return next((c for c in CLASSES[:3] if labels[c]), "other")


def f1(pairs: Iterable[tuple[bool, bool]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of (gold, predicted) pairs."""
    tp = fp = fn = 0
    for truth, guess in pairs:
        tp += truth and guess
        fp += guess and not truth
        fn += truth and not guess
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table(rows: list[Turn], predict: Callable[[Turn], dict[str, bool]]) -> dict[str, tuple]:
    """Precision, recall and F1 of every task, and the 4-way macro-F1, for one predictor."""
    truths = [gold(t) for t in rows]
    guesses = [predict(t) for t in rows]
    result = {task: f1((g[task], p[task]) for g, p in zip(truths, guesses, strict=True))
              for task in TASKS}
    gold_class = [four_way(g) for g in truths]
    guess_class = [four_way(p) for p in guesses]
    per_class = [f1((g == c, p == c) for g, p in zip(gold_class, guess_class, strict=True))[2]
                 for c in CLASSES]
    result["macro"] = (sum(per_class) / len(per_class),)
    return result


def report(folder: Path) -> str:
    """The table for all supporter turns, the development part and the held-aside part."""
    rows = turns(folder)
    parts = {"all supporter turns": rows,
             "development part": [t for t in rows if not t.held_aside],
             "held-aside part": [t for t in rows if t.held_aside]}
    lines = []
    for name, part in parts.items():
        ours, rule = table(part, analyser), table(part, naive)
        lines.append(f"\nESConv, {name}: {len(part)} turns")
        lines.append(f"  {'task':30} {'analyser F1 (P / R)':>22} {'naive rule F1':>14}")
        for task in TASKS:
            p, r, f = ours[task]
            lines.append(f"  {task + ' vs not':30} {f:8.3f} ({p:.2f} / {r:.2f}) "
                         f"{rule[task][2]:14.3f}")
        lines.append(f"  {'4-way macro-F1':30} {ours['macro'][0]:22.3f} {rule['macro'][0]:14.3f}")
    return "\n".join(lines)
