"""Per-item results written during autograde, and the per-competency report built from them."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course_utils.core.atomic import write_atomic
from course_utils.core.vocab import COMPETENCIES

RESULTS_FILE = "grading_results.json"


@dataclass(frozen=True)
class CompetencyScore:
    """Points earned and possible over the items tagged with one competency."""

    competency: int
    items: int
    earned: float
    possible: float

    @property
    def percent(self) -> float:
        """The share of points earned, as a percentage."""
        return 100 * self.earned / self.possible if self.possible else 0.0


def record_result(folder: Path | str, item_id: str, competencies: tuple[int, ...],
                  earned: float, possible: float) -> None:
    """Add one graded item's result to the folder's results file (atomic write)."""
    path = Path(folder) / RESULTS_FILE
    results = load_results(folder)
    results[item_id] = {"competencies": list(competencies), "earned": earned, "possible": possible}
    write_atomic(path, json.dumps(results, indent=1, sort_keys=True))


def load_results(folder: Path | str) -> dict[str, Any]:
    """The results recorded in a folder, or an empty mapping."""
    try:
        data = json.loads((Path(folder) / RESULTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def by_competency(results: dict[str, Any]) -> list[CompetencyScore]:
    """Sum results per competency; an item tagged with two competencies counts in both."""
    sums: dict[int, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for record in results.values():
        tagged = record.get("competencies") if isinstance(record, dict) else None
        if not isinstance(tagged, list):
            continue  # not a record this module wrote
        for c in {c for c in tagged if isinstance(c, int) and not isinstance(c, bool)}:
            if c in COMPETENCIES:
                sums[c][0] += 1
                sums[c][1] += float(record.get("earned", 0))
                sums[c][2] += float(record.get("possible", 0))
    return [CompetencyScore(c, int(n), round(e, 2), round(p, 2))
            for c, (n, e, p) in sorted(sums.items())]
