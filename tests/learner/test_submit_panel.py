"""The Submit panel at the end of a module page: ask once, then submit through nbgrader."""

from __future__ import annotations

import pytest
from IPython.utils.capture import capture_output
from local_exchange import as_learner

from course_utils.core.vocab import WIDGET_VIEW
from course_utils.learner.submit_panel import SubmitPanel, show_submit


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """Start here released to a real exchange and fetched; the learner's configuration in use."""
    with as_learner(tmp_path_factory.mktemp("submit_panel"), ("start_here",)) as course:
        yield course


@pytest.fixture
def panel(tmp_path) -> SubmitPanel:
    """A panel for a folder nbgrader can never reach (its parent does not exist): sending fails fast."""
    return SubmitPanel(tmp_path / "gone" / "being_present")


def confirm_shown(panel: SubmitPanel) -> bool:
    return panel.confirm.layout.display != "none"


class TestSubmitPanel:
    def test_starts_with_the_button_and_no_question(self, panel):
        assert panel.button.description == "Submit my answers" and not panel.button.disabled
        assert not confirm_shown(panel)
        assert panel.status.value == ""
        assert "Submit my answers" in panel.intro.value

    def test_folder_is_resolved(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        assert SubmitPanel().folder == tmp_path.resolve()

    def test_clicking_submit_asks_first(self, panel):
        panel.button.click()
        assert confirm_shown(panel)
        assert panel.button.disabled
        assert "Submit your answers now?" in panel.question.value

    def test_not_yet_sends_nothing_and_says_so(self, panel):
        panel.ask()
        panel.no.click()
        assert not confirm_shown(panel) and not panel.button.disabled
        assert "Not submitted. Your answers stay saved here." in panel.status.value
        assert 'role="status"' in panel.status.value

    def test_asking_again_clears_the_last_message(self, panel):
        panel.ask()
        panel.cancel()
        panel.ask()
        assert panel.status.value == ""

    def test_a_failed_submit_is_an_alert_and_everything_is_usable_again(self, panel):
        panel.ask()
        result = panel.send()
        assert not result.ok
        assert 'role="alert"' in panel.status.value
        assert "Not submitted:" in panel.status.value
        assert not confirm_shown(panel)
        assert not (panel.button.disabled or panel.yes.disabled or panel.no.disabled)

    def test_the_message_is_escaped(self, tmp_path):
        panel = SubmitPanel(tmp_path / "<b>gone</b>" / "being_present")
        panel.send()
        assert "<b>" not in panel.status.value and "&lt;b&gt;" in panel.status.value

    def test_yes_sends(self, panel):
        panel.ask()
        panel.yes.click()
        assert "Not submitted:" in panel.status.value

    def test_box_holds_intro_button_question_and_status(self, panel):
        assert panel.box.children == (panel.intro, panel.button, panel.confirm, panel.status)
        assert "cps-submit" in panel.box._dom_classes


class TestShowSubmit:
    def test_live_kernel_shows_the_panel(self, tmp_path, shell, monkeypatch):
        monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
        with capture_output() as out:
            show_submit(tmp_path)
        [bundle] = [o.data for o in out.outputs]
        assert WIDGET_VIEW in bundle

    @pytest.mark.parametrize("mode", ["autograde", "validate"])
    def test_grading_run_shows_nothing(self, tmp_path, shell, monkeypatch, mode):
        monkeypatch.setenv("NBGRADER_EXECUTION", mode)
        with capture_output() as out:
            show_submit(tmp_path)
        assert out.outputs == []


@pytest.mark.slow
class TestSubmitThroughTheExchange:
    def test_yes_submits_and_says_so(self, local):
        panel = SubmitPanel(local.home / "start_here")
        panel.ask()
        result = panel.send()
        assert result.ok, result.message
        assert "Submitted start_here." in panel.status.value and 'role="status"' in panel.status.value
        assert not confirm_shown(panel) and not panel.button.disabled
        assert list((local.exchange / "being-present" / "inbound").glob("*+start_here+*"))
