"""The learner's side of the exchange: real nbgrader submit, fetch and list against a local exchange."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from local_exchange import as_learner

from course_utils.learner.exchange import ExchangeResult, _error_of, fetch, released, submit

RELEASED = ("start_here", "being_present")


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """Start here and module 1 in a real exchange; Start here fetched into the learner's home.

    nbgrader finds the learner's configuration through the learner's environment, as in their
    kernel, and keeps its submission cache under JUPYTER_DATA_DIR, away from the real one.
    """
    with as_learner(tmp_path_factory.mktemp("exchange"), RELEASED) as course:
        yield course


def completed(stderr: str, returncode: int = 1, stdout: str = "") -> subprocess.CompletedProcess:
    return subprocess.CompletedProcess(["nbgrader"], returncode, stdout, stderr)


class TestErrorOf:
    """nbgrader's log, as it prints it, read down to the sentence a learner can act on."""

    def test_keeps_the_reason_and_drops_the_generic_failure_line(self):
        done = completed("[SubmitApp | CRITICAL] Assignment not found: /x/outbound/notes\n"
                         "[SubmitApp | ERROR] nbgrader submit failed\n")
        assert _error_of(done) == "Assignment not found: /x/outbound/notes."

    def test_drops_lines_that_only_point_elsewhere(self):
        done = completed("[SubmitApp | CRITICAL] Assignment not found at: /h/notes\n"
                         "[SubmitApp | ERROR] Did you mean: /h/being_present\n"
                         "[SubmitApp | ERROR] See the above traceback for details\n")
        assert _error_of(done) == "Assignment not found at: /h/notes."

    def test_traceback_lines_are_not_part_of_the_message(self):
        done = completed("Traceback (most recent call last):\n  File \"x.py\", line 1\n"
                         "[FetchAssignmentApp | ERROR] You do not have access to this course.\n")
        assert _error_of(done) == "You do not have access to this course."

    def test_without_nbgrader_errors_the_last_stderr_line_is_used(self):
        assert _error_of(completed("first\nModuleNotFoundError: No module named 'nbgrader'\n\n")) == \
            "ModuleNotFoundError: No module named 'nbgrader'"

    def test_a_reason_that_says_failed_is_kept(self):
        done = completed("[SubmitApp | ERROR] Copy failed: No space left on device\n"
                         "[SubmitApp | ERROR] nbgrader submit failed\n")
        assert _error_of(done) == "Copy failed: No space left on device."

    def test_a_bare_failure_line_loses_its_log_prefix(self):
        assert "| ERROR]" not in _error_of(completed("[SubmitApp | ERROR] nbgrader submit failed\n"))

    def test_with_nothing_printed_the_exit_code_is_named(self):
        assert _error_of(completed("", returncode=3)) == "nbgrader stopped (exit code 3)."


class TestWithoutAnExchange:
    """Failures before nbgrader starts: still a result with a plain message, never an exception."""

    def test_submit_of_a_folder_whose_parent_is_gone_is_not_ok(self, tmp_path):
        result = submit(tmp_path / "gone" / "being_present")
        assert isinstance(result, ExchangeResult) and not result.ok
        assert result.message.startswith("Not submitted: ")
        assert "Your answers are still saved here" in result.message

    def test_fetch_into_a_missing_home_is_not_ok(self, tmp_path):
        result = fetch("being_present", tmp_path / "gone")
        assert not result.ok and result.message.startswith("Could not get being_present: ")

    def test_released_from_a_missing_home_is_empty_with_a_reason(self, tmp_path):
        names, error = released(tmp_path / "gone")
        assert names == [] and error


@pytest.mark.slow
class TestSubmit:
    def test_submission_lands_in_the_exchange_inbound(self, local):
        result = submit(local.home / "start_here")
        assert result.ok, result.message
        assert result.message.startswith("Submitted start_here.")
        [submission] = (local.exchange / "being-present" / "inbound").glob("*+start_here+*")
        assert (submission / "start_here.ipynb").is_file()
        assert (submission / "timestamp.txt").is_file()

    def test_folder_that_is_not_an_assignment_gives_nbgraders_reason(self, local):
        notes = local.home / "my_notes"
        notes.mkdir()
        shutil.copy(local.home / "start_here" / "start_here.ipynb", notes / "my_notes.ipynb")
        result = submit(notes)
        assert not result.ok
        assert "Assignment not found" in result.message and "my_notes" in result.message
        for noise in ("Traceback", "| ERROR]", "| CRITICAL]", "nbgrader submit failed"):
            assert noise not in result.message
        assert not list((local.exchange / "being-present" / "inbound").glob("*+my_notes+*"))


@pytest.mark.slow
class TestFetchAndList:
    def test_fetching_an_assignment_already_here_says_so(self, local):
        result = fetch("start_here", local.home)
        assert not result.ok
        assert "already have a copy" in result.message and "start_here" in result.message
        assert "| CRITICAL]" not in result.message

    def test_released_lists_every_released_assignment(self, local):
        assert released(local.home) == (sorted(RELEASED), "")
