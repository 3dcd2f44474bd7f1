"""`cpsw roleplay`: a persona played in the terminal, from typed or scripted replies."""

from __future__ import annotations

import subprocess
import sys

from helpers import REPO, run_cpsw

from course_utils.instructor.roleplay_terminal import HELP_LINE, find_roleplay, play_in_terminal, script_lines

SCRIPTS = REPO / "tests" / "data" / "roleplay_scripts"
ITEM = "bp-roleplay-letter"


class TestPlayInTerminal:
    def test_each_turn_shows_the_reply_the_findings_the_move_and_the_peer(self):
        said: list[str] = []
        item = find_roleplay(REPO / "content", ITEM)
        outcome = play_in_terminal(item, script_lines(SCRIPTS / f"{ITEM}.present.txt"), said.append)
        assert outcome == "opened"
        assert said[0] == HELP_LINE
        assert said[1].startswith(f"{ITEM} (practice): Teodor.")
        first = said.index("You: Eight months of waiting, and then one page. That sounds crushing.")
        assert said[first + 1].startswith("   found: reflection (")
        assert said[first + 2].startswith("   Teodor took it as: connected (A reflection).")
        assert said[first + 3] == "   [guarded -> opening up]"
        assert said[first + 4].startswith("Teodor: [He looks up from the letter for a moment.] ")
        end = said.index("outcome: opened")
        assert said[end + 1].startswith("Path: guarded > opening up")
        assert said[-1].startswith("Next time, try:")

    def test_lines_after_the_end_are_not_read(self):
        said: list[str] = []
        item = find_roleplay(REPO / "content", ITEM)
        replies = [*script_lines(SCRIPTS / f"{ITEM}.missteps.txt"), "It sounds like you want to go."]
        assert play_in_terminal(item, replies, said.append) == "withdrew"
        assert "You: It sounds like you want to go." not in said

    def test_a_script_skips_blank_and_comment_lines(self, tmp_path):
        path = tmp_path / "s.txt"
        path.write_text("# a comment\n\nFirst reply.\n  Second reply.  \n", encoding="utf-8")
        assert script_lines(path) == ["First reply.", "Second reply."]


class TestCpswRoleplay:
    def test_a_script_plays_to_its_outcome_from_the_repo(self):
        done = run_cpsw(REPO, "roleplay", ITEM, "--script", str(SCRIPTS / f"{ITEM}.mixed.txt"))
        assert done.returncode == 0, done.stderr
        assert "outcome: stayed guarded" in done.stdout.splitlines()

    def test_replies_can_be_typed_one_per_line(self):
        done = subprocess.run([sys.executable, "-m", "course_utils.cli", "roleplay", ITEM], cwd=REPO,
                              input="You should call them and appeal it today.\n"
                                    "Anyway, how about that game?\n",
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "outcome: withdrew" in done.stdout.splitlines()

    def test_an_unknown_item_lists_the_roleplays(self):
        done = run_cpsw(REPO, "roleplay", "bp-nothing")
        assert done.returncode == 1
        assert "no role-play has the id 'bp-nothing'" in done.stderr and ITEM in done.stderr

    def test_an_unreadable_script_says_what_to_give(self, tmp_path):
        done = run_cpsw(REPO, "roleplay", ITEM, "--script", str(tmp_path / "missing.txt"))
        assert done.returncode == 1
        assert "the script could not be read" in done.stderr and "one reply per line" in done.stderr
