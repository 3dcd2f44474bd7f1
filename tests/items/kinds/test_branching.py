"""A conversation: the path of replies is scored (course_utils/items/kinds/branching.py)."""

from __future__ import annotations

import copy
import random

import pytest

from course_utils.core.display_order import IN_FILE_ORDER, DisplayOrder
from course_utils.core.storage import AnswerStore
from course_utils.items.conversation import path_fraction, replay
from course_utils.items.kind import kind_of
from course_utils.items.kinds.branching import Branching
from course_utils.items.model import Item, Reply, Scenario, Turn

KIND = kind_of("branching")
SEEDED = DisplayOrder("learner-1")


def reply(rid: str, text: str, quality: int, nxt: str) -> dict:
    return {"id": rid, "text": text, "quality": quality, "explanation": f"Why {text}", "next": nxt}


# Two ways through the middle: the best first reply leads to "mid", the roadblock to "low".
TURNS = [
    {"id": "start", "peer_says": "I can't sleep again.", "mood": "guarded", "replies": [
        reply("a", "Nights have been long.", 2, "mid"), reply("b", "Try camomile <tea>.", 0, "low"),
        reply("c", "Is it work?", 1, "mid")]},
    {"id": "mid", "peer_says": "My head won't stop.", "mood": "opens", "replies": [
        reply("a", "It keeps going round.", 2, "last"), reply("b", "Did you eat?", 1, "last")]},
    {"id": "low", "peer_says": "Tea won't help.", "mood": "withdraws", "replies": [
        reply("a", "You're right, sorry.", 2, "last"), reply("b", "It works for me.", 0, "last")]},
    {"id": "last", "peer_says": "Thanks for staying up.", "mood": "opens", "replies": [
        reply("a", "I'm glad you wrote.", 2, "end"), reply("b", "Sure, night.", 1, "end")]},
]
DEBRIEF = "Staying with Jo keeps her talking."


def collector():
    """A `bad` callback and the (field, message) pairs it received."""
    said: list[tuple[str, str]] = []
    return (lambda field, message: said.append((field, message))), said


def item() -> Item:
    bad, said = collector()
    fields = KIND.parse({"turns": copy.deepcopy(TURNS), "debrief": DEBRIEF}, "graded", (), bad)
    assert said == []
    return Item(id="jo-night", kind="branching", mode="graded", prompt="Talk with Jo.",
                scenario=Scenario("Jo texts you late at night."), competencies=(2,), points=3.0, **fields)


class Guesser:
    """A test-wise learner that likes the replies shown last best, and notes what it was shown."""

    reply = "I hear you."

    def __init__(self) -> None:
        self.shown: list[tuple[list[str], list[str]]] = []

    def rank(self, item, ids, texts):
        self.shown.append((list(ids), list(texts)))
        return list(reversed(ids))

    def picks(self, item, ids, texts):
        raise AssertionError("a conversation guess ranks, it does not pick")

    def label(self, item, text):
        raise AssertionError("a conversation guess ranks, it does not label")


class TestRegistration:
    def test_the_kind_is_registered_with_turns_and_a_debrief(self):
        assert isinstance(KIND, Branching)
        assert KIND.fields == {"turns", "debrief"} and KIND.scored and not KIND.own_words


class TestRefusal:
    @pytest.mark.parametrize("field", ["key", "options"])
    def test_a_key_or_options_are_refused_for_reply_quality(self, field):
        assert KIND.refusal(field) == "branching items have no key or options: give each reply a quality"

    @pytest.mark.parametrize(("field", "says"), [
        ("labels", "only classify items have labels; remove it"),
        ("auto_rubric", "only written_reply items have an automatic rubric; remove it"),
    ])
    def test_another_kinds_field_names_the_kinds_that_have_it(self, field, says):
        assert KIND.refusal(field) == says


class TestParse:
    def test_turns_are_parsed_and_the_debrief_stripped(self):
        bad, said = collector()
        fields = KIND.parse({"turns": copy.deepcopy(TURNS), "debrief": f"  {DEBRIEF} "}, "graded", (), bad)
        assert said == [] and fields["debrief"] == DEBRIEF
        assert [t.id for t in fields["turns"]] == ["start", "mid", "low", "last"]
        assert fields["turns"][0].replies[1] == Reply("b", "Try camomile <tea>.", 0,
                                                      "Why Try camomile <tea>.", "low")

    @pytest.mark.parametrize("debrief", [None, "   "])
    def test_a_debrief_is_required(self, debrief):
        bad, said = collector()
        KIND.parse({"turns": copy.deepcopy(TURNS), "debrief": debrief}, "practice", (), bad)
        assert said == [("debrief", "give a short debrief shown at the end of every path")]

    @pytest.mark.parametrize("turns", [None, [], "start"])
    def test_turns_must_be_a_list_of_turns(self, turns):
        bad, said = collector()
        assert KIND.parse({"turns": turns, "debrief": DEBRIEF}, "graded", (), bad)["turns"] == ()
        assert said == [("turns", "a branching item needs a list of turns (see content/README.md)")]

    def test_problems_inside_a_turn_are_named(self):
        bad, said = collector()
        turns = copy.deepcopy(TURNS)
        turns[1]["mood"] = "sulky"
        KIND.parse({"turns": turns, "debrief": DEBRIEF}, "graded", (), bad)
        assert [field for field, _ in said] == ["turns[mid].mood"]


class TestWellFormed:
    @pytest.mark.parametrize("answer", [[], ["a"], ["a", "zz"]])
    def test_a_list_of_reply_ids_is_well_formed(self, answer):
        assert KIND.well_formed(answer)

    @pytest.mark.parametrize("answer", ["a", [1], {"start": "a"}, None])
    def test_anything_else_is_not(self, answer):
        assert not KIND.well_formed(answer)


class TestFraction:
    def test_the_best_reply_at_every_turn_earns_everything(self):
        assert KIND.fraction(item(), ["a", "a", "a"]) == (1.0, "Your 3 replies: 3 present and supportive.")

    def test_the_note_counts_each_kind_of_reply_in_words(self):
        note = KIND.fraction(item(), ["b", "a", "b"])[1]
        assert note == "Your 3 replies: 1 present and supportive, 1 okay but missing something, 1 roadblock."

    def test_qualities_add_up_along_the_path_taken(self):
        assert KIND.fraction(item(), ["b", "a", "b"])[0] == pytest.approx(3 / 6)

    def test_turns_left_count_nothing(self):
        value, note = KIND.fraction(item(), ["a"])
        assert value == pytest.approx(2 / 6)
        assert note == ("Your reply was present and supportive. The conversation was not finished, "
                        "so the 2 turns still to go scored 0.")

    @pytest.mark.parametrize("answer", [None, [], ["zz", "a"]])
    def test_no_reply_said_earns_nothing(self, answer):
        assert KIND.fraction(item(), answer) == (0.0, "No reply was given.")

    @pytest.mark.parametrize("path", [["a"], ["b", "a", "b"], ["a", "a", "a"], ["b"], None])
    def test_the_value_is_the_paths_quality(self, path):
        """The words changed, the score did not: it is path_fraction's, always."""
        assert KIND.fraction(item(), path)[0] == path_fraction(item().turns, path)[0]


class TestAnswerText:
    def test_the_transcript_with_the_letters_this_learner_saw(self):
        conv = item()
        start, low = conv.turn("start"), conv.turn("low")
        assert SEEDED.turn_order(conv.id, start) != ["a", "b", "c"]
        first = SEEDED.turn_letters(conv.id, start)["b"]
        second = SEEDED.turn_letters(conv.id, low)["a"]
        assert KIND.answer_text(conv, ["b", "a"], SEEDED) == (
            "Conversation:\n"
            "Peer (guarded): I can't sleep again.\n"
            f"You ({first}): Try camomile <tea>.\n"
            "Peer (withdrawing): Tea won't help.\n"
            f"You ({second}): You're right, sorry.\n"
            "Peer (opening up): Thanks for staying up.\n"
            "(The conversation was not finished.)")


class TestFeedbackHtml:
    def test_each_reply_said_with_the_better_one_missed_and_the_debrief(self):
        html = KIND.feedback_html(item(), ["b", "a", "a"], IN_FILE_ORDER)
        assert html.startswith("<ol><li><strong>The peer said:</strong> &ldquo;I can&#x27;t sleep again.")
        assert ("<strong>You said (b):</strong> Try camomile &lt;tea&gt;. "
                "<strong>A roadblock.</strong>") in html
        assert "<strong>A more present reply (a):</strong> Nights have been long." in html
        assert html.count("<li>") == 3 and html.count("A more present reply") == 1
        assert html.endswith(f"</ol><p><strong>Debrief.</strong> {DEBRIEF}</p>")

    def test_no_reply_says_so(self):
        assert KIND.feedback_html(item(), None, IN_FILE_ORDER) == (
            f"<ol><li>No reply was given.</li></ol><p><strong>Debrief.</strong> {DEBRIEF}</p>")

    def test_lines_are_the_debrief_as_plain_text(self):
        lines = KIND.feedback_lines(item(), ["b", "a", "a"], SEEDED)
        letter = SEEDED.turn_letters("jo-night", item().turn("start"))["b"]
        assert lines[0] == "- The peer said: \u201cI can't sleep again.\u201d"
        assert lines[1].startswith(f"You said ({letter}): Try camomile <tea>. A roadblock.")
        assert lines[2].startswith("A more present reply (")
        assert not any("<strong>" in line for line in lines) and lines[-1] == f"Debrief. {DEBRIEF}"


class TestView:
    def test_is_the_conversation_widget(self, tmp_path):
        from course_utils.items.widgets.branching import BranchingView

        assert isinstance(KIND.view(item(), AnswerStore(tmp_path)), BranchingView)


class TestSimulate:
    def test_certain_learner_says_the_best_reply_at_every_turn(self):
        path = KIND.simulate(item(), 1.0, random.Random(0))
        assert path == ["a", "a", "a"] and KIND.fraction(item(), path)[0] == 1.0

    def test_hopeless_learner_never_says_the_best_reply(self):
        rng = random.Random(0)
        for _ in range(20):
            steps, current = replay(item().turns, KIND.simulate(item(), 0.0, rng))
            assert current is None and len(steps) == 3
            assert all(r.quality < 2 for _, r in steps)

    def test_every_path_is_said_to_the_end(self):
        rng = random.Random(1)
        for _ in range(30):
            path = KIND.simulate(item(), 0.5, rng)
            steps, current = replay(item().turns, path)
            assert KIND.well_formed(path) and len(steps) == len(path) and current is None

    def test_a_turn_with_one_reply_has_it_said_whatever_p(self):
        only = Item(id="x", kind="branching", mode="practice", prompt="?", scenario=Scenario("s"),
                    competencies=(2,), turns=(Turn("t", "Hi.", "opens", (Reply("a", "Hi.", 1, "", "end"),)),))
        assert KIND.simulate(only, 0.0, random.Random(0)) == ["a"]


class TestGuess:
    def test_at_each_turn_the_reply_the_guesser_likes_best_as_shown(self):
        conv, guesser = item(), Guesser()
        path = KIND.guess(conv, SEEDED, guesser)
        steps, current = replay(conv.turns, path)
        assert current is None and len(steps) == 3
        assert len(guesser.shown) == 3
        for (turn, said), (ids, texts) in zip(steps, guesser.shown, strict=True):
            assert ids == SEEDED.turn_order(conv.id, turn)
            assert texts == [turn.reply(rid).text for rid in ids]
            assert said.id == ids[-1]
