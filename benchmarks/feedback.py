"""Benchmark of reply analysis on the labelled replies: per-label P/R/F1, macro-F1, speed.

Run: .venv/bin/python benchmarks/feedback.py [--esconv DIR]
The development part is the one rules were written against; the held-out part never was.
With --esconv DIR it also measures the analyser on ESConv's real supporter turns (see
benchmarks/esconv.py for the data, where to get it and every definition).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
PARTS = {"development": "replies_dev.jsonl", "held-out": "replies_heldout.jsonl"}
LABELS = ("reflection", "open_question", "closed_question", "validation", "advice", "roadblock")
EXTRA = ("affirmation",)


def load(name: str) -> list[dict]:
    """The labelled replies of one part."""
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()
            if line.strip()]


def gold(row: dict) -> dict[str, bool]:
    """The binary labels of a labelled reply."""
    labels = row["labels"]
    return {"reflection": labels["reflection"] != "none", "open_question": labels["open_question"],
            "closed_question": labels["closed_question"], "validation": labels["validation"],
            "advice": labels["advice"], "roadblock": bool(labels["roadblocks"]),
            "affirmation": labels["affirmation"]}


def predicted(analysis) -> dict[str, bool]:
    """The same binary labels from an analysis."""
    return {"reflection": analysis.reflection != "none",
            "open_question": analysis.has("open_question"),
            "closed_question": analysis.has("closed_question"),
            "validation": analysis.has("validation"), "advice": analysis.has("advice"),
            "roadblock": bool(analysis.roadblocks), "affirmation": analysis.has("affirmation")}


def scores(rows: list[dict]) -> dict[str, tuple[float, float, float]]:
    """Precision, recall and F1 per label over the rows."""
    from course_utils.analysis.reply_analysis import analyze_reply

    counts = {label: [0, 0, 0] for label in (*LABELS, *EXTRA)}  # tp, fp, fn
    for row in rows:
        truth, guess = gold(row), predicted(analyze_reply(row["reply"], row["peer_said"]))
        for label, c in counts.items():
            c[0] += truth[label] and guess[label]
            c[1] += guess[label] and not truth[label]
            c[2] += truth[label] and not guess[label]
    result = {}
    for label, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        result[label] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return result


def median_microseconds(rows: list[dict], repeats: int = 5) -> float:
    """Median time of one analysis, in microseconds."""
    from course_utils.analysis.reply_analysis import analyze_reply

    times = []
    for _ in range(repeats):
        for row in rows:
            start = time.perf_counter()
            analyze_reply(row["reply"], row["peer_said"])
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def heavy_imports() -> list[str]:
    """Heavy libraries that importing the analyser pulls in (should be none)."""
    code = ("import sys, course_utils.analysis.reply_analysis; "
            "print(','.join(m for m in ('numpy','matplotlib','ipywidgets','sklearn','torch',"
            "'pandas','nbgrader') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


def main() -> None:
    """Print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esconv", type=Path, metavar="DIR",
                        help="a folder holding ESConv.json or its train/valid/test.json split")
    args = parser.parse_args()
    all_rows = []
    for part, name in PARTS.items():
        rows = load(name)
        all_rows += rows
        table = scores(rows)
        macro = statistics.mean(table[label][2] for label in LABELS)
        print(f"\n{part} part: {len(rows)} replies")
        print(f"  {'label':16} {'precision':>9} {'recall':>7} {'F1':>6}")
        for label in (*LABELS, *EXTRA):
            p, r, f = table[label]
            extra = "  (not in macro-F1)" if label in EXTRA else ""
            print(f"  {label:16} {p:9.3f} {r:7.3f} {f:6.3f}{extra}")
        print(f"  macro-F1 over the six labels: {macro:.3f}")
    print(f"\nmedian analysis time: {median_microseconds(all_rows):.0f} microseconds per reply")
    heavy = heavy_imports()
    print(f"heavy libraries imported with the analyser: {', '.join(heavy) or 'none'}")
    if args.esconv:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import esconv

        print(esconv.report(args.esconv))


if __name__ == "__main__":
    main()
