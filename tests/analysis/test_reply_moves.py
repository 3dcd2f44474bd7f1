"""A role-play reply read as a move: connecting, neutral or a misstep, and which one."""

from __future__ import annotations

import pytest

from course_utils.analysis.reply_moves import read_move
from course_utils.instructor.testwise import CANNED_REPLY

SAID = ["Eight months on that waiting list, and this is what I get. One page.",
        "I'm on my buddy's couch. He'd never say it, but I know I'm in the way."]
SEEN = ["Teodor is sitting by the window with a folded letter from the housing authority."]


def move(reply: str, earlier: tuple[str, ...] = (), handoff_due: bool = False):
    return read_move(reply, SAID, earlier, handoff_due=handoff_due, seen=SEEN)


class TestReadMove:
    @pytest.mark.parametrize(("reply", "kind", "name"), [
        ("It sounds like being on your buddy's couch leaves you feeling in the way.", "connecting",
         "reflection"),
        ("It makes sense you'd feel hurt after eight months on that list.", "connecting", "validation"),
        ("What has the waiting list been like for you?", "connecting", "open_question"),
        ("Are you thinking about suicide?", "connecting", "asks_about_suicide"),
        ("You should call them tomorrow and appeal.", "misstep", "advising"),
        ("Don't worry, it will all work out.", "misstep", "reassuring"),
        ("Why did you only apply to one place?", "misstep", "probing"),
        ("Did you eat today?", "neutral", "closed_question"),
    ])
    def test_reads_the_move_a_trainer_would(self, reply, kind, name):
        found = move(reply)
        assert (found.kind, found.name) == (kind, name), found.reason

    def test_a_kind_reply_that_takes_up_nothing_they_said_does_not_connect(self):
        """The test-wise learner's one reply fits any scenario, so it shows no listening."""
        found = move(CANNED_REPLY)
        assert found.kind == "neutral" and "does not take up anything" in found.reason

    def test_the_same_words_again_are_a_repeat(self):
        reply = "It sounds like being on your buddy's couch leaves you feeling in the way."
        assert move(reply, earlier=(reply.upper(),)).name == "repeat"
        assert move(reply, earlier=("Something else entirely, about coffee.",)).name == "reflection"

    def test_an_offer_of_988_is_a_warm_handoff_only_where_one_fits(self):
        offer = "Would you be willing to call 988 together, with me right here?"
        assert move(offer, handoff_due=True).name == "warm_handoff"
        assert move(offer).kind == "misstep", "anywhere else it is a suggestion nobody asked for"

    def test_a_handoff_with_a_judgement_is_still_a_misstep(self):
        found = move("You're being dramatic, just call 988 together with me.", handoff_due=True)
        assert found.kind == "misstep"

    def test_a_roadblock_inside_a_change_of_topic_is_named_first(self):
        found = move("Anyway, you should update your resume.")
        assert found.analysis.roadblocks == ("distracting", "advising")
        assert (found.kind, found.name) == ("misstep", "advising")

    def test_an_empty_reply_is_neutral_and_says_so(self):
        found = move("   ")
        assert found.kind == "neutral" and "nothing" in found.reason.lower()

    def test_the_title_is_the_trainers_name_for_it(self):
        assert move("You should call them tomorrow and appeal.").title == "Advising, giving solutions"
        assert move("Did you eat today?").title == "A yes-or-no question"
