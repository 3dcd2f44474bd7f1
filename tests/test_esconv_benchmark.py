"""The ESConv benchmark: reads both file layouts, pairs turns with what the seeker said, scores.

The conversations here are written for this test in ESConv's shape; ESConv itself stays outside
the repository.
"""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest
from helpers import REPO

CONVERSATION = {
    "situation": "A test conversation about a lost job.",
    "dialog": [
        {"speaker": "seeker", "content": "I lost my job on Friday and I feel useless.",
         "annotation": {}},
        {"speaker": "supporter", "content": "So you feel useless since Friday?",
         "annotation": {"strategy": "Restatement or Paraphrasing"}},
        {"speaker": "supporter", "content": "What was the job like for you?",
         "annotation": {"strategy": "Question"}},
        {"speaker": "seeker", "content": "I loved it.", "annotation": {}},
        {"speaker": "seeker", "content": "Eight years there.", "annotation": {}},
        {"speaker": "supporter", "content": "You should update your resume tonight.",
         "annotation": {"strategy": "Providing Suggestions"}},
        {"speaker": "supporter", "content": "Take care!", "annotation": {"strategy": "Others"}},
    ],
}


@pytest.fixture(scope="module")
def esconv():
    spec = importlib.util.spec_from_file_location("esconv", REPO / "benchmarks" / "esconv.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["esconv"] = module
    spec.loader.exec_module(module)
    return module


def split_layout(conversation: dict) -> dict:
    """The same conversation as a Hugging Face split file row (text/speaker/strategy)."""
    dialog = [{"text": u["content"], "speaker": "usr" if u["speaker"] == "seeker" else "sys",
               **({"strategy": u["annotation"]["strategy"]} if u["annotation"] else {})}
              for u in conversation["dialog"]]
    return {"situation": conversation["situation"], "dialog": dialog}


class TestTurns:
    def test_both_layouts_give_the_same_turns(self, esconv, tmp_path):
        whole, split = tmp_path / "whole", tmp_path / "split"
        whole.mkdir()
        split.mkdir()
        (whole / "ESConv.json").write_text(json.dumps([CONVERSATION]))
        (split / "test.json").write_text(json.dumps(split_layout(CONVERSATION)) + "\n")
        assert esconv.turns(whole) == esconv.turns(split)

    def test_each_turn_carries_what_the_seeker_said_since_the_supporter_last_spoke(
            self, esconv, tmp_path):
        (tmp_path / "ESConv.json").write_text(json.dumps([CONVERSATION]))
        turns = esconv.turns(tmp_path)
        assert [t.strategy for t in turns] == ["Restatement or Paraphrasing", "Question",
                                               "Providing Suggestions", "Others"]
        assert turns[0].peer_said == turns[1].peer_said == CONVERSATION["dialog"][0]["content"]
        assert turns[2].peer_said == "I loved it. Eight years there."

    def test_a_missing_folder_names_what_to_bring(self, esconv, tmp_path):
        with pytest.raises(SystemExit, match="ESConv.json"):
            esconv.turns(tmp_path)


class TestTable:
    def test_the_analyser_gets_this_conversation_right(self, esconv, tmp_path):
        (tmp_path / "ESConv.json").write_text(json.dumps([CONVERSATION]))
        table = esconv.table(esconv.turns(tmp_path), esconv.analyser)
        for task in ("question", "reflection", "advice"):
            assert table[task][2] == 1.0, task
        assert table["macro"][0] == 1.0

    def test_the_naive_rule_takes_a_check_in_for_a_question(self, esconv, tmp_path):
        (tmp_path / "ESConv.json").write_text(json.dumps([CONVERSATION]))
        table = esconv.table(esconv.turns(tmp_path), esconv.naive)
        assert table["question"][0] == 0.5  # two turns with "?", one of them a restatement

    def test_f1_of_known_counts(self, esconv):
        p, r, f = esconv.f1([(True, True), (True, False), (False, True), (False, False)])
        assert (p, r, f) == (0.5, 0.5, 0.5)

    def test_four_way_takes_question_then_reflection_then_advice(self, esconv):
        labels = {"question": False, "reflection": True, "advice": True}
        assert esconv.four_way(labels) == "reflection"
        assert esconv.four_way({k: False for k in labels}) == "other"


class TestHeldAside:
    def test_the_split_is_the_same_in_both_layouts_and_about_a_fifth(self, esconv):
        conversations = [dict(CONVERSATION, situation=f"Conversation {n}") for n in range(400)]
        whole = [esconv.held_aside(c) for c in conversations]
        assert whole == [esconv.held_aside(split_layout(c)) for c in conversations]
        assert 0.12 < sum(whole) / len(whole) < 0.28
