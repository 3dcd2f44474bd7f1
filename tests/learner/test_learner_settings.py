"""The learner's Jupyter configuration: start page, save hook, no editing shortcuts, no staff tools."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader
from traitlets.utils.importstring import import_item

from course_utils.core.vocab import ANSWERS_FILE, ITEMS_FILE, PLACEHOLDER_TEXT, WIDGET_VIEW
from course_utils.learner import save_hook
from course_utils.learner.learner_settings import (
    CUSTOM_CSS,
    DISABLED_EXTENSIONS,
    DISABLED_SERVER_EXTENSIONS,
    SETTINGS_DIR,
    START_PAGE,
    disabled_shortcuts,
    lab_overrides,
    nbgrader_config,
    server_config,
    tracker_schema,
    write_learner_config,
)


def commands(shortcuts: list[dict]) -> set[str]:
    return {s["command"] for s in shortcuts}


@pytest.fixture(scope="module")
def shortcuts() -> list[dict]:
    return disabled_shortcuts()


@pytest.fixture
def written(tmp_path) -> tuple[Path, list[Path]]:
    config = tmp_path / "config"
    files = write_learner_config(config, course_id="being-present", exchange_root=tmp_path / "exchange")
    return config, files


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


class TestTrackerSchema:
    def test_is_the_installed_jupyterlab_notebook_schema(self):
        schema = json.loads(tracker_schema().read_text(encoding="utf-8"))
        assert any(s["command"] == "notebook:run-cell" for s in schema["jupyter.lab.shortcuts"])


class TestDisabledShortcuts:
    def test_insert_cell_below_with_key_b_is_disabled(self, shortcuts):
        b = [s for s in shortcuts if s["command"] == "notebook:insert-cell-below"]
        assert b and any(s["keys"] == ["B"] for s in b)
        assert all(s["disabled"] is True for s in b)

    @pytest.mark.parametrize("command", ["notebook:run-cell", "notebook:run-cell-and-select-next",
                                         "notebook:interrupt-kernel", "notebook:enter-command-mode"])
    def test_running_and_moving_stay_enabled(self, shortcuts, command):
        assert command not in commands(shortcuts)

    @pytest.mark.parametrize("command", ["notebook:delete-cell", "notebook:cut-cell",
                                         "notebook:paste-cell-below", "notebook:change-cell-to-markdown",
                                         "notebook:merge-cells", "notebook:run-cell-and-insert-below",
                                         "notebook:undo-cell-action", "notebook:move-cell-up"])
    def test_editing_commands_are_disabled(self, shortcuts, command):
        assert command in commands(shortcuts)

    def test_every_entry_is_a_schema_shortcut_marked_disabled(self, shortcuts):
        schema = json.loads(tracker_schema().read_text(encoding="utf-8"))["jupyter.lab.shortcuts"]
        for entry in shortcuts:
            assert entry["disabled"] is True
            original = {k: v for k, v in entry.items() if k != "disabled"}
            assert original in schema
            assert entry["command"].startswith("notebook:")

    def test_reads_the_schema_it_is_given(self, tmp_path):
        schema = tmp_path / "tracker.json"
        schema.write_text(json.dumps({"jupyter.lab.shortcuts": [
            {"command": "notebook:insert-cell-above", "keys": ["A"], "selector": ".jp-Notebook"},
            {"command": "notebook:run-all-cells", "keys": [], "selector": ".jp-Notebook"},
            {"command": "docmanager:insert-cell-x", "keys": ["X"], "selector": "body"},
            {"keys": ["Q"], "selector": "body"},
        ]}), encoding="utf-8")
        assert disabled_shortcuts(schema) == [
            {"command": "notebook:insert-cell-above", "keys": ["A"], "selector": ".jp-Notebook",
             "disabled": True}]

    def test_a_schema_without_shortcuts_disables_none(self, tmp_path):
        schema = tmp_path / "tracker.json"
        schema.write_text("{}", encoding="utf-8")
        assert disabled_shortcuts(schema) == []


class TestLabOverrides:
    def test_carries_the_disabled_shortcuts(self):
        overrides = lab_overrides()
        assert overrides["@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"] == disabled_shortcuts()

    def test_widget_state_is_not_saved(self):
        assert lab_overrides()["@jupyter-widgets/jupyterlab-manager:plugin"] == {"saveState": False}

    def test_cell_editing_toolbar_items_are_hidden(self):
        toolbar = lab_overrides()["@jupyterlab/notebook-extension:panel"]["toolbar"]
        hidden = {t["name"] for t in toolbar if t["disabled"]}
        assert {"insert", "cut", "copy", "paste", "cellType"} <= hidden
        assert "run" not in hidden and "save" not in hidden


class TestServerConfig:
    def test_start_page_is_the_default_url_of_server_and_lab(self, tmp_path):
        config = server_config(tmp_path)
        assert config["ServerApp"]["default_url"] == f"/{START_PAGE}"
        assert config["LabApp"]["default_url"] == f"/{START_PAGE}"

    def test_a_leading_slash_is_not_doubled(self, tmp_path):
        config = server_config(tmp_path, start_page="/lab/tree/start_here/start_here.ipynb")
        assert config["ServerApp"]["default_url"] == "/lab/tree/start_here/start_here.ipynb"

    def test_staff_server_extensions_are_off(self, tmp_path):
        extensions = server_config(tmp_path)["ServerApp"]["jpserver_extensions"]
        assert extensions == dict.fromkeys(DISABLED_SERVER_EXTENSIONS, False)
        assert all(import_item(name) for name in extensions)

    def test_course_files_are_hidden_from_the_file_browser(self, tmp_path):
        globs = server_config(tmp_path)["ContentsManager"]["hide_globs"]
        assert ANSWERS_FILE in globs and ITEMS_FILE in globs


class TestNbgraderConfig:
    def test_names_the_course_and_the_exchange(self, tmp_path):
        (tmp_path / "nbgrader_config.py").write_text(nbgrader_config("being-present", tmp_path / "ex"))
        loaded = PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path)).load_config()
        assert loaded.CourseDirectory.course_id == "being-present"
        assert loaded.Exchange.root == str(tmp_path / "ex")

    def test_quotes_are_safe_in_paths(self, tmp_path):
        odd = tmp_path / "it's \"here\""
        (tmp_path / "nbgrader_config.py").write_text(nbgrader_config("c'1", odd))
        loaded = PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path)).load_config()
        assert (loaded.CourseDirectory.course_id, loaded.Exchange.root) == ("c'1", str(odd))


class TestWriteLearnerConfig:
    def test_returns_every_file_it_wrote(self, written):
        config, files = written
        names = {str(p.relative_to(config)) for p in files}
        assert names == {"jupyter_server_config.json", f"{SETTINGS_DIR}/overrides.json",
                         "custom/custom.css", "labconfig/page_config.json", "nbgrader_config.py"}
        assert all(p.is_file() for p in files)

    def test_json_files_are_valid_json(self, written):
        _, files = written
        for path in files:
            if path.suffix == ".json":
                assert isinstance(read_json(path), dict), path

    def test_server_and_lab_open_on_the_start_page(self, written):
        config, _ = written
        server = read_json(config / "jupyter_server_config.json")
        assert server["ServerApp"]["default_url"] == "/voila/render/start_here/start_here.ipynb"
        assert server["LabApp"]["default_url"] == server["ServerApp"]["default_url"]

    def test_save_hook_import_string_imports_the_hook(self, written):
        config, _ = written
        hook = read_json(config / "jupyter_server_config.json")["FileContentsManager"]["pre_save_hook"]
        assert import_item(hook) is save_hook.pre_save_hook

    def test_lab_reads_the_overrides_from_its_settings_dir(self, written):
        config, _ = written
        settings_dir = Path(read_json(config / "jupyter_server_config.json")["LabApp"]["app_settings_dir"])
        assert settings_dir == config.resolve() / SETTINGS_DIR
        assert read_json(settings_dir / "overrides.json") == json.loads(json.dumps(lab_overrides()))

    def test_page_config_disables_staff_extensions(self, written):
        config, _ = written
        page = read_json(config / "labconfig" / "page_config.json")
        assert page == {"disabledExtensions": dict.fromkeys(DISABLED_EXTENSIONS, True)}
        assert "@jupyter/nbgrader:formgrader" in page["disabledExtensions"]

    def test_nbgrader_config_points_at_the_exchange(self, written, tmp_path):
        config, _ = written
        loaded = PyFileConfigLoader("nbgrader_config.py", path=str(config)).load_config()
        assert loaded.Exchange.root == str((tmp_path / "exchange").resolve())
        assert loaded.CourseDirectory.course_id == "being-present"

    def test_without_an_exchange_no_nbgrader_config_is_written(self, tmp_path, written):
        config, with_exchange = written
        files = write_learner_config(tmp_path / "alone", course_id="being-present")
        assert not (tmp_path / "alone" / "nbgrader_config.py").exists()
        assert [p.relative_to(tmp_path / "alone") for p in files] == \
            [p.relative_to(config) for p in with_exchange if p.name != "nbgrader_config.py"]

    def test_custom_css_hides_code_inputs_and_lab_loads_it(self, written):
        config, _ = written
        css = (config / "custom" / "custom.css").read_text(encoding="utf-8")
        assert css == CUSTOM_CSS
        assert ".jp-CodeCell .jp-Cell-inputWrapper { display: none; }" in css
        assert read_json(config / "jupyter_server_config.json")["LabApp"]["custom_css"] is True

    def test_writing_again_replaces_the_files(self, tmp_path):
        config = tmp_path / "config"
        write_learner_config(config, course_id="being-present", start_page="lab")
        write_learner_config(config, course_id="being-present")
        server = read_json(config / "jupyter_server_config.json")
        assert server["ServerApp"]["default_url"] == f"/{START_PAGE}"

    def test_a_contents_manager_with_it_hides_course_files_and_strips_widgets(self, written, tmp_path):
        """jupyter_server's own FileContentsManager, configured from the written JSON."""
        from jupyter_server.services.contents.filemanager import FileContentsManager

        config, _ = written
        home = tmp_path / "home"
        (home / "being_present").mkdir(parents=True)
        for name in (ANSWERS_FILE, ITEMS_FILE, "being_present.ipynb"):
            (home / "being_present" / name).write_text("{}", encoding="utf-8")
        manager = FileContentsManager(config=Config(read_json(config / "jupyter_server_config.json")),
                                      root_dir=str(home))
        listed = {f["name"] for f in manager.get("being_present")["content"]}
        assert listed == {"being_present.ipynb"}
        cell = nbformat.v4.new_code_cell('show_item("x")', outputs=[nbformat.v4.new_output(
            "display_data", data={WIDGET_VIEW: {"model_id": "m", "version_major": 2, "version_minor": 0},
                                  "text/plain": "VBox()"})])
        nb = nbformat.v4.new_notebook(cells=[cell])
        manager.save({"type": "notebook", "format": "json", "content": nb},
                     "being_present/being_present.ipynb")
        saved = nbformat.read(home / "being_present" / "being_present.ipynb", as_version=4)
        assert saved.cells[0].outputs[0]["data"]["text/plain"] == PLACEHOLDER_TEXT
