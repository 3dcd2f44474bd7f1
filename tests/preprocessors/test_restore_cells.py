"""RestoreCells on notebooks built in memory: deleted cells come back in place, forged ones go."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from traitlets.config import Config

from course_utils.preprocessors.restore_cells import RESTORED, RestoreCells, is_restored

ASSIGNMENT, NOTEBOOK = "module", "module"


def graded(cell, grade_id: str):
    """A cell with locked nbgrader metadata, as the course's master notebooks have."""
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "locked": True, "schema_version": 3,
                                 "solution": False, "grade": False}
    cell["id"] = grade_id
    return cell


def master_cells() -> list:
    """Intro text, two exercises with their hidden tests, and a closing note."""
    return [graded(new_markdown_cell("# Module"), "intro"),
            graded(new_code_cell('show_item("a")'), "show-a"),
            graded(new_code_cell('grade_item("a")'), "test-a"),
            graded(new_code_cell('show_item("b")'), "show-b"),
            graded(new_code_cell('grade_item("b")'), "test-b"),
            graded(new_markdown_cell("Before you submit"), "outro")]


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A course folder whose source/ holds the master notebook."""
    folder = tmp_path / "source" / ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(new_notebook(cells=master_cells()), folder / f"{NOTEBOOK}.ipynb")
    return tmp_path


def restore(course: Path, cells: list) -> tuple[list, dict]:
    """Run the preprocessor on a submission made of these cells."""
    config = Config()
    config.CourseDirectory.root = str(course)
    resources = {"nbgrader": {"assignment": ASSIGNMENT, "notebook": NOTEBOOK}}
    nb, resources = RestoreCells(config=config).preprocess(new_notebook(cells=cells), resources)
    return nb.cells, resources


def ids(cells: list) -> list:
    return [c.metadata.get("nbgrader", {}).get("grade_id") for c in cells]


def test_an_untouched_submission_is_left_as_it_is(course):
    cells, resources = restore(course, master_cells())
    assert ids(cells) == ids(master_cells())
    assert resources["restored_cells"] == 0
    assert not any(is_restored(c) for c in cells)


def test_a_deleted_cell_comes_back_after_the_cell_before_it(course):
    submitted = [c for c in master_cells() if ids([c]) != ["test-a"]]
    cells, resources = restore(course, submitted)
    assert ids(cells) == ids(master_cells())
    assert resources["restored_cells"] == 1
    assert [is_restored(c) for c in cells] == [False, False, True, False, False, False]
    assert cells[2].source == 'grade_item("a")'


def test_a_deleted_first_cell_comes_back_at_the_top(course):
    cells, _ = restore(course, master_cells()[1:])
    assert ids(cells)[0] == "intro" and cells[0].metadata[RESTORED]


def test_every_cell_deleted_gives_the_whole_master_back(course):
    cells, resources = restore(course, [])
    assert ids(cells) == ids(master_cells())
    assert resources["restored_cells"] == len(master_cells())


def test_restored_cells_go_right_after_their_master_neighbour_before_an_added_cell(course):
    added = new_code_cell("print('mine')")
    submitted = master_cells()[:2] + [added] + master_cells()[4:]
    cells, _ = restore(course, submitted)
    assert ids(cells) == ["intro", "show-a", "test-a", "show-b", None, "test-b", "outro"]
    assert cells[4].source == "print('mine')"


def test_a_forged_grade_id_loses_its_nbgrader_metadata(course):
    forged = graded(new_code_cell("points = 100"), "not-in-the-master")
    cells, _ = restore(course, master_cells() + [forged])
    assert "nbgrader" not in cells[-1].metadata
    assert cells[-1].source == "points = 100"


def test_a_retyped_cell_keeps_its_grade_id_and_is_not_duplicated(course):
    submitted = master_cells()
    submitted[2] = graded(new_markdown_cell("grade_item retyped"), "test-a")
    cells, resources = restore(course, submitted)
    assert ids(cells).count("test-a") == 1 and resources["restored_cells"] == 0


def test_a_restored_cell_whose_id_is_taken_gets_a_new_one(course):
    clash = new_code_cell("x = 1")
    clash["id"] = "test-a"
    submitted = master_cells()[:2] + [clash] + master_cells()[3:]
    cells, _ = restore(course, submitted)
    restored = next(c for c in cells if is_restored(c))
    assert restored["id"] == "test-a-restored"
    assert len({c["id"] for c in cells}) == len(cells)


def test_an_unreadable_master_leaves_the_submission_alone(course):
    (course / "source" / ASSIGNMENT / f"{NOTEBOOK}.ipynb").write_text("{not json", "utf-8")
    submitted = master_cells()[:3]
    cells, resources = restore(course, submitted)
    assert ids(cells) == ids(submitted) and "restored_cells" not in resources


def test_a_split_or_copied_cell_keeps_one_graded_half_and_the_other_is_not_run(course):
    """nbgrader's DeduplicateIds, then this preprocessor, then StripAddedCode, as autograde runs them."""
    from nbgrader.preprocessors import DeduplicateIds

    from course_utils.preprocessors.strip_added_code import StripAddedCode, is_commented_out

    submitted = master_cells()
    first, second = graded(new_code_cell("show_item("), "show-a"), graded(new_code_cell('"a")'),
                                                                          "show-a")
    second["id"] = "show-a-2"
    submitted[1:2] = [first, second]
    nb, resources = DeduplicateIds().preprocess(new_notebook(cells=submitted), {})
    config = Config()
    config.CourseDirectory.root = str(course)
    resources["nbgrader"] = {"assignment": ASSIGNMENT, "notebook": NOTEBOOK}
    nb, resources = RestoreCells(config=config).preprocess(nb, resources)
    nb, resources = StripAddedCode().preprocess(nb, resources)
    assert ids(nb.cells).count("show-a") == 1
    assert [is_commented_out(c) for c in nb.cells].count(True) == 1
    assert resources["restored_cells"] == 0 and resources["stripped_cells"] == 1


ANSWER_SOURCE = 'show_item("w")\n### BEGIN SOLUTION\n### END SOLUTION'  # as assign/notebook.py writes it
RELEASED_ANSWER = 'show_item("w")\n# Your reply is saved by the exercise above.'


def answer_cell(source: str = ANSWER_SOURCE, markdown: bool = False):
    """The answer cell of a written reply: an nbgrader solution cell, so graders can comment on it."""
    cell = new_markdown_cell(source) if markdown else new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade_id": "w-show", "locked": False, "schema_version": 3,
                                 "solution": True, "grade": False, "task": False}
    cell["id"] = "w-show"
    return cell


@pytest.fixture
def answer_course(tmp_path: Path) -> Path:
    """A course whose master notebook has an answer cell between two locked cells."""
    folder = tmp_path / "source" / ASSIGNMENT
    folder.mkdir(parents=True)
    cells = [graded(new_markdown_cell("# Module"), "intro"), answer_cell(),
             graded(new_code_cell('grade_item("w")'), "test-w")]
    nbformat.write(new_notebook(cells=cells), folder / f"{NOTEBOOK}.ipynb")
    return tmp_path


def restore_answer(course: Path, submitted) -> list:
    """RestoreCells with the course's ClearSolutions stub (nbgrader_config.py)."""
    from gradebooks import CODE_STUB

    config = Config()
    config.CourseDirectory.root = str(course)
    config.ClearSolutions.code_stub = CODE_STUB
    cells = [graded(new_markdown_cell("# Module"), "intro"), submitted,
             graded(new_code_cell('grade_item("w")'), "test-w")]
    nb, _ = RestoreCells(config=config).preprocess(
        new_notebook(cells=cells), {"nbgrader": {"assignment": ASSIGNMENT, "notebook": NOTEBOOK}})
    return nb.cells


class TestAnswerCells:
    def test_an_answer_cell_left_as_released_is_unchanged(self, answer_course):
        cells = restore_answer(answer_course, answer_cell(RELEASED_ANSWER))
        assert cells[1].source == RELEASED_ANSWER

    @pytest.mark.parametrize("typed", [
        'show_item("w")\nimport os; os.remove("answers.json")', "", 'show_item("other")'])
    def test_a_changed_answer_cell_gets_its_released_code_back(self, answer_course, typed):
        cells = restore_answer(answer_course, answer_cell(typed))
        assert cells[1].source == RELEASED_ANSWER
        assert cells[1].metadata["nbgrader"]["grade_id"] == "w-show"
        assert ids(cells) == ["intro", "w-show", "test-w"]

    def test_an_answer_cell_turned_into_markdown_is_a_valid_code_cell_again(self, answer_course):
        cells = restore_answer(answer_course, answer_cell("My reply typed here", markdown=True))
        assert cells[1].cell_type == "code" and cells[1].source == RELEASED_ANSWER
        nbformat.validate(new_notebook(cells=cells))
