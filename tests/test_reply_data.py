"""The labelled replies: well formed, and the analyser meets its targets on them."""

from __future__ import annotations

import importlib.util
import json
import statistics

import pytest
from helpers import REPO

from course_utils.core.vocab import ROADBLOCKS

DATA = REPO / "tests" / "data"
PARTS = ("replies_dev.jsonl", "replies_heldout.jsonl")


def benchmark():
    spec = importlib.util.spec_from_file_location("feedback", REPO / "benchmarks" / "feedback.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rows(name):
    return [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]


class TestLabelledReplies:
    def test_at_least_400_unique_replies_in_two_parts(self):
        all_rows = rows(PARTS[0]) + rows(PARTS[1])
        assert len(all_rows) >= 400
        assert len({r["id"] for r in all_rows}) == len(all_rows)
        assert len({r["reply"] for r in all_rows}) == len(all_rows)

    @pytest.mark.parametrize("name", PARTS)
    def test_every_row_follows_the_label_schema(self, name):
        for row in rows(name):
            labels = row["labels"]
            assert labels["reflection"] in ("none", "simple", "complex"), row["id"]
            for key in ("open_question", "closed_question", "validation", "affirmation", "advice"):
                assert isinstance(labels[key], bool), row["id"]
            assert set(labels["roadblocks"]) <= set(ROADBLOCKS), row["id"]
            assert row["reply"].strip() and row["peer_said"].strip()

    def test_every_roadblock_is_in_the_held_out_part(self):
        seen = {name for row in rows(PARTS[1]) for name in row["labels"]["roadblocks"]}
        assert seen == set(ROADBLOCKS)


class TestTargets:
    @pytest.mark.parametrize(("name", "target"), [(PARTS[0], 0.90), (PARTS[1], 0.85)])
    def test_macro_f1_meets_the_target(self, name, target):
        bench = benchmark()
        table = bench.scores(rows(name))
        assert statistics.mean(table[label][2] for label in bench.LABELS) >= target

    def test_importing_the_analyser_pulls_in_no_heavy_library(self):
        assert benchmark().heavy_imports() == []
