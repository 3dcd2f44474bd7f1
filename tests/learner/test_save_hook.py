"""The learners' pre-save hook: live widget views leave the saved file as a plain placeholder."""

from __future__ import annotations

import nbformat
import pytest

from course_utils.core.vocab import PLACEHOLDER_HTML, PLACEHOLDER_TEXT, WIDGET_VIEW
from course_utils.learner.save_hook import placeholder_output, pre_save_hook, strip_widget_outputs

HOOK = "course_utils.learner.save_hook.pre_save_hook"


def widget_output(model_id: str = "abc123") -> dict:
    """A display_data output as a kernel sends it for an ipywidgets view."""
    return {"output_type": "display_data", "metadata": {},
            "data": {"text/plain": "VBox(children=(...))",
                     WIDGET_VIEW: {"version_major": 2, "version_minor": 0, "model_id": model_id}}}


def stream_output(text: str = "saved\n") -> dict:
    return {"output_type": "stream", "name": "stdout", "text": text}


def html_output(html: str = "<p>Please note: kept as answers.json.bak</p>") -> dict:
    return {"output_type": "display_data", "metadata": {}, "data": {"text/html": html}}


def notebook(*cells) -> dict:
    """A notebook as JupyterLab sends it to the server: cells and saved widget state."""
    nb = nbformat.v4.new_notebook(cells=list(cells))
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"abc123": {}}}}
    return nb


def code(*outputs, source: str = 'show_item("bp-first-words")') -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    return cell


class TestPlaceholderOutput:
    def test_is_a_valid_display_of_the_course_placeholder(self):
        out = placeholder_output()
        assert out["data"] == {"text/html": PLACEHOLDER_HTML, "text/plain": PLACEHOLDER_TEXT}
        cell = code(out)
        nbformat.validate(nbformat.v4.new_notebook(cells=[cell]))

    def test_each_call_is_a_fresh_dict(self):
        first = placeholder_output()
        first["data"]["text/plain"] = "changed"
        assert placeholder_output()["data"]["text/plain"] == PLACEHOLDER_TEXT


class TestStripWidgetOutputs:
    def test_widget_view_is_replaced_by_one_placeholder(self):
        nb = notebook(code(widget_output()))
        assert strip_widget_outputs(nb) == 1
        assert nb.cells[0].outputs == [placeholder_output()]

    def test_several_views_in_a_cell_leave_one_placeholder(self):
        nb = notebook(code(widget_output("a"), widget_output("b")))
        assert strip_widget_outputs(nb) == 1
        assert nb.cells[0].outputs == [placeholder_output()]

    def test_other_outputs_of_a_widget_cell_are_kept_after_the_placeholder(self):
        nb = notebook(code(html_output(), widget_output(), stream_output()))
        strip_widget_outputs(nb)
        assert nb.cells[0].outputs == [placeholder_output(), html_output(), stream_output()]

    def test_cells_without_widgets_are_left_alone(self):
        plain = code(html_output(), stream_output(), source="competency_report()")
        empty = code()
        nb = notebook(plain, empty, nbformat.v4.new_markdown_cell("## Exercises"))
        before = nbformat.writes(nbformat.from_dict(nb))
        assert strip_widget_outputs(nb) == 0
        nb.metadata["widgets"] = notebook().metadata["widgets"]  # only the state is dropped
        assert nbformat.writes(nbformat.from_dict(nb)) == before

    def test_counts_each_cell_that_held_a_widget(self):
        nb = notebook(code(widget_output()), code(stream_output()), code(widget_output(), stream_output()))
        assert strip_widget_outputs(nb) == 2

    def test_saved_widget_state_is_dropped(self):
        nb = notebook(code(stream_output()))
        strip_widget_outputs(nb)
        assert "widgets" not in nb.metadata

    def test_markdown_cell_is_never_given_outputs(self):
        cell = {"cell_type": "markdown", "metadata": {}, "source": "text",
                "outputs": [widget_output()]}  # not valid nbformat, but must not be touched
        nb = {"cells": [cell], "metadata": {}}
        assert strip_widget_outputs(nb) == 0
        assert nb["cells"][0]["outputs"] == [widget_output()]

    def test_stripped_notebook_is_still_valid(self):
        nb = notebook(code(widget_output(), stream_output()), code(html_output()))
        strip_widget_outputs(nb)
        nbformat.validate(nbformat.from_dict(nb))

    def test_running_twice_changes_nothing_more(self):
        nb = notebook(code(widget_output(), stream_output()))
        strip_widget_outputs(nb)
        once = nbformat.writes(nbformat.from_dict(nb))
        assert strip_widget_outputs(nb) == 0
        assert nbformat.writes(nbformat.from_dict(nb)) == once

    def test_a_notebook_without_cells_or_metadata_is_accepted(self):
        assert strip_widget_outputs({}) == 0


class TestPreSaveHook:
    def test_notebook_model_is_stripped_in_place(self):
        model = {"type": "notebook", "content": notebook(code(widget_output()))}
        pre_save_hook(model, path="being_present/being_present.ipynb", contents_manager=None)
        assert model["content"]["cells"][0]["outputs"] == [placeholder_output()]
        assert "widgets" not in model["content"]["metadata"]

    @pytest.mark.parametrize("model", [
        {"type": "file", "format": "text", "content": WIDGET_VIEW},
        {"type": "directory", "content": None},
        {"type": "notebook"},
        {"type": "notebook", "content": "not a dict"},
    ], ids=["file", "directory", "no-content", "text-content"])
    def test_other_models_are_left_alone(self, model):
        before = dict(model)
        pre_save_hook(model, path="x", contents_manager=None)
        assert model == before

    def test_jupyter_server_saves_the_placeholder_to_disk(self, tmp_path):
        """A real FileContentsManager configured with the hook's import string, as learners run it."""
        from jupyter_server.services.contents.filemanager import FileContentsManager

        manager = FileContentsManager(root_dir=str(tmp_path), pre_save_hook=HOOK)
        nb = notebook(code(widget_output(), stream_output()), code(html_output(), source="start()"))
        manager.save({"type": "notebook", "format": "json", "content": nb}, "module.ipynb")
        saved = nbformat.read(tmp_path / "module.ipynb", as_version=4)
        assert [o["output_type"] for o in saved.cells[0].outputs] == ["display_data", "stream"]
        assert saved.cells[0].outputs[0]["data"]["text/plain"] == PLACEHOLDER_TEXT
        assert saved.cells[1].outputs == [html_output()]
        assert "widgets" not in saved.metadata
        assert WIDGET_VIEW not in (tmp_path / "module.ipynb").read_text(encoding="utf-8")

    def test_jupyter_server_saves_other_files_unchanged(self, tmp_path):
        from jupyter_server.services.contents.filemanager import FileContentsManager

        manager = FileContentsManager(root_dir=str(tmp_path), pre_save_hook=HOOK)
        manager.save({"type": "file", "format": "text", "content": WIDGET_VIEW}, "notes.txt")
        assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == WIDGET_VIEW
