"""The Start over question shared by the conversation widgets."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers import REPO

from course_utils.content.loader import load_module
from course_utils.core.storage import AnswerStore
from course_utils.items.widgets.branching import BranchingView
from course_utils.items.widgets.roleplay import RolePlayView

MODULE = load_module(REPO / "content" / "being_present")
VIEWS = [(BranchingView, "bp-branch-grandfather"), (RolePlayView, "bp-roleplay-letter")]


@pytest.mark.parametrize(("view_class", "item_id"), VIEWS, ids=["branching", "roleplay"])
class TestStartOverQuestion:
    def test_the_question_is_hidden_until_asked_and_put_away_on_keep(self, view_class, item_id, tmp_path):
        view = view_class(MODULE.item(item_id), AnswerStore(tmp_path))
        assert view.confirm.layout.display == "none"
        view.ask_start_over()
        assert view.confirm.layout.display is None
        question, yes, keep = view.confirm.children
        assert "Start this conversation again?" in question.value
        assert (yes.description, keep.description) == ("Yes, start over", "Keep my replies")
        keep.click()
        assert view.confirm.layout.display == "none"

    def test_a_graded_conversation_never_asks(self, view_class, item_id, tmp_path):
        graded = replace(MODULE.item(item_id), mode="graded", points=3.0)
        view = view_class(graded, AnswerStore(tmp_path))
        view.ask_start_over()
        assert view.confirm.layout.display == "none"
