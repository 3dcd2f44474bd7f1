"""The Start here, My progress and instructor dashboard notebooks, built in memory."""

from __future__ import annotations

import ast
import importlib

import nbformat
import pytest
from helpers import REPO

from course_utils.assign.guide_notebooks import (
    GUIDE_ASSIGNMENT,
    HOW_IT_WORKS,
    WELCOME,
    build_dashboard,
    build_my_progress,
    build_start_here,
)
from course_utils.assign.notebook import KERNEL_METADATA
from course_utils.content.loader import load_course

MODULES = load_course(REPO / "content")
HELP_NOW = (REPO / "content" / "help_now.md").read_text(encoding="utf-8")


def cell(nb, cell_id: str):
    return next(c for c in nb.cells if c.id == cell_id)


def called(source: str) -> tuple[str, str, list]:
    """The module, function and literal arguments of the one call a code cell makes."""
    tree = ast.parse(source)
    imports = {a.asname or a.name: node.module for node in tree.body
               if isinstance(node, ast.ImportFrom) for a in node.names}
    calls = [n.value for n in tree.body if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)]
    assert len(calls) == 1
    name = calls[0].func.id
    return imports[name], name, [ast.literal_eval(a) for a in calls[0].args]


def assert_real_function(module_name: str, name: str) -> None:
    assert callable(getattr(importlib.import_module(module_name), name))


@pytest.fixture(scope="module")
def start_here():
    return build_start_here(MODULES, HELP_NOW)


@pytest.fixture(scope="module")
def my_progress():
    return build_my_progress(HELP_NOW)


@pytest.fixture(scope="module")
def dashboard():
    return build_dashboard()


class TestBuildStartHere:
    def test_cells_are_welcome_help_modules_list_then_how_it_works(self, start_here):
        assert [c.id for c in start_here.cells] == ["welcome", "help-now", "modules", "module-list",
                                                    "how-it-works"]
        assert [c.cell_type for c in start_here.cells] == ["markdown"] * 3 + ["code", "markdown"]
        assert cell(start_here, "welcome").source == WELCOME
        assert cell(start_here, "how-it-works").source == HOW_IT_WORKS

    def test_module_list_shows_every_module_with_its_number_and_title(self, start_here):
        module_name, name, args = called(cell(start_here, "module-list").source)
        assert (module_name, name) == ("course_utils", "show_modules")
        assert args == [[(m.assignment, f"{m.number}. {m.title}") for m in MODULES], ".."]
        assert_real_function(module_name, name)

    def test_modules_are_listed_in_the_order_given(self):
        nb = build_start_here(list(reversed(MODULES)), HELP_NOW)
        listed, _home = called(cell(nb, "module-list").source)[2]
        assert [a for a, _ in listed] == [m.assignment for m in reversed(MODULES)]

    def test_links_resolve_from_the_start_here_folder(self, start_here, tmp_path):
        """In a course home, start_here/ sits beside each module's folder and notebook."""
        from course_utils.learner.module_list import module_rows

        for m in MODULES:
            (tmp_path / m.assignment).mkdir()
            (tmp_path / m.assignment / f"{m.assignment}.ipynb").write_text("{}", encoding="utf-8")
        here = tmp_path / GUIDE_ASSIGNMENT
        here.mkdir()
        listed, home = called(cell(start_here, "module-list").source)[2]
        html = module_rows(listed, (here / home).resolve())
        targets = [here / part.split('"', 1)[0] for part in html.split('href="')[1:]]
        assert len(targets) == len(MODULES)
        assert all(t.resolve().is_file() for t in targets)

    def test_the_guide_is_not_a_module_name(self):
        assert GUIDE_ASSIGNMENT == "start_here"
        assert GUIDE_ASSIGNMENT not in {m.assignment for m in MODULES}

    def test_practice_exam_is_advised_last(self, start_here):
        assert "The practice exam is best left until" in cell(start_here, "modules").source

    def test_modules_cell_explains_get_my_modules(self, start_here):
        text = cell(start_here, "modules").source
        assert "*not on this computer yet*" in text and "**Get my modules**" in text

    def test_help_now_note_is_shown_without_surrounding_space(self):
        nb = build_start_here(MODULES, "\n\n  Call 988.  \n\n")
        assert cell(nb, "help-now").source == "Call 988."

    def test_links_to_my_progress_beside_it(self, start_here):
        assert "[My progress](my_progress.ipynb)" in cell(start_here, "how-it-works").source

    def test_how_it_works_says_how_to_submit(self, start_here):
        assert "**Submit my answers**" in cell(start_here, "how-it-works").source

    def test_every_cell_is_locked_and_nbgrader_grades_none(self, start_here):
        for c in start_here.cells:
            meta = c.metadata.nbgrader
            assert meta.locked and not meta.grade and not meta.solution and not meta.task
            assert meta.grade_id == c.id

    def test_module_list_code_is_hidden(self, start_here):
        assert cell(start_here, "module-list").metadata.jupyter == {"source_hidden": True}

    def test_no_modules_leaves_an_empty_list(self):
        nb = build_start_here([], HELP_NOW)
        assert called(cell(nb, "module-list").source)[2] == [[], ".."]
        assert [c.id for c in nb.cells] == ["welcome", "help-now", "modules", "module-list", "how-it-works"]


class TestBuildMyProgress:
    def test_cells_are_intro_help_then_the_progress_plot(self, my_progress):
        assert [c.id for c in my_progress.cells] == ["intro", "help-now", "progress"]
        assert [c.cell_type for c in my_progress.cells] == ["markdown", "markdown", "code"]

    def test_says_graded_items_wait_for_feedback(self, my_progress):
        intro = cell(my_progress, "intro").source
        assert intro.startswith("# My progress") and "**practice**" in intro
        assert "Graded exercises are left out until your trainer's feedback" in intro

    def test_help_now_note_is_included(self, my_progress):
        assert cell(my_progress, "help-now").source == HELP_NOW.strip()

    def test_code_cell_shows_progress_of_the_course_home(self, my_progress):
        module_name, name, args = called(cell(my_progress, "progress").source)
        assert (module_name, name, args) == ("course_utils.progress", "show_progress", [".."])
        assert_real_function(module_name, name)

    def test_code_cell_is_locked_and_not_graded(self, my_progress):
        meta = cell(my_progress, "progress").metadata.nbgrader
        assert meta.locked and not meta.grade and "points" not in meta


class TestBuildDashboard:
    def test_cells_are_intro_then_the_dashboard(self, dashboard):
        cells = [(c.id, c.cell_type) for c in dashboard.cells]
        assert cells == [("intro", "markdown"), ("dashboard", "code")]

    def test_intro_warns_never_to_release_it(self, dashboard):
        intro = cell(dashboard, "intro").source
        assert intro.startswith("# Instructor dashboard")
        assert "never release this notebook" in intro

    def test_code_cell_shows_the_dashboard_of_the_course_folder(self, dashboard):
        module_name, name, args = called(cell(dashboard, "dashboard").source)
        expected = ("course_utils.instructor.cohort_report", "show_dashboard", [".."])
        assert (module_name, name, args) == expected
        assert_real_function(module_name, name)

    def test_has_no_help_now_note(self, dashboard):
        assert all(c.id != "help-now" for c in dashboard.cells)


ALL = {"start_here": lambda: build_start_here(MODULES, HELP_NOW),
       "my_progress": lambda: build_my_progress(HELP_NOW),
       "dashboard": build_dashboard}


@pytest.mark.parametrize("name", ALL)
class TestEveryGuideNotebook:
    def test_is_a_valid_notebook_for_the_course_kernel(self, name):
        nb = ALL[name]()
        assert nbformat.validator.isvalid(nb)
        assert nb.metadata == KERNEL_METADATA
        assert nb.nbformat == 4

    def test_cell_ids_are_unique(self, name):
        ids = [c.id for c in ALL[name]().cells]
        assert len(ids) == len(set(ids))

    def test_reads_back_the_same_from_a_file(self, name, tmp_path):
        nb = ALL[name]()
        nbformat.write(nb, tmp_path / "guide.ipynb")
        again = nbformat.read(tmp_path / "guide.ipynb", as_version=4)
        assert [(c.id, c.source, c.metadata) for c in again.cells] == \
            [(c.id, c.source, c.metadata) for c in nb.cells]

    def test_changing_its_metadata_leaves_other_notebooks_alone(self, name):
        nb = ALL[name]()
        nb.metadata.kernelspec.name = "changed"
        assert KERNEL_METADATA["kernelspec"]["name"] == "python3"
        assert ALL[name]().metadata.kernelspec.name == "python3"
