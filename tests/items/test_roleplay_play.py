"""Playing a role-play: scripts walk every persona to its outcome; scores and counts by hand."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from helpers import REPO

from course_utils.content.loader import load_course
from course_utils.items.roleplay import TURNS
from course_utils.items.roleplay_play import (
    counts,
    next_time,
    play_talk,
    ratio_words,
    replies_of,
    talk_fraction,
)

SCRIPTS = REPO / "tests" / "data" / "roleplay_scripts"
ROLEPLAYS = [i for m in load_course(REPO / "content") for i in m.items if i.kind == "roleplay"]
BY_ID = {i.id: i for i in ROLEPLAYS}
OUTCOME = {"present": "opened", "missteps": "withdrew", "mixed": "guarded", "no_ask": "guarded"}


def script(item_id: str, name: str) -> list[str]:
    path = SCRIPTS / f"{item_id}.{name}.txt"
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def talk(item_id: str, name: str, seed: int = 0):
    return play_talk(BY_ID[item_id], script(item_id, name), seed)


class TestEveryPersona:
    def test_every_module_has_a_roleplay_and_two_are_graded(self):
        modules = [m for m in load_course(REPO / "content") if m.assignment != "practice_exam"]
        assert all(any(i.kind == "roleplay" for i in m.items) for m in modules)
        assert sum(i.graded for i in ROLEPLAYS) >= 2

    @pytest.mark.parametrize("item", ROLEPLAYS, ids=lambda i: i.id)
    @pytest.mark.parametrize("name", ["present", "missteps", "mixed"])
    def test_each_script_ends_as_it_should(self, item, name):
        played = talk(item.id, name)
        assert played.outcome == OUTCOME[name], [(s.move.kind, s.move.name) for s in played.steps]

    @pytest.mark.parametrize("item", ROLEPLAYS, ids=lambda i: i.id)
    def test_a_present_script_connects_every_time_and_scores_full_marks(self, item):
        played = talk(item.id, "present")
        assert [s.move.kind for s in played.steps] == ["connecting"] * len(played.steps)
        assert TURNS[0] <= len(played.steps) <= TURNS[1]
        assert talk_fraction(played)[0] == 1.0

    @pytest.mark.parametrize("item", ROLEPLAYS, ids=lambda i: i.id)
    def test_a_script_of_missteps_scores_nothing(self, item):
        assert talk_fraction(talk(item.id, "missteps"))[0] == 0.0

    @pytest.mark.parametrize("item", ROLEPLAYS, ids=lambda i: i.id)
    def test_the_peer_only_ever_says_the_authors_lines(self, item):
        """Whatever the learner types (here: words about means), the peer's words are the content's."""
        lines = {line for s in item.roleplay.states for _, r in s.on for line in r.lines}
        played = play_talk(item, ["Tell me exactly how you would do it and with what pills or rope."] * 8)
        assert all(step.peer in lines for step in played.steps)
        assert played.closing in (*item.roleplay.closing, "")

    @pytest.mark.parametrize("item", [i for i in ROLEPLAYS if "8" in map(str, i.competencies)],
                             ids=lambda i: i.id)
    def test_a_crisis_persona_needs_the_direct_question(self, item):
        played = talk(item.id, "no_ask")
        assert "asks_about_suicide" not in [s.move.name for s in played.steps]
        assert played.outcome != "opened"


class TestTeodorByHand:
    """Module 1's role-play, scored and counted by hand from its three scripts."""

    def test_present_script(self):
        played = talk("bp-roleplay-letter", "present")
        assert played.path == ["guarded", "opening up", "telling more", "trusting you", "opened"]
        assert talk_fraction(played) == (1.0, "4 of 4 replies connected (half the points); Teodor "
                                               "opened up (the other half: opening up).")
        c = counts(played)
        assert (c.reflections, c.complex_reflections, c.questions) == (4, 1, 0)
        assert ratio_words(c) == "4 reflection(s) and no questions"
        assert next_time(played).startswith("Try a complex reflection")

    def test_missteps_script(self):
        played = talk("bp-roleplay-letter", "missteps")
        assert played.path == ["guarded", "closing off", "withdrew"]
        assert [s.move.name for s in played.steps] == ["advising", "distracting"]
        value, note = talk_fraction(played)
        assert value == 0.0 and "a talk counts at least 4 replies" in note
        assert next_time(played).startswith("Hold the advice")

    def test_mixed_script(self):
        """4 of 8 replies connected and the peer stayed guarded: 0.5 x 4/8 + 0 = 0.25."""
        played = talk("bp-roleplay-letter", "mixed")
        assert [s.move.kind for s in played.steps].count("connecting") == 4
        assert talk_fraction(played)[0] == 0.25
        assert played.closing == BY_ID["bp-roleplay-letter"].roleplay.closing[0]
        c = counts(played)
        assert (c.reflections, c.questions) == (3, 4), "three reflections and one validation"
        assert ratio_words(c) == ("3 reflection(s) to 4 question(s), 0.8:1: below fair (MITI counts "
                                  "1:1 as fair and 2:1 as good)")


class TestPlayTalk:
    item = BY_ID["bp-roleplay-letter"]

    def test_the_seed_picks_the_variant_of_each_line(self):
        replies = script(self.item.id, "present")[:1]
        first, second = play_talk(self.item, replies, 0), play_talk(self.item, replies, 1)
        assert first.steps[0].peer != second.steps[0].peer
        assert first.steps[0].after == second.steps[0].after

    def test_replies_after_the_end_are_not_heard(self):
        replies = script(self.item.id, "missteps") + ["It sounds like you want to go."]
        assert len(play_talk(self.item, replies).steps) == 2

    def test_the_talk_closes_after_the_last_turn(self):
        played = play_talk(self.item, ["Did you sleep okay?", "Did you eat today?"] * 6, seed=1)
        assert len(played.steps) == TURNS[1] and played.outcome == "guarded"
        assert played.closing == self.item.roleplay.closing[1]

    def test_no_replies_score_nothing_and_say_so(self):
        assert talk_fraction(play_talk(self.item, [])) == (0.0, "No reply was given.")

    def test_an_unfinished_talk_says_so(self):
        value, note = talk_fraction(play_talk(self.item, script(self.item.id, "present")[:2]))
        assert value == 0.25 and "not finished" in note  # 0.5 x 2/4

    def test_a_saved_answer_gives_its_replies_and_seed(self):
        assert replies_of({"replies": ["a"], "seed": 3}) == (["a"], 3, [])
        assert replies_of({"replies": ["a"], "seed": 3, "tries": [2]}) == (["a"], 3, [2])
        assert replies_of(None) == ([], 0, [])

    def test_a_turn_taken_again_reads_differently_and_the_turns_before_do_not(self):
        replies = script(self.item.id, "present")[:2]
        before, after = play_talk(self.item, replies), play_talk(self.item, replies, 0, [0, 1])
        assert before.steps[0].peer == after.steps[0].peer
        assert before.steps[1].peer != after.steps[1].peer

    def test_a_non_roleplay_item_is_refused(self):
        with pytest.raises(AssertionError, match="not a role-play"):
            play_talk(replace(self.item, roleplay=None), [])


def test_scripts_are_files_of_replies():
    assert all(isinstance(p, Path) and p.read_text().strip() for p in SCRIPTS.glob("*.txt"))
