"""Every written item's model answer earns full marks, and plausible weaker replies earn less."""

from __future__ import annotations

from dataclasses import replace

import pytest
import yaml
from helpers import REPO

from course_utils.content.loader import load_module
from course_utils.items.scoring import score_item

WEAKER_FILE = REPO / "tests" / "data" / "weaker_replies.yaml"
MODULES = [load_module(path.parent) for path in sorted((REPO / "content").glob("*/module.yaml"))]
WRITTEN = {i.id: replace(i, points=1.0) for m in MODULES for i in m.items if i.kind == "written_reply"}
WEAKER: dict[str, list[str]] = yaml.safe_load(WEAKER_FILE.read_text(encoding="utf-8"))
CASES = [(item_id, n, reply) for item_id, replies in WEAKER.items() if item_id in WRITTEN
         for n, reply in enumerate(replies, start=1)]


def fraction(item_id: str, reply: str) -> float:
    """The automatic rubric's share for a reply to a written item, as nbgrader scores it."""
    return score_item(WRITTEN[item_id], reply).fraction


class TestModelAnswer:
    @pytest.mark.parametrize("item_id", sorted(WRITTEN))
    def test_model_answer_earns_full_marks(self, item_id):
        """The reply the course shows as an example must not be marked down by its own rubric."""
        item = WRITTEN[item_id]
        assert item.example, f"{item_id} has no example reply"
        score = score_item(item, item.example)
        assert score.fraction == 1.0, score.note


class TestWeakerReply:
    @pytest.mark.parametrize(("item_id", "n", "reply"), CASES,
                             ids=[f"{item_id}-{n}" for item_id, n, _ in CASES])
    def test_weaker_reply_scores_below_the_model_answer(self, item_id, n, reply):
        """A common trainee mistake earns strictly less than the item's model answer."""
        item = WRITTEN[item_id]
        best = fraction(item_id, item.example)
        score = score_item(item, reply)
        assert score.fraction < best, f"reply {n} scored {score.fraction:g} (model {best:g}): {score.note}"


class TestWeakerRepliesFile:
    def test_names_only_written_items_known(self):
        """Every key of the weaker replies file is the id of a written_reply item."""
        assert not set(WEAKER) - set(WRITTEN)

    def test_every_written_item_covered(self):
        """Every written_reply item has weaker replies to compare with its model answer."""
        assert not set(WRITTEN) - set(WEAKER)

    @pytest.mark.parametrize("item_id", sorted(WEAKER))
    def test_each_item_has_four_to_six_distinct_replies(self, item_id):
        """Each item lists 4-6 different, non-empty replies, none of them the model answer."""
        replies = WEAKER[item_id]
        assert isinstance(replies, list) and 4 <= len(replies) <= 6
        assert all(isinstance(r, str) and r.strip() for r in replies)
        assert len(set(replies)) == len(replies)
        if item_id in WRITTEN:
            assert WRITTEN[item_id].example not in replies
