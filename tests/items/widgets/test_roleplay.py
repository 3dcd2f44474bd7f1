"""The role-play widget (items/widgets/roleplay.py): type a reply, Send, the simulated peer answers."""

from __future__ import annotations

import json
from dataclasses import replace
from html import escape

import ipywidgets as w
import pytest

from course_utils.core.storage import AnswerStore
from course_utils.items.public import from_public, to_public
from course_utils.items.render_roleplay import transcript_html
from course_utils.items.roleplay import TURNS
from course_utils.items.roleplay_play import play_talk
from course_utils.items.widgets import make_view
from course_utils.items.widgets.roleplay import RolePlayView

ITEM = "bp-roleplay-letter"
# With seed 0 these four replies take Teodor from guarded to opened (checked in TestEnd).
PRESENT = ["Eight months of waiting, and then just one page. That sounds crushing.",
           "It sounds like all that waiting, for one page, has worn you down.",
           "Being on your buddy's couch and feeling in the way sounds really hard.",
           "You were proud of yourself for applying, and it hurts that asking got you this."]
ADVICE = "You should call them and ask why."
# Yes-or-no questions keep him where he is until the turns run out.
CLOSED = ["Did you eat today?", "Have you had breakfast?", "Is that the letter?", "Did you sleep ok?",
          "Is it cold in here?", "Do you want tea?", "Is it raining out?", "Did you take the bus?"]


@pytest.fixture
def full(module):
    return module.item(ITEM)


@pytest.fixture
def practice(full):
    """The learner's copy of the practice role-play."""
    return from_public(to_public(full))


@pytest.fixture
def graded(full):
    """The learner's copy of the same role-play made graded (its states sealed, then opened)."""
    return from_public(to_public(replace(full, mode="graded", points=3)))


def saved(folder):
    return json.loads((folder / "answers.json").read_text())["answers"][ITEM]["value"]


def send(view, reply: str) -> None:
    view.text.value = reply
    view.send_button.click()


def shown(widget) -> bool:
    return widget.layout.display != "none"


def buttons(view) -> list[str]:
    return [b.description for row in view.children if isinstance(row, w.HBox)
            for b in row.children if isinstance(b, w.Button) and shown(row)]


class TestStart:
    def test_the_kind_builds_this_view(self, practice, tmp_path):
        assert type(make_view(practice, AnswerStore(tmp_path))) is RolePlayView

    def test_opens_with_the_help_line_first_and_the_peers_first_words(self, practice, full, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        help_now = view.children[0].value  # above the scenario
        assert "Situation." in view.children[1].value
        assert "stop at any time" in help_now and "988" in help_now and "741741" in help_now
        assert escape(full.scenario.peer_says) in view.transcript.value
        assert "You:" not in view.transcript.value
        assert view.text.description == "Your reply" and not view.send_button.disabled
        assert "saved as soon as you press Send" in view.status.value

    def test_practice_says_nothing_of_grading(self, practice, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        assert not [c for c in view.children if "is final" in str(getattr(c, "value", ""))]

    def test_retry_and_start_over_are_off_until_a_reply_is_sent(self, practice, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        assert view.again_button.disabled and view.restart_button.disabled
        send(view, PRESENT[0])
        assert not view.again_button.disabled and not view.restart_button.disabled


class TestSend:
    def test_send_saves_the_reply_at_once_and_clears_the_box(self, practice, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        send(view, PRESENT[0])
        assert saved(tmp_path) == {"replies": [PRESENT[0]], "seed": 0}
        assert view.text.value == ""
        assert "Read how the peer answers" in view.status.value

    def test_peer_answers_with_the_line_and_cue_the_engine_picks(self, practice, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        send(view, PRESENT[0])
        send(view, PRESENT[1])
        [*_, step] = play_talk(practice, PRESENT[:2], 0).steps
        assert f"<strong>You:</strong> {escape(PRESENT[1])}" in view.transcript.value
        assert f"<em>{escape(step.cue)}</em> &ldquo;{escape(step.peer)}&rdquo;" in view.transcript.value
        assert saved(tmp_path)["replies"] == PRESENT[:2]

    @pytest.mark.parametrize("typed", ["", "   \n  "])
    def test_empty_reply_is_refused_and_nothing_saved(self, practice, tmp_path, typed):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        send(view, typed)
        assert "Write a reply first" in view.status.value
        assert view.replies == []
        assert AnswerStore(tmp_path).get(ITEM) is None

    def test_reply_is_saved_trimmed(self, practice, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        send(view, f"  {PRESENT[0]}\n")
        assert saved(tmp_path)["replies"] == [PRESENT[0]]


class TestPractice:
    def test_each_turn_shows_the_findings_with_the_words_marked(self, practice, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        send(view, ADVICE)
        assert "Advising, giving solutions: a misstep.</strong></p>" in view.feedback.value
        assert '<mark class="cps-roadblock" title="Advising">' in view.feedback.value
        assert "Teodor is now <em>closing off</em>." in view.feedback.value

    def test_connecting_reply_is_said_to_connect(self, practice, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        send(view, PRESENT[0])
        assert "A reflection: connected.</strong> You gave back what you heard" in view.feedback.value
        assert "Teodor is now <em>opening up</em>." in view.feedback.value

    def test_take_that_turn_again_removes_the_last_reply_and_counts_the_try(self, practice, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        send(view, PRESENT[0])
        first_line = view.talk.steps[0].peer
        send(view, ADVICE)
        view.again_button.click()
        assert saved(tmp_path) == {"replies": [PRESENT[0]], "seed": 0, "tries": [0, 1]}
        assert view.talk.steps[0].peer == first_line, "the turns before it stay as they were"
        assert escape(ADVICE) not in view.transcript.value
        assert view.text.value == ADVICE  # back in the box, to be rewritten
        assert view.transcript.value.count("<strong>You:</strong>") == 1
        send(view, PRESENT[1])
        assert saved(tmp_path) == {"replies": PRESENT[:2], "seed": 0, "tries": [0, 1]}

    def test_take_again_gives_the_peer_another_line(self, practice, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        send(view, PRESENT[0])
        before = view.talk.steps[-1].peer
        view.again_button.click()
        send(view, PRESENT[0])
        assert view.talk.steps[-1].peer != before
        assert escape(view.talk.steps[-1].peer) in view.transcript.value

    def test_start_over_asks_first_then_clears_with_a_new_seed(self, practice, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        send(view, PRESENT[0])
        send(view, PRESENT[1])
        view.restart_button.click()
        question, yes, keep = view.confirm.children
        assert shown(view.confirm) and "Start this conversation again?" in question.value
        assert saved(tmp_path)["replies"] == PRESENT[:2]
        yes.click()
        assert saved(tmp_path) == {"replies": [], "seed": 1}
        assert not shown(view.confirm) and view.feedback.value == ""
        assert "You:" not in view.transcript.value

    def test_keep_my_replies_puts_the_question_away(self, practice, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        send(view, PRESENT[0])
        view.restart_button.click()
        view.confirm.children[2].click()
        assert not shown(view.confirm) and saved(tmp_path)["replies"] == [PRESENT[0]]


class TestEnd:
    def test_opening_up_ends_with_the_outcome_and_the_debrief(self, practice, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        for reply in PRESENT:
            send(view, reply)
        assert view.talk.outcome == "opened"
        assert "The conversation has ended. Outcome: opened." in view.feedback.value
        assert '<div class="cps-debrief">' in view.feedback.value and "Path: guarded" in view.feedback.value
        assert "read the debrief below, or start over" in view.status.value

    def test_ended_talk_hides_the_box_and_disables_send(self, practice, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        for reply in CLOSED:
            send(view, reply)
        assert view.talk.outcome == "guarded" and len(view.replies) == TURNS[1]
        assert view.send_button.disabled and not shown(view.text) and not shown(view.send_button)
        assert view.transcript.value.endswith("<p><em>The conversation ends here.</em></p></div>")
        assert escape(view.talk.closing) in view.transcript.value
        send(view, "One more?")
        assert len(saved(tmp_path)["replies"]) == TURNS[1]

    def test_take_again_after_the_end_reopens_the_talk(self, practice, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        for reply in PRESENT:
            send(view, reply)
        view.again_button.click()
        assert not view.talk.ended and not view.send_button.disabled and shown(view.text)


class TestGraded:
    def test_says_each_reply_is_final_and_shows_no_retry(self, graded, tmp_path):
        view = RolePlayView(graded, AnswerStore(tmp_path))
        notes = [c.value for c in view.children
                 if "each reply you send is final" in str(getattr(c, "value", ""))]
        assert len(notes) == 1 and "graded after you submit" in notes[0] and "988" in notes[0]
        send(view, ADVICE)
        assert buttons(view) == ["Send"]

    def test_no_findings_no_verdict_and_retry_is_ignored(self, graded, tmp_path):
        view = RolePlayView(graded, AnswerStore(tmp_path))
        send(view, ADVICE)
        send(view, PRESENT[0])
        assert view.feedback.value == ""
        view.show_feedback()
        view.take_again()
        view.ask_start_over()
        view.start_over()
        assert view.feedback.value == "" and not shown(view.confirm)
        assert saved(tmp_path) == {"replies": [ADVICE, PRESENT[0]], "seed": 0}
        assert "misstep" not in view.transcript.value and "connected" not in view.transcript.value

    def test_ended_graded_talk_says_the_debrief_comes_with_the_grades(self, graded, tmp_path):
        view = RolePlayView(graded, AnswerStore(tmp_path))
        for reply in PRESENT:
            send(view, reply)
        assert view.talk.ended and view.send_button.disabled
        assert "its debrief comes back with your grades" in view.status.value
        assert view.feedback.value == "" and "Debrief" not in view.transcript.value


class TestRestore:
    def test_saved_answer_rebuilds_the_transcript(self, practice, tmp_path):
        first = RolePlayView(practice, AnswerStore(tmp_path))
        send(first, PRESENT[0])
        send(first, ADVICE)
        again = RolePlayView(practice, AnswerStore(tmp_path))
        assert again.read_answer() == {"replies": [PRESENT[0], ADVICE], "seed": 0}
        assert again.transcript.value == first.transcript.value
        assert "Your saved answer was restored." in again.status.value
        assert "a misstep" in again.feedback.value  # practice: the last turn's findings again

    def test_restores_a_seed_other_than_zero(self, practice, tmp_path):
        AnswerStore(tmp_path).set(ITEM, {"replies": PRESENT[:2], "seed": 3})
        view = RolePlayView(practice, AnswerStore(tmp_path))
        assert view.read_answer() == {"replies": PRESENT[:2], "seed": 3}
        assert transcript_html(play_talk(practice, PRESENT[:2], 3)) in view.transcript.value

    def test_set_answer_saves_it_as_sending_would(self, practice, tmp_path):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        view.set_answer({"replies": [ADVICE], "seed": 2})
        assert saved(tmp_path) == {"replies": [ADVICE], "seed": 2}
        assert f"<strong>You:</strong> {escape(ADVICE)}" in view.transcript.value

    @pytest.mark.parametrize("bad", [["a"], "a", {"replies": "a"}, {"replies": [1]},
                                     {"replies": [], "seed": -1}, {"replies": [], "seed": True},
                                     {"replies": [], "other": 1}])
    def test_set_answer_refuses_a_wrong_shape(self, practice, tmp_path, bad):
        view = RolePlayView(practice, AnswerStore(tmp_path))
        with pytest.raises(TypeError, match="role-play answer"):
            view.set_answer(bad)

    def test_wrong_saved_shape_is_reported_and_kept(self, practice, tmp_path):
        AnswerStore(tmp_path).set(ITEM, ["a"])
        view = RolePlayView(practice, AnswerStore(tmp_path))
        assert "could not be shown; please answer again" in view.status.value
        assert view.replies == [] and saved(tmp_path) == ["a"]

    def test_replies_past_the_end_are_reported(self, practice, tmp_path):
        AnswerStore(tmp_path).set(ITEM, {"replies": [*PRESENT, "And then?"], "seed": 0})
        view = RolePlayView(practice, AnswerStore(tmp_path))
        assert "could not be shown" in view.status.value and view.replies == []
