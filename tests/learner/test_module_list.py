"""The module list on Start here: links to fetched modules, and Get my modules for the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from IPython.utils.capture import capture_output
from local_exchange import as_learner

from course_utils.core.vocab import WIDGET_VIEW
from course_utils.learner.module_list import ModuleList, get_missing, module_rows, show_modules

MODULES = [("being_present", "1. Being present"), ("active_listening", "2. Active listening"),
           ("crisis", "6. Crisis")]
NOT_HERE = "(not on this computer yet)"


def fetched(home: Path, *assignments: str) -> Path:
    """A home holding these modules as nbgrader fetches them: a folder with the notebook."""
    for name in assignments:
        (home / name).mkdir(parents=True, exist_ok=True)
        (home / name / f"{name}.ipynb").write_text("{}", encoding="utf-8")
    return home


@pytest.fixture(scope="module")
def got(tmp_path_factory):
    """Modules 1 and 2 released (crisis is not); Get my modules pressed once in the learner's home."""
    tmp = tmp_path_factory.mktemp("module_list")
    with as_learner(tmp, ("start_here", "being_present", "active_listening")) as local:
        said: list[str] = []
        lines = get_missing(MODULES, local.home, say=said.append)
        yield local, lines, said


class TestModuleRows:
    def test_fetched_module_is_a_link_to_its_notebook(self, tmp_path):
        html = module_rows(MODULES, fetched(tmp_path, "being_present"))
        assert '<a href="../being_present/being_present.ipynb">1. Being present</a>' in html

    def test_missing_module_is_a_plain_title(self, tmp_path):
        html = module_rows(MODULES, fetched(tmp_path, "being_present"))
        assert f"<li>2. Active listening <em>{NOT_HERE}</em></li>" in html
        assert "active_listening.ipynb" not in html

    def test_a_folder_without_its_notebook_is_not_a_link(self, tmp_path):
        (tmp_path / "being_present").mkdir()
        assert "href" not in module_rows(MODULES[:1], tmp_path)

    def test_modules_keep_the_order_given(self, tmp_path):
        html = module_rows(list(reversed(MODULES)), tmp_path)
        positions = [html.index(title) for _, title in reversed(MODULES)]
        assert positions == sorted(positions)

    def test_titles_are_escaped(self, tmp_path):
        html = module_rows([("being_present", "1. <Being> & present")], fetched(tmp_path, "being_present"))
        assert "1. &lt;Being&gt; &amp; present" in html and "<Being>" not in html

    def test_links_resolve_from_start_here(self, tmp_path):
        """Start here is in home/start_here, so each link climbs one folder."""
        home = fetched(tmp_path, *(a for a, _ in MODULES))
        html = module_rows(MODULES, home)
        targets = [part.split('"', 1)[0] for part in html.split('href="')[1:]]
        assert len(targets) == len(MODULES)
        assert all((home / "start_here" / target).resolve().is_file() for target in targets)

    def test_no_modules_is_an_empty_list(self, tmp_path):
        assert "<li>" not in module_rows([], tmp_path)


class TestGetMissingWithoutAnExchange:
    def test_nothing_missing_runs_nothing(self, tmp_path):
        said: list[str] = []
        assert get_missing(MODULES, fetched(tmp_path, "being_present", "active_listening", "crisis"),
                           say=said.append) == ["You have every module."]
        assert said == []

    def test_an_unreachable_course_is_one_plain_line(self, tmp_path):
        [line] = get_missing(MODULES, tmp_path / "gone")
        assert line.startswith("Could not reach your course's modules: ")
        assert line.endswith("Ask your trainer.")


class TestModuleList:
    def test_shows_the_rows_and_the_button_while_some_are_missing(self, tmp_path):
        modules = ModuleList(MODULES, fetched(tmp_path, "being_present"))
        assert modules.rows.value == module_rows(MODULES, tmp_path)
        assert modules.button.layout.display is None
        assert "cps-module-list" in modules.box._dom_classes

    def test_hides_the_button_when_every_module_is_here(self, tmp_path):
        modules = ModuleList(MODULES, fetched(tmp_path, "being_present", "active_listening", "crisis"))
        assert modules.button.layout.display == "none"
        assert NOT_HERE not in modules.rows.value

    def test_refresh_shows_a_module_that_arrived(self, tmp_path):
        modules = ModuleList(MODULES, tmp_path)
        fetched(tmp_path, *(a for a, _ in MODULES))
        modules.refresh()
        assert modules.rows.value.count("<a href=") == len(MODULES)
        assert modules.button.layout.display == "none"

    def test_get_with_nothing_missing_says_so(self, tmp_path):
        modules = ModuleList(MODULES, fetched(tmp_path, "being_present", "active_listening", "crisis"))
        modules.button.click()
        assert "You have every module." in modules.status.value
        assert not modules.button.disabled

    def test_get_on_an_unreachable_course_reenables_the_button(self, tmp_path):
        modules = ModuleList(MODULES, tmp_path / "gone")
        [line] = modules.get()
        assert "Ask your trainer." in modules.status.value and 'aria-live="polite"' in modules.status.value
        assert line.startswith("Could not reach")
        assert not modules.button.disabled and modules.button.layout.display is None

    def test_home_is_resolved(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        assert ModuleList(MODULES).home == tmp_path.parent.resolve()


class TestShowModules:
    def test_live_kernel_shows_the_widget(self, tmp_path, shell, monkeypatch):
        monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
        with capture_output() as out:
            show_modules(MODULES, tmp_path)
        [bundle] = [o.data for o in out.outputs]
        assert WIDGET_VIEW in bundle

    def test_grading_run_shows_the_plain_list(self, tmp_path, shell, monkeypatch):
        monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
        with capture_output() as out:
            show_modules(MODULES, fetched(tmp_path, "being_present"))
        [bundle] = [o.data for o in out.outputs]
        assert WIDGET_VIEW not in bundle
        assert bundle["text/html"] == module_rows(MODULES, tmp_path)


@pytest.mark.slow
class TestGetMissing:
    def test_released_modules_are_fetched_side_by_side(self, got):
        local, lines, _ = got
        assert "1. Being present: ready." in lines and "2. Active listening: ready." in lines
        for name in ("being_present", "active_listening"):
            assert (local.home / name / f"{name}.ipynb").is_file()
            assert (local.home / name / "items.json").is_file()

    def test_a_module_not_in_the_exchange_is_not_released_yet(self, got):
        local, lines, _ = got
        assert "6. Crisis: not released yet; your trainer will tell you when." in lines
        assert not (local.home / "crisis").exists()

    def test_one_line_per_missing_module_in_the_order_given(self, got):
        _, lines, _ = got
        assert [line.split(":", 1)[0] for line in lines] == [title for _, title in MODULES]

    def test_says_how_many_it_is_getting(self, got):
        _, _, said = got
        assert said == ["Getting 2 module(s); this takes a few seconds…"]

    def test_start_here_stays_untouched(self, got):
        local, _, _ = got
        assert sorted(p.name for p in local.home.iterdir()) == ["active_listening", "being_present",
                                                                 "start_here"]

    def test_the_list_now_links_the_fetched_modules(self, got):
        local, _, _ = got
        modules = ModuleList(MODULES, local.home)
        assert modules.rows.value.count("<a href=") == 2 and "6. Crisis <em>" in modules.rows.value
        assert modules.button.layout.display is None  # crisis is still to come
