"""The notebook-facing calls start() and show_item()."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from IPython.utils.capture import capture_output

from course_utils.items.public import items_document
from course_utils.learner import exercise


def write_items(module, folder):
    (folder / "items.json").write_text(json.dumps(items_document(module)))


class TestShowItem:
    def test_missing_items_file_shows_what_to_do(self, tmp_path, shell):
        with capture_output() as out:
            exercise.show_item("bp-first-words", tmp_path)
        assert "cannot be shown" in out.outputs[0].data["text/html"]

    def test_unknown_item_is_named(self, module, tmp_path, shell):
        write_items(module, tmp_path)
        with capture_output() as out:
            exercise.show_item("bp-nope", tmp_path)
        assert "bp-nope" in out.outputs[0].data["text/html"]

    def test_live_kernel_shows_the_widget_alone(self, module, tmp_path, shell):
        """No second, plain copy naming the item id ("Your answer (bp-first-words): ...") under it."""
        write_items(module, tmp_path)
        with capture_output() as out:
            exercise.show_item("bp-first-words", tmp_path)
        [bundle] = [o.data for o in out.outputs]
        assert "application/vnd.jupyter.widget-view+json" in bundle
        assert "bp-first-words" not in bundle.get("text/html", "")
        assert "bp-first-words" in exercise.active_views

    def test_answering_in_a_live_kernel_displays_nothing_more(self, module, tmp_path, shell):
        write_items(module, tmp_path)
        exercise.show_item("bp-first-words", tmp_path)
        view = exercise.active_views["bp-first-words"]
        with capture_output() as out:
            view.radio.value = view.radio.options[0][1]
        assert out.outputs == []

    def test_grading_run_shows_only_the_answer_and_imports_no_widgets(self, module, tmp_path, shell):
        """Under nbgrader the cell prints the saved answer without loading ipywidgets."""
        write_items(module, tmp_path)
        (tmp_path / "answers.json").write_text(json.dumps(
            {"format": 1, "answers": {"bp-first-words": {"value": "b"}}}))
        code = (
            "import sys\n"
            "from IPython.core.interactiveshell import InteractiveShell\n"
            "from IPython.utils.capture import capture_output\n"
            "InteractiveShell.instance()\n"
            "from course_utils import show_item\n"
            "with capture_output() as out:\n"
            "    show_item('bp-first-words')\n"
            "print(out.outputs[0].data['text/html'])\n"
            "print('WIDGETS' if 'ipywidgets' in sys.modules else 'NO-WIDGETS')\n")
        env = dict(os.environ, NBGRADER_EXECUTION="autograde")
        out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                             capture_output=True, text=True, check=True).stdout
        assert "NO-WIDGETS" in out
        assert "Chosen reply (b)" in out


class TestStart:
    def test_reports_corrupt_file_kept_aside(self, tmp_path, shell):
        (tmp_path / "answers.json").write_text("not json")
        exercise._stores.clear()
        with capture_output() as out:
            exercise.start(tmp_path)
        html = out.outputs[0].data["text/html"]
        assert "Please note:" in html and "kept as" in html
