"""Branching conversations: validation, replay, scoring, rendering and the widget."""

from __future__ import annotations

import copy

import pytest
import yaml

from course_utils.content.validation import _parse_item
from course_utils.core.storage import AnswerStore
from course_utils.items.conversation import path_fraction, replay, turns_to_end
from course_utils.items.model import Problem
from course_utils.items.public import from_public, to_public
from course_utils.items.render import answer_text, feedback_html
from course_utils.items.scoring import score_item
from course_utils.items.widgets import make_view

ITEM = yaml.safe_load("""
id: test-branch
kind: branching
mode: graded
points: 3
competencies: [1, 9]
lesson: [presence]
scenario: {situation: Sam sits down after group.}
prompt: Choose what you say at each turn.
debrief: Presence keeps Sam talking; advice shuts him down.
turns:
  - id: start
    peer_says: Group was pointless.
    mood: guarded
    replies:
      - {id: a, text: It didn't give you what you needed., quality: 2, explanation: Reflects., next: open}
      - {id: b, text: You should give it time., quality: 0, roadblock: advising, explanation: Advice., next: shut}
  - id: open
    peer_says: Nobody listened to me.
    mood: opens
    replies:
      - {id: a, text: That sounds lonely., quality: 2, explanation: Names the feeling., next: last}
      - {id: b, text: "Did you speak up?", quality: 1, explanation: A closed question., next: last}
  - id: shut
    peer_says: Whatever.
    mood: withdraws
    replies:
      - {id: a, text: "Sorry, I jumped ahead. What happened?", quality: 2, explanation: Repairs., next: last}
      - {id: b, text: "Anyway, how is work?", quality: 0, roadblock: distracting, explanation: Changes topic., next: last}
  - id: last
    peer_says: Thanks for asking.
    mood: opens
    replies:
      - {id: a, text: I'm glad you told me., quality: 2, explanation: Warm., next: end}
      - {id: b, text: "No problem, see you.", quality: 1, explanation: Closes fast., next: end}
""")


def parse(raw):
    problems: list[Problem] = []
    item = _parse_item(raw, 1, "module.yaml", problems)
    return item, problems


@pytest.fixture
def item():
    parsed, problems = parse(copy.deepcopy(ITEM))
    assert problems == []
    return parsed


class TestParseTurns:
    def test_valid_conversation_parses(self, item):
        assert [t.id for t in item.turns] == ["start", "open", "shut", "last"]
        assert item.turns[0].reply("b").roadblock == "advising"

    @pytest.mark.parametrize(
        ("mutate", "field"),
        [
            (lambda r: r["turns"][0]["replies"][0].update(next="nowhere"), "next"),
            (lambda r: r["turns"][3]["replies"][0].update(next="start"), "loops back"),
            (lambda r: r["turns"][1]["replies"][0].update(next="end"), "ends after 2"),
            (lambda r: r["turns"][1].update(mood="angry"), "mood"),
            (lambda r: r["turns"][2]["replies"][0].update(quality=1), "quality 2"),
            (lambda r: r.pop("debrief"), "debrief"),
            (lambda r: r["turns"][0]["replies"][1].update(roadblock="nagging"), "roadblock"),
            (lambda r: r["turns"].append({"id": "orphan", "peer_says": "Hi", "mood": "opens",
                                          "replies": r["turns"][3]["replies"]}), "no path reaches"),
        ],
    )
    def test_broken_conversation_is_rejected_with_a_named_field(self, mutate, field):
        raw = copy.deepcopy(ITEM)
        mutate(raw)
        parsed, problems = parse(raw)
        assert parsed is None
        text = " ".join(str(p) for p in problems)
        assert "item 'test-branch'" in text and field in text


class TestScoring:
    def test_best_path_scores_full(self, item):
        assert score_item(item, ["a", "a", "a"]).earned == 3.0

    def test_roadblock_then_repair_gets_partial_credit(self, item):
        """0 + 2 + 2 of 6 -> 2 of 3 points."""
        assert score_item(item, ["b", "a", "a"]).earned == 2.0

    def test_unfinished_conversation_counts_the_missing_turns(self, item):
        """One good reply, two turns left: 2 of 6."""
        assert path_fraction(item.turns, ["a"])[0] == pytest.approx(2 / 6)
        assert turns_to_end(item.turns, "open") == 2

    def test_reply_that_does_not_fit_stops_the_replay(self, item):
        steps, current = replay(item.turns, ["a", "zz", "a"])
        assert len(steps) == 1 and current.id == "open"

    @pytest.mark.parametrize("answer", [None, "a", [1, 2], {}])
    def test_malformed_answer_scores_zero(self, item, answer):
        assert score_item(item, answer).earned == 0.0


class TestRendering:
    def test_transcript_shows_peer_and_learner(self, item):
        text = answer_text(item, ["b", "a"])
        assert "Peer (guarded): Group was pointless." in text
        assert "You (b): You should give it time." in text
        assert "not finished" in text

    def test_feedback_names_the_better_reply_and_debrief(self, item):
        html = feedback_html(item, ["b", "b", "b"], score_item(item, ["b", "b", "b"]))
        assert "A more present reply (a)" in html and "Debrief." in html


class TestPublicCopy:
    def test_graded_conversation_hides_qualities_and_debrief(self, item):
        data = to_public(item)
        assert all(set(t) == {"id", "sealed"} for t in data["turns"])
        assert "debrief" not in data
        copy = from_public(data)
        assert all(r.quality is None and r.explanation == "" for t in copy.turns for r in t.replies)
        assert all(t.mood == "" for t in copy.turns)
        assert from_public(to_public(item, reveal=True)) == item

    def test_learner_copy_replays_the_same_path(self, item):
        copy = from_public(to_public(item))
        steps, _ = replay(copy.turns, ["b", "a"])
        full, _ = replay(item.turns, ["b", "a"])
        assert [(t.peer_says, r.text) for t, r in steps] == [(t.peer_says, r.text) for t, r in full]


class TestBranchingView:
    def test_saying_replies_saves_and_moves_on(self, item, tmp_path):
        view = make_view(from_public(to_public(item)), AnswerStore(tmp_path))
        view.radio.value = "b"
        view.say_button.click()
        assert "Whatever." in view.transcript.value
        assert AnswerStore(tmp_path).get("test-branch") == ["b"]
        view.radio.value = "a"
        view.say_button.click()
        view.radio.value = "a"
        view.say_button.click()
        assert view.say_button.disabled and view.feedback.value == ""
        assert "each reply is final" in view.status.value

    def test_restart_restores_the_conversation(self, item, tmp_path):
        AnswerStore(tmp_path).set("test-branch", ["a", "b"])
        view = make_view(from_public(to_public(item)), AnswerStore(tmp_path))
        assert view.path == ["a", "b"] and "Thanks for asking." in view.transcript.value

    def test_practice_comments_each_reply_and_can_start_over(self, item, tmp_path):
        practice = from_public(to_public(item, reveal=True))
        practice = type(practice)(**{**practice.__dict__, "mode": "practice", "points": 0.0})
        view = make_view(practice, AnswerStore(tmp_path))
        view.radio.value = "b"
        view.say_button.click()
        assert "A roadblock" in view.feedback.value
        view.start_over()
        assert view.path == [] and AnswerStore(tmp_path).get("test-branch") == []
