"""Written reply and reflection widgets (course_utils/items/widgets/text.py): free text saved as typed."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from html import escape

import ipywidgets as w
import pytest

from course_utils.core.storage import AnswerStore
from course_utils.core.vocab import MAX_REPLY_CHARS
from course_utils.items.public import from_public, to_public
from course_utils.items.render import answer_html, rubric_html
from course_utils.items.widgets import text
from course_utils.items.widgets.text import ReflectionView, WrittenReplyView, live_analysis

EXAMPLE_BUTTON = "Show an example reply"


def item_of(module, kind: str, mode: str):
    """The learner's (public) copy of the first item of a kind and mode, and the full item."""
    full = next(i for i in module.items if i.kind == kind and i.mode == mode)
    return from_public(to_public(full)), full


def saved(folder, item_id):
    return json.loads((folder / "answers.json").read_text())["answers"][item_id]["value"]


def buttons(view) -> list[w.Button]:
    return [c for c in view.children if isinstance(c, w.Button)]


class Recording(WrittenReplyView):
    """A written reply whose analyzer records each text it is asked about."""

    def __init__(self, *args, **kwargs) -> None:
        self.analysed: list[str] = []
        super().__init__(*args, **kwargs)

    def analyzer(self, reply: str, peer_said: str) -> str:  # a method: bound, unlike the default
        self.analysed.append(reply)
        return f"<p>{len(reply)} characters</p>"


class TestLiveAnalysis:
    @pytest.mark.parametrize("reply", ["", "   \n "])
    def test_blank_reply_asks_for_one(self, reply):
        assert live_analysis(reply, "I lost my job today.") == (
            '<p class="cps-analysis">Write a reply first: there is nothing to look at yet.</p>')

    def test_reassurance_is_marked_and_explained(self):
        html = live_analysis("Don't worry, everything will be fine.", "I lost my job today.")
        assert "<strong>What we noticed:</strong>" in html
        assert '<mark class="cps-roadblock" title="Reassuring">Don&#x27;t worry</mark>' in html


class TestWrittenReplyView:
    def test_text_area_is_labelled_and_saves_while_typing(self, module, tmp_path):
        public, _ = item_of(module, "written_reply", "graded")
        view = WrittenReplyView(public, AnswerStore(tmp_path))
        area = view.text
        assert (area.description, area.placeholder, area.rows) == ("Your reply", "Type here...", 5)
        assert area.continuous_update is True  # every keystroke is saved, not only on blur

    def test_text_is_saved_exactly_as_typed(self, module, tmp_path):
        public, full = item_of(module, "written_reply", "graded")
        view = WrittenReplyView(public, AnswerStore(tmp_path))
        reply = "  That sounds exhausting \u2014 three cancellations.\n\nWhat's it been like? <b>ok</b> "
        view.text.value = reply
        assert saved(tmp_path, full.id) == reply
        assert WrittenReplyView(public, AnswerStore(tmp_path)).text.value == reply

    def test_emptied_reply_is_saved_empty_and_practice_asks_for_one(self, module, tmp_path):
        public, full = item_of(module, "written_reply", "practice")
        view = WrittenReplyView(public, AnswerStore(tmp_path))
        view.text.value = "I"
        view.text.value = ""
        assert saved(tmp_path, full.id) == ""
        assert "Write a reply first" in view.live.value

    def test_reply_longer_than_any_needs_is_saved_whole(self, module, tmp_path):
        """Only analysis and scoring shorten a flood of text; the store keeps every character."""
        public, full = item_of(module, "written_reply", "graded")
        view = WrittenReplyView(public, AnswerStore(tmp_path))
        reply = "I hear you. " * (MAX_REPLY_CHARS // 6)
        view.text.value = reply
        assert len(saved(tmp_path, full.id)) == len(reply) > MAX_REPLY_CHARS

    def test_graded_shows_rubric_but_never_the_example(self, module, tmp_path):
        public, full = item_of(module, "written_reply", "graded")
        assert full.example and not public.example
        view = WrittenReplyView(public, AnswerStore(tmp_path))
        view.text.value = "You should just call them."
        view.show_feedback()
        view.show_live()
        assert any(getattr(c, "value", None) == rubric_html(public) for c in view.children)
        assert "What graders look for" in rubric_html(public)
        assert buttons(view) == []
        assert view.feedback.value == "" and view.live.value == ""

    def test_practice_example_button_shows_the_example_escaped(self, module, tmp_path):
        public, full = item_of(module, "written_reply", "practice")
        view = WrittenReplyView(public, AnswerStore(tmp_path))
        [button] = buttons(view)
        assert button.description == EXAMPLE_BUTTON
        assert view.feedback.value == ""
        button.click()
        assert escape(full.example) in view.feedback.value

    def test_practice_without_example_has_no_button(self, module, tmp_path):
        public, _ = item_of(module, "written_reply", "practice")
        bare = replace(public, example="")
        view = WrittenReplyView(bare, AnswerStore(tmp_path))
        view.show_feedback()
        assert buttons(view) == [] and view.feedback.value == ""

    def test_without_an_event_loop_each_change_is_analysed_at_once(self, module, tmp_path):
        public, _ = item_of(module, "written_reply", "practice")
        view = Recording(public, AnswerStore(tmp_path))
        view.text.value = "mm"
        view.text.value = "mm hm"
        assert view.analysed == ["mm", "mm hm"]
        assert view.live.value == '<div role="status" aria-live="polite"><p>5 characters</p></div>'

    def test_in_a_kernel_analysis_waits_for_a_pause_but_saving_does_not(self, module, tmp_path, monkeypatch):
        """With an event loop running (as in a kernel), typing is saved at once, analysed once paused."""
        monkeypatch.setattr(text, "DEBOUNCE_SECONDS", 0.02)
        public, full = item_of(module, "written_reply", "practice")

        async def type_then_pause():
            view = Recording(public, AnswerStore(tmp_path))
            for typed in ("I", "I hear", "I hear you"):
                view.text.value = typed
            during = (list(view.analysed), saved(tmp_path, full.id))
            await asyncio.sleep(0.1)
            return during, view

        (analysed_while_typing, saved_while_typing), view = asyncio.run(type_then_pause())
        assert analysed_while_typing == [] and saved_while_typing == "I hear you"
        assert view.analysed == ["I hear you"]
        assert "10 characters" in view.live.value

    def test_restored_practice_reply_is_analysed_at_once(self, module, tmp_path):
        """Reopening a practice reply shows its findings as typing it did, not an empty space."""
        public, full = item_of(module, "written_reply", "practice")
        AnswerStore(tmp_path).set(full.id, "Earlier reply")
        before = (tmp_path / "answers.json").read_bytes()
        view = Recording(public, AnswerStore(tmp_path))
        assert view.text.value == "Earlier reply"
        assert view.analysed == ["Earlier reply"] and "13 characters" in view.live.value
        assert view.feedback.value == ""  # the example reply still waits for its button
        assert "restored" in view.status.value
        assert (tmp_path / "answers.json").read_bytes() == before

    def test_restored_graded_reply_is_not_analysed(self, module, tmp_path):
        public, full = item_of(module, "written_reply", "graded")
        AnswerStore(tmp_path).set(full.id, "Earlier reply")
        view = Recording(public, AnswerStore(tmp_path))
        assert view.analysed == [] and view.live.value == ""

    def test_restored_empty_reply_is_not_analysed(self, module, tmp_path):
        public, full = item_of(module, "written_reply", "practice")
        AnswerStore(tmp_path).set(full.id, "")
        view = Recording(public, AnswerStore(tmp_path))
        assert view.analysed == [] and view.live.value == ""

    @pytest.mark.parametrize("damaged", [["a"], {"reply": "hi"}, 7])
    def test_saved_answer_that_is_not_text_is_not_shown_as_restored(self, module, tmp_path, damaged):
        public, full = item_of(module, "written_reply", "graded")
        AnswerStore(tmp_path).set(full.id, damaged)
        view = WrittenReplyView(public, AnswerStore(tmp_path))
        assert "restored" not in view.status.value


class TestReflectionView:
    def test_reflection_is_labelled_and_states_who_reads_it(self, module, tmp_path):
        public, _ = item_of(module, "reflection", "graded")
        view = ReflectionView(public, AnswerStore(tmp_path))
        assert view.text.description == "Your reflection"
        notes = [c.value for c in view.children
                 if isinstance(c, w.HTML) and "Share only what you choose" in c.value]
        assert notes == [rubric_html(public) + view.privacy_note()]
        assert "it is not included in grade exports" in view.privacy_note()

    def test_reflection_is_saved_and_never_analysed(self, module, tmp_path):
        public, full = item_of(module, "reflection", "graded")
        view = ReflectionView(public, AnswerStore(tmp_path))
        view.text.value = "When I was in the hospital, nobody asked me."
        view.show_live()
        assert saved(tmp_path, full.id) == "When I was in the hospital, nobody asked me."
        assert view.live.value == "" and view.feedback.value == ""
        assert buttons(view) == []

    def test_even_a_practice_reflection_gets_no_analysis(self, module, tmp_path):
        """The analyzer is off for the kind, not only for graded items (this item made practice)."""
        public, full = item_of(module, "reflection", "graded")
        practice = replace(public, mode="practice")
        view = ReflectionView(practice, AnswerStore(tmp_path))
        view.text.value = "You should have asked for help."
        assert ReflectionView.analyzer is None
        assert view.live.value == ""
        assert saved(tmp_path, full.id) == "You should have asked for help."

    def test_saved_reflection_is_what_the_graders_copy_shows(self, module, tmp_path):
        """Under nbgrader the plain copy (render.answer_html) shows exactly what the box saved."""
        public, full = item_of(module, "reflection", "graded")
        view = ReflectionView(public, AnswerStore(tmp_path))
        view.text.value = "Being heard mattered."
        assert answer_html(public, AnswerStore(tmp_path).get(full.id)) == (
            f'<div class="cps-answer" data-item="{full.id}"><strong>Your reflection ({full.id}):'
            "</strong> Being heard mattered.</div>")
