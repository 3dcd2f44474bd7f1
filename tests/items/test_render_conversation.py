"""Plain renderings of a branching conversation: peer labels, letters, transcript and debrief."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers import REPO

from course_utils.content.loader import load_course
from course_utils.core.display_order import IN_FILE_ORDER, DisplayOrder, turn_salt
from course_utils.core.vocab import QUALITY_LABELS
from course_utils.items.conversation import replay
from course_utils.items.model import Item, Reply, Scenario, Turn
from course_utils.items.public import from_public, to_public
from course_utils.items.render_conversation import debrief_html, peer_label, reply_letter, transcript_lines

MODULES = load_course(REPO / "content")
BRANCHING = [i for m in MODULES for i in m.items if i.kind == "branching"]
GRADED_BRANCHING = [i for i in BRANCHING if i.graded]
SEED = DisplayOrder("user:sam")


def turn(turn_id: str, peer_says: str, mood: str, *replies: Reply) -> Turn:
    return Turn(turn_id, peer_says, mood, replies)


ITEM = Item(
    id="test-branch", kind="branching", mode="practice", prompt="Choose what you say.",
    scenario=Scenario("Sam sits down after group."), competencies=(1, 9),
    debrief="Presence keeps Sam talking; advice shuts him down.",
    turns=(
        turn("start", "Group was pointless.", "guarded",
             Reply("a", "It didn't give you what you needed.", 2, "Reflects.", "open"),
             Reply("b", "You should give it time.", 0, "Advice.", "shut", "advising"),
             Reply("c", "It wasn't great, then.", 2, "Also reflects.", "open")),
        turn("open", "Nobody <i>listened</i> to me.", "opens",
             Reply("a", "That sounds lonely.", 2, "Names the feeling.", "end"),
             Reply("b", "Did you <b>speak up</b>?", 1, "A closed question & a nudge.", "end")),
        turn("shut", "Whatever.", "withdraws",
             Reply("a", "Sorry, I jumped ahead. What happened?", 2, "Repairs.", "end"),
             Reply("b", "Anyway, how is work?", 0, "Changes topic.", "end", "distracting")),
    ),
)
START, OPEN, SHUT = ITEM.turns


def learner_copy(item: Item) -> Item:
    """The item as a learner's items file holds it (a graded conversation is sealed)."""
    return from_public(to_public(item))


def out_of_id_order(item: Item) -> bool:
    """Whether some turn lists its replies out of id order (the sealed copy lists them by id)."""
    return any([r.id for r in t.replies] != sorted(r.id for r in t.replies) for t in item.turns)


def path_by(item: Item, pick) -> list[str]:
    """The reply ids said when pick chooses one reply at each turn, to the end."""
    path: list[str] = []
    while True:
        _, current = replay(item.turns, path)
        if current is None:
            return path
        path.append(pick(current.replies).id)


def best_path(item: Item) -> list[str]:
    return path_by(item, lambda replies: max(replies, key=lambda r: r.quality))


def worst_path(item: Item) -> list[str]:
    return path_by(item, lambda replies: min(replies, key=lambda r: r.quality))


class TestPeerLabel:
    @pytest.mark.parametrize("mood,words", [("opens", "opening up"), ("guarded", "guarded"),
                                            ("withdraws", "withdrawing")])
    def test_names_the_mood_in_words(self, mood, words):
        assert peer_label(replace(START, mood=mood)) == f"Peer ({words})"

    def test_html_puts_peer_in_bold_and_the_mood_in_italics(self):
        assert peer_label(START, html=True) == "<strong>Peer</strong> <em>(guarded)</em>"

    @pytest.mark.parametrize("mood", ["", "None", "angry"])
    def test_no_known_mood_is_just_peer(self, mood):
        assert peer_label(replace(START, mood=mood)) == "Peer"
        assert peer_label(replace(START, mood=mood), html=True) == "<strong>Peer</strong>"

    @pytest.mark.parametrize("item", GRADED_BRANCHING, ids=lambda i: i.id)
    def test_sealed_graded_copy_shows_no_mood(self, item):
        assert all(peer_label(t) == "Peer" for t in learner_copy(item).turns)
        assert all(peer_label(t) != "Peer" for t in item.turns)


class TestReplyLetter:
    def test_file_order_letters_follow_the_content(self):
        assert [reply_letter(ITEM, START, r.id, IN_FILE_ORDER) for r in START.replies] == ["a", "b", "c"]

    def test_seeded_letters_are_the_learners_display_letters(self):
        ids = [r.id for r in START.replies]
        expected = SEED.letters(ids, turn_salt(ITEM.id, START.peer_says))
        assert {rid: reply_letter(ITEM, START, rid, SEED) for rid in ids} == expected

    def test_some_learner_sees_a_shuffled_order(self):
        shown = {tuple(reply_letter(ITEM, START, r.id, DisplayOrder(f"user:{n}")) for r in START.replies)
                 for n in range(20)}
        assert len(shown) > 1 and all(sorted(s) == ["a", "b", "c"] for s in shown)

    def test_unknown_reply_id_is_shown_as_itself(self):
        assert reply_letter(ITEM, START, "zz", SEED) == "zz"

    def test_some_graded_conversation_lists_replies_out_of_id_order(self):
        """The case that matters below: the two copies list such a turn's replies differently."""
        assert any(out_of_id_order(i) for i in GRADED_BRANCHING)

    @pytest.mark.parametrize("item", GRADED_BRANCHING, ids=lambda i: i.id)
    def test_sealed_copy_gives_the_same_letters_as_the_full_copy(self, item):
        """Turn ids differ between the copies; the letters a learner saw must not."""
        sealed = {t.peer_says: t for t in learner_copy(item).turns}
        assert {t.id for t in sealed.values()}.isdisjoint({t.id for t in item.turns})
        for full in item.turns:
            mine = sealed[full.peer_says]
            for r in full.replies:
                assert reply_letter(item, full, r.id, SEED) == reply_letter(item, mine, r.id, SEED)


class TestTranscriptLines:
    def test_finished_conversation_is_two_lines_per_turn(self):
        assert transcript_lines(ITEM, ["a", "b"]) == [
            "Peer (guarded): Group was pointless.",
            "You (a): It didn't give you what you needed.",
            "Peer (opening up): Nobody <i>listened</i> to me.",
            "You (b): Did you <b>speak up</b>?",
        ]

    def test_unfinished_conversation_ends_with_the_peer_and_says_so(self):
        assert transcript_lines(ITEM, ["b"]) == [
            "Peer (guarded): Group was pointless.",
            "You (b): You should give it time.",
            "Peer (withdrawing): Whatever.",
            "(The conversation was not finished.)",
        ]

    @pytest.mark.parametrize("answer", [None, [], "a", {"start": "a"}])
    def test_nothing_said_is_no_lines(self, answer):
        assert transcript_lines(ITEM, answer) == []

    def test_stops_at_a_reply_not_open_at_that_turn(self):
        assert transcript_lines(ITEM, ["b", "zz", "a"]) == transcript_lines(ITEM, ["b"])

    def test_letters_are_the_learners_own(self):
        lines = transcript_lines(ITEM, ["c", "a"], SEED)
        assert lines[1] == f"You ({reply_letter(ITEM, START, 'c', SEED)}): It wasn't great, then."
        assert lines[3] == f"You ({reply_letter(ITEM, OPEN, 'a', SEED)}): That sounds lonely."

    @pytest.mark.parametrize("item", BRANCHING, ids=lambda i: i.id)
    def test_best_path_of_every_content_conversation_is_finished(self, item):
        path = best_path(item)
        lines = transcript_lines(item, path)
        assert len(lines) == 2 * len(path)
        assert lines[0].endswith(item.turns[0].peer_says)
        assert not any("not finished" in line for line in lines)


class TestDebriefHtml:
    def test_one_list_entry_per_reply_said_then_the_debrief(self):
        html = debrief_html(ITEM, ["a", "a"])
        assert html.startswith("<ol>") and html.count("<li>") == 2
        assert html.endswith("</ol><p><strong>Debrief.</strong> "
                             "Presence keeps Sam talking; advice shuts him down.</p>")

    def test_each_reply_gets_its_quality_and_why(self):
        html = debrief_html(ITEM, ["b", "b"])
        assert f"<strong>{QUALITY_LABELS[0]}.</strong> <em>Advice.</em>" in html
        assert f"<strong>{QUALITY_LABELS[0]}.</strong> <em>Changes topic.</em>" in html

    def test_a_weaker_reply_is_shown_the_more_present_one(self):
        html = debrief_html(ITEM, ["b", "b"])
        assert html.count("A more present reply") == 2
        assert "<strong>A more present reply (a):</strong> It didn&#x27;t give you what you needed." in html
        assert "<strong>A more present reply (a):</strong> Sorry, I jumped ahead." in html

    def test_the_best_reply_or_one_as_good_gets_no_suggestion(self):
        assert "A more present reply" not in debrief_html(ITEM, ["a", "a"])
        assert "A more present reply" not in debrief_html(ITEM, ["c", "a"])

    def test_suggested_letter_is_the_learners_own(self):
        html = debrief_html(ITEM, ["b"], SEED)
        better = reply_letter(ITEM, START, "a", SEED)
        assert f"<strong>You said ({reply_letter(ITEM, START, 'b', SEED)}):</strong>" in html
        assert f"<strong>A more present reply ({better}):</strong>" in html

    def test_escapes_peer_words_replies_and_explanations(self):
        html = debrief_html(ITEM, ["a", "b"])
        assert "Nobody &lt;i&gt;listened&lt;/i&gt; to me." in html
        assert "Did you &lt;b&gt;speak up&lt;/b&gt;?" in html
        assert "A closed question &amp; a nudge." in html
        assert "<b>" not in html and "<i>" not in html

    @pytest.mark.parametrize("answer", [None, [], ["zz"]])
    def test_nothing_said_says_so(self, answer):
        assert debrief_html(ITEM, answer).startswith("<ol><li>No reply was given.</li></ol>")

    def test_no_debrief_text_no_debrief_paragraph(self):
        html = debrief_html(replace(ITEM, debrief=""), ["a", "a"])
        assert html.endswith("</ol>") and "Debrief." not in html

    @pytest.mark.parametrize("item", GRADED_BRANCHING, ids=lambda i: i.id)
    def test_copy_without_qualities_gives_no_verdict(self, item):
        """A sealed learner copy carries no qualities: no label and no better reply, but no error."""
        html = debrief_html(learner_copy(item), worst_path(item))
        assert html.count("<li>") == len(worst_path(item))
        assert "A more present reply" not in html
        assert not any(label in html for label in QUALITY_LABELS.values())

    @pytest.mark.parametrize("item", BRANCHING, ids=lambda i: i.id)
    def test_every_missed_better_reply_in_the_content_is_suggested(self, item):
        path = worst_path(item)
        steps, _ = replay(item.turns, path)
        missed = sum(1 for t, r in steps if r.quality < max(x.quality for x in t.replies))
        html = debrief_html(item, path)
        assert missed > 0 and html.count("A more present reply") == missed
        assert "A more present reply" not in debrief_html(item, best_path(item))
