"""The branching conversation widget (items/widgets/branching.py): say a reply, the peer answers."""

from __future__ import annotations

import json
from html import escape

import ipywidgets as w
import pytest

from course_utils.core.storage import AnswerStore
from course_utils.core.vocab import MOODS, QUALITY_LABELS
from course_utils.items.conversation import replay
from course_utils.items.public import from_public, to_public
from course_utils.items.scoring import score_item
from course_utils.items.widgets.branching import BranchingView


def item_of(module, mode: str):
    """The learner's (public) copy of the first conversation of a mode, and the full item."""
    full = next(i for i in module.items if i.kind == "branching" and i.mode == mode)
    return from_public(to_public(full)), full


def saved(folder, item_id):
    return json.loads((folder / "answers.json").read_text())["answers"][item_id]["value"]


def current_turn(view):
    """The turn the view waits at (in the learner's copy), or None at the end."""
    return replay(view.item.turns, view.path)[1]


def full_turn(full, turn):
    """The full item's turn for a turn of the learner's copy (graded copies have other turn ids)."""
    return next(t for t in full.turns if t.peer_says == turn.peer_says)


def say(view, reply_id: str) -> None:
    view.radio.value = reply_id
    view.say_button.click()


def say_best_to_the_end(view, full) -> None:
    while (turn := current_turn(view)) is not None:
        say(view, max(full_turn(full, turn).replies, key=lambda r: r.quality).id)


class TestStart:
    @pytest.mark.parametrize("mode", ["practice", "graded"])
    def test_opens_at_the_first_turn_with_its_replies_lettered(self, module, tmp_path, mode):
        public, full = item_of(module, mode)
        view = BranchingView(public, AnswerStore(tmp_path))
        first = full.turns[0]
        assert escape(first.peer_says) in view.transcript.value
        letters = [label[:4] for label, _ in view.radio.options]
        assert letters == [f"({c}) " for c in "abcd"[:len(first.replies)]]
        assert sorted(rid for _, rid in view.radio.options) == sorted(r.id for r in first.replies)
        assert {rid: label[4:] for label, rid in view.radio.options} == {r.id: r.text for r in first.replies}
        assert view.radio.value is None and not view.say_button.disabled

    def test_practice_transcript_shows_the_peers_mood(self, module, tmp_path):
        public, full = item_of(module, "practice")
        view = BranchingView(public, AnswerStore(tmp_path))
        assert f"<strong>Peer</strong> <em>({MOODS[full.turns[0].mood]})</em>:" in view.transcript.value

    def test_graded_transcript_carries_no_mood(self, module, tmp_path):
        public, full = item_of(module, "graded")
        view = BranchingView(public, AnswerStore(tmp_path))
        say_best_to_the_end(view, full)
        assert view.transcript.value.count("<p><strong>Peer</strong>: &ldquo;") == len(view.path)
        assert "<em>(" not in view.transcript.value


class TestSay:
    def test_say_with_no_reply_chosen_asks_for_one_and_saves_nothing(self, module, tmp_path):
        public, full = item_of(module, "practice")
        view = BranchingView(public, AnswerStore(tmp_path))
        view.say_button.click()
        assert "Choose a reply first, then press Say this reply." in view.status.value
        assert view.path == []
        assert full.id not in json.loads((tmp_path / "answers.json").read_text())["answers"]

    def test_saying_a_reply_saves_the_path_and_moves_to_its_next_turn(self, module, tmp_path):
        public, full = item_of(module, "practice")
        view = BranchingView(public, AnswerStore(tmp_path))
        reply = full.turns[0].replies[0]
        say(view, reply.id)
        assert saved(tmp_path, full.id) == [reply.id]
        assert f"<strong>You:</strong> {escape(reply.text)}" in view.transcript.value
        assert escape(full.turn(reply.next).peer_says) in view.transcript.value
        next_turn = full.turn(reply.next)
        assert sorted(rid for _, rid in view.radio.options) == sorted(r.id for r in next_turn.replies)
        assert "Read how the peer answers, then choose your next reply." in view.status.value

    def test_practice_reply_gets_its_quality_and_why(self, module, tmp_path):
        public, full = item_of(module, "practice")
        view = BranchingView(public, AnswerStore(tmp_path))
        reply = min(full.turns[0].replies, key=lambda r: r.quality)
        say(view, reply.id)
        assert f"<strong>{QUALITY_LABELS[reply.quality]}.</strong>" in view.feedback.value
        assert escape(reply.explanation) in view.feedback.value

    def test_practice_end_hides_the_replies_and_shows_the_debrief(self, module, tmp_path):
        public, full = item_of(module, "practice")
        view = BranchingView(public, AnswerStore(tmp_path))
        say_best_to_the_end(view, full)
        assert view.radio.layout.display == "none" and view.say_button.disabled
        assert view.radio.options == ()
        assert "<strong>Debrief.</strong>" in view.feedback.value
        assert "read the debrief below, or start over" in view.status.value
        steps, current = replay(full.turns, saved(tmp_path, full.id))
        assert current is None and all(reply.quality == 2 for _, reply in steps)

    def test_graded_best_path_saved_from_the_sealed_copy_earns_full_points(self, module, tmp_path):
        """The learner's copy has sealed turns and no qualities; its saved path grades on the full item."""
        public, full = item_of(module, "graded")
        assert all(r.quality is None for t in public.turns for r in t.replies)
        view = BranchingView(public, AnswerStore(tmp_path))
        say_best_to_the_end(view, full)
        assert score_item(full, saved(tmp_path, full.id)).earned == full.points

    def test_graded_conversation_shows_no_verdict_and_says_replies_are_final(self, module, tmp_path):
        public, full = item_of(module, "graded")
        view = BranchingView(public, AnswerStore(tmp_path))
        while current_turn(view) is not None:
            say(view, view.radio.options[-1][1])
            assert view.feedback.value == ""
        view.show_feedback()
        assert view.feedback.value == ""
        assert "In a graded conversation each reply is final." in view.status.value
        assert saved(tmp_path, full.id) == view.path


def shown(widget) -> bool:
    return widget.layout.display != "none"


class TestStartOver:
    def test_first_press_only_asks_and_clears_nothing(self, module, tmp_path):
        public, full = item_of(module, "practice")
        view = BranchingView(public, AnswerStore(tmp_path))
        say_best_to_the_end(view, full)
        path = list(view.path)
        assert not shown(view.confirm)
        view.restart_button.click()
        assert shown(view.confirm)
        question, yes, keep = view.confirm.children
        assert "Start this conversation again?" in question.value
        assert "Your replies so far will be cleared." in question.value
        assert (yes.description, keep.description) == ("Yes, start over", "Keep my replies")
        assert view.path == path and saved(tmp_path, full.id) == path

    def test_yes_clears_the_saved_path(self, module, tmp_path):
        public, full = item_of(module, "practice")
        view = BranchingView(public, AnswerStore(tmp_path))
        say_best_to_the_end(view, full)
        view.restart_button.click()
        view.confirm.children[1].click()
        assert view.path == [] and saved(tmp_path, full.id) == []
        assert view.feedback.value == "" and not shown(view.confirm)
        assert view.radio.layout.display is None and not view.say_button.disabled
        assert sorted(rid for _, rid in view.radio.options) == sorted(r.id for r in full.turns[0].replies)

    def test_keep_my_replies_puts_the_question_away(self, module, tmp_path):
        public, full = item_of(module, "practice")
        view = BranchingView(public, AnswerStore(tmp_path))
        say(view, full.turns[0].replies[0].id)
        view.restart_button.click()
        view.confirm.children[2].click()
        assert not shown(view.confirm)
        assert view.path == [full.turns[0].replies[0].id] == saved(tmp_path, full.id)

    def test_start_over_is_off_until_a_reply_is_said(self, module, tmp_path):
        public, full = item_of(module, "practice")
        view = BranchingView(public, AnswerStore(tmp_path))
        assert view.restart_button.disabled
        say(view, full.turns[0].replies[0].id)
        assert not view.restart_button.disabled

    def test_graded_has_no_start_over_and_ignores_one(self, module, tmp_path):
        public, full = item_of(module, "graded")
        view = BranchingView(public, AnswerStore(tmp_path))
        first = view.radio.options[0][1]
        say(view, first)
        [row] = [c for c in view.children if isinstance(c, w.HBox)]
        assert [b.description for b in row.children] == ["Say this reply"]
        view.ask_start_over()
        view.start_over()
        assert view.path == [first] and saved(tmp_path, full.id) == [first]


class TestGradedNote:
    def test_graded_says_replies_are_final_before_the_first_reply(self, module, tmp_path):
        public, _ = item_of(module, "graded")
        view = BranchingView(public, AnswerStore(tmp_path))
        notes = [c for c in view.children[:view.children.index(view.radio)]
                 if "each reply you say is final" in str(getattr(c, "value", ""))]
        assert len(notes) == 1 and "This conversation is graded" in notes[0].value

    def test_practice_has_no_such_note(self, module, tmp_path):
        public, _ = item_of(module, "practice")
        view = BranchingView(public, AnswerStore(tmp_path))
        assert not [c for c in view.children if "is final" in str(getattr(c, "value", ""))]


class TestEnd:
    @pytest.mark.parametrize("mode", ["practice", "graded"])
    def test_ended_transcript_closes_with_a_line_of_its_own(self, module, tmp_path, mode):
        public, full = item_of(module, mode)
        view = BranchingView(public, AnswerStore(tmp_path))
        assert "The conversation ends here." not in view.transcript.value
        say_best_to_the_end(view, full)
        assert view.transcript.value.endswith("<p><em>The conversation ends here.</em></p>")


class TestRestore:
    def test_saved_path_is_replayed_to_the_turn_it_reached(self, module, tmp_path):
        public, full = item_of(module, "graded")
        first = BranchingView(public, AnswerStore(tmp_path))
        for _ in range(2):
            say(first, first.radio.options[0][1])
        again = BranchingView(public, AnswerStore(tmp_path))
        assert again.path == first.path == saved(tmp_path, full.id)
        assert again.transcript.value == first.transcript.value
        assert again.radio.options == first.radio.options and again.radio.value is None
        assert "Your saved answer was restored." in again.status.value

    @pytest.mark.parametrize("damaged", ["a", {"0": "a"}, ["zz"]])
    def test_path_that_cannot_be_replayed_is_reported_and_kept(self, module, tmp_path, damaged):
        public, full = item_of(module, "graded")
        AnswerStore(tmp_path).set(full.id, damaged)
        view = BranchingView(public, AnswerStore(tmp_path))
        assert "could not be shown; please answer again" in view.status.value
        assert view.path == []
        assert saved(tmp_path, full.id) == damaged

    def test_path_going_on_past_the_end_is_reported(self, module, tmp_path):
        public, full = item_of(module, "practice")
        view = BranchingView(public, AnswerStore(tmp_path))
        say_best_to_the_end(view, full)
        too_long = [*view.path, full.turns[0].replies[0].id]
        AnswerStore(tmp_path).set(full.id, too_long)
        again = BranchingView(public, AnswerStore(tmp_path))
        assert "could not be shown" in again.status.value
        assert saved(tmp_path, full.id) == too_long

    def test_set_answer_refuses_what_is_not_a_list(self, module, tmp_path):
        public, _ = item_of(module, "practice")
        view = BranchingView(public, AnswerStore(tmp_path))
        with pytest.raises(TypeError, match="list of reply ids"):
            view.set_answer("a")
