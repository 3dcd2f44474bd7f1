"""Plain renderings of a role-play: transcript, a turn's findings, the debrief."""

from __future__ import annotations

from helpers import REPO

from course_utils.content.loader import load_module
from course_utils.items.render_roleplay import (
    debrief_html,
    debrief_lines,
    transcript_html,
    transcript_lines,
    turn_html,
)
from course_utils.items.roleplay_play import play_talk

ITEM = load_module(REPO / "content" / "being_present").item("bp-roleplay-letter")
REFLECT = "Eight months of waiting, and then one page. That sounds crushing."
ADVICE = "You should call them and appeal it today."


class TestTranscript:
    def test_lines_give_the_opening_each_reply_the_cue_and_the_outcome(self):
        lines = transcript_lines(play_talk(ITEM, [REFLECT]))
        assert lines == [f"Teodor: {ITEM.scenario.peer_says}", f"You: {REFLECT}",
                         "Teodor: [He looks up from the letter for a moment.] Yeah. Eight months. I did "
                         "every form they asked for, twice.", "outcome: not finished"]

    def test_moves_are_shown_only_when_asked(self):
        talk = play_talk(ITEM, [ADVICE])
        assert "   (a misstep: Advising, giving solutions)" in transcript_lines(talk, moves=True)
        assert not any("misstep" in line for line in transcript_lines(talk))

    def test_the_closing_line_ends_a_talk_that_ran_out_of_turns(self):
        talk = play_talk(ITEM, ["Did you sleep okay?", "Did you eat today?"] * 4)
        assert transcript_lines(talk)[-2] == f"Teodor: {ITEM.roleplay.closing[0]}"
        assert transcript_lines(talk)[-1] == "outcome: stayed guarded"

    def test_html_escapes_the_learners_words(self):
        html = transcript_html(play_talk(ITEM, ["<b>It sounds like eight months</b> & one page."]))
        assert "&lt;b&gt;" in html and "<b>" not in html


class TestTurnHtml:
    def test_a_connecting_turn_says_why_and_shows_the_findings(self):
        html = turn_html(play_talk(ITEM, [REFLECT]).steps[0])
        assert html.startswith("<p><strong>A reflection: connected.</strong> You gave back")
        assert '<mark class="cps-skill"' in html

    def test_a_misstep_is_explained_once_by_its_finding(self):
        step = play_talk(ITEM, [ADVICE]).steps[0]
        html = turn_html(step)
        assert html.startswith("<p><strong>Advising, giving solutions: a misstep.</strong></p>")
        from course_utils.analysis.reply_rubric import analysis_html

        findings = analysis_html(step.move.analysis)
        assert step.move.reason in findings
        assert html.count(step.move.reason) == findings.count(step.move.reason), "not said again"


class TestDebrief:
    def test_lines_give_path_counts_ratio_roadblocks_and_one_thing_to_try(self):
        lines = debrief_lines(play_talk(ITEM, [REFLECT, ADVICE]))
        assert lines[0] == "Path: guarded > opening up > closing off (outcome: not finished)."
        assert lines[1] == "Replies: 2; connected 1, neutral 0, missteps 1."
        assert lines[2].startswith("Reflections to questions: 1 reflection(s)")
        assert any(line.startswith("Roadblocks: Advising, giving solutions x") for line in lines)
        assert lines[-1].startswith("Next time, try: Hold the advice")

    def test_without_roadblocks_it_says_none(self):
        assert "Roadblocks: none." in debrief_lines(play_talk(ITEM, [REFLECT]))

    def test_html_is_a_list_of_the_same_lines(self):
        talk = play_talk(ITEM, [REFLECT])
        html = debrief_html(talk)
        assert html.count("<li>") == len(debrief_lines(talk))
