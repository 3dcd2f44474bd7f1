"""FeedbackPage: the autograded notebook as a report to the learner.

The main tests take the module's real notebook through the course's whole chain, in process:
released, shortened for graders, its cells run (the real show_item and hidden tests, so the
outputs are those of course_utils/items/render.py), SaveGrades, a grader's changes in the
gradebook, then the feedback preprocessors as nbgrader_config.py lists them.
"""

from __future__ import annotations

import copy
import random
import re
from dataclasses import dataclass
from html import escape

import nbformat
import pytest
from gradebooks import nbgrader_resources, open_gradebook, save_master
from helpers import REPO
from kernel_cells import run_cells
from nbgrader.preprocessors import ClearHiddenTests

from course_utils.assign.build import module_files
from course_utils.assign.staging import write_files
from course_utils.core.storage import AnswerStore
from course_utils.items.kind import kind_of
from course_utils.items.render import feedback_html, feedback_text
from course_utils.items.scoring import score_item
from course_utils.preprocessors.feedback_page import FeedbackPage, comment_html, move_comments_below_scores
from course_utils.preprocessors.grade_details import GetGradeDetails
from course_utils.preprocessors.graded_copy import NOTE, ShortenGradedCopy
from course_utils.preprocessors.save_grades import SaveGrades

STUDENT = "ana"
REPLY = "It sounds like that call left you shaken. What happened after it?"
COMMENT = "**Good** naming of the feeling. <script>alert(1)</script>"
SCORE_LINE = re.compile(r"Score: \S+ of \S+\.")
PROVISIONAL = "Checked automatically; your grader may change this score."


@dataclass
class Run:
    """The notebook as formgrader shows it (autograded), and the learner's page made from it."""

    autograded: nbformat.NotebookNode
    page: nbformat.NotebookNode
    resources: dict

    def cell(self, grade_id: str, nb: nbformat.NotebookNode | None = None) -> nbformat.NotebookNode:
        found = [c for c in (nb or self.page).cells
                 if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
        assert len(found) == 1, grade_id
        return found[0]

    def html(self, grade_id: str, nb: nbformat.NotebookNode | None = None) -> str:
        return "".join(o.data["text/html"] for o in self.cell(grade_id, nb).outputs
                       if "text/html" in o.get("data", {}))

    def text(self, grade_id: str, nb: nbformat.NotebookNode | None = None) -> str:
        return "".join(o.data["text/plain"] for o in self.cell(grade_id, nb).outputs
                       if "text/plain" in o.get("data", {}))


def grader(course, assignment: str, grade_id: str, **values) -> None:
    """A grader's change in formgrader: a grade's scores, or a comment's manual_comment."""
    with open_gradebook(course) as gb:
        row = (gb.find_comment if "manual_comment" in values else gb.find_grade)(
            grade_id, assignment, assignment, STUDENT)
        for name, value in values.items():
            setattr(row, name, value)
        gb.db.commit()


@pytest.fixture(scope="module")
def run(tmp_path_factory, module) -> Run:
    """ana answers the graded items (bp-validate-feeling wrongly); one hidden test raises.

    The grader raises bp-validate-feeling to 0.5, keeps bp-rank-respite's score, scores the
    written reply and comments on it; the other scores stay automatic.
    """
    a = module.assignment
    course = tmp_path_factory.mktemp("course")
    folder = course / "autograded" / STUDENT / a
    files = module_files(module, (REPO / "content" / "help_now.md").read_text(encoding="utf-8"))
    write_files(folder, files)  # the notebook and its items.json, as autograde copies them
    released = save_master(course, files[f"{a}.ipynb"], a, (STUDENT,))
    released, _ = ShortenGradedCopy().preprocess(released, {})
    broken = next(c for c in released.cells if c.metadata["nbgrader"]["grade_id"]
                  == "bp-stay-and-connect-grade")
    broken.source = re.sub(r'"[A-Za-z0-9+/=]{40,}"', '"not-a-sealed-item"', broken.source)
    store, rng = AnswerStore(folder), random.Random(7)
    for item in module.items:
        if item.graded and not kind_of(item).own_words:
            right = 0.0 if item.id == "bp-validate-feeling" else 1.0
            store.set(item.id, kind_of(item).simulate(item, right, rng))
    store.set("bp-reply-clinic", REPLY)
    autograded = run_cells(released, folder)
    SaveGrades().preprocess(copy.deepcopy(autograded), nbgrader_resources(course, a, STUDENT, folder))
    grader(course, a, "bp-validate-feeling-grade", manual_score=0.5, needs_manual_grade=False)
    grader(course, a, "bp-rank-respite-grade", manual_score=2.0, needs_manual_grade=False)
    grader(course, a, "bp-reply-clinic-grade", manual_score=2.5, needs_manual_grade=False)
    grader(course, a, "bp-reply-clinic-show", manual_comment=COMMENT)
    page, resources = copy.deepcopy(autograded), nbgrader_resources(course, a, STUDENT, folder)
    for step in (GetGradeDetails(), ClearHiddenTests(), FeedbackPage()):
        page, resources = step.preprocess(page, resources)
    return Run(autograded, page, resources)


def ids(nb: nbformat.NotebookNode) -> list[str]:
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells]


class TestTheRealPage:
    def test_the_submission_was_graded_as_the_scenario_says(self, run):
        """The fixture's premises: these are the automatic scores the page is made from."""
        meta = {name: run.cell(f"{name}-grade").metadata["nbgrader"] for name in (
            "bp-validate-feeling", "bp-rank-respite", "bp-reply-clinic", "bp-stay-and-connect",
            "bp-notice-cues-text")}
        assert meta["bp-validate-feeling"]["auto_score"] == 0.0
        assert meta["bp-rank-respite"]["auto_score"] == meta["bp-rank-respite"]["manual_score"] == 2.0
        assert 0 < meta["bp-reply-clinic"]["auto_score"] < 2.5
        assert meta["bp-stay-and-connect"]["auto_score"] == 0.0
        assert meta["bp-notice-cues-text"]["auto_score"] == 2.0
        assert meta["bp-notice-cues-text"]["manual_score"] is None

    def test_instructions_and_the_submit_button_are_left_out(self, run):
        assert ids(run.page) == [g for g in ids(run.autograded) if g not in {"setup", "end", "submit"}]
        assert {"setup", "end", "submit"} <= set(ids(run.autograded))

    def test_the_title_names_the_module_and_the_how_to_is_gone(self, run, module):
        source = run.cell("intro").source
        heading, note = source.split("\n\n")
        assert heading == f"# Module {module.number}: {module.title}"
        assert note == (f"*Feedback on your answers to Module {module.number}: each exercise with "
                        "your answer, what it was based on, your score and your grader's comments.*")

    def test_reading_sections_point_to_the_learners_notebook(self, run):
        readings = [g for g in ids(run.page) if re.fullmatch(r"reading-\d+", g)]
        assert readings
        for name in readings:
            assert NOTE in run.cell(name, run.autograded).source
            heading, note = run.cell(name).source.split("\n\n")
            assert heading.startswith("## ") and note == "*The reading is in your module's notebook.*"

    def test_no_code_and_no_prompt_numbers(self, run):
        code = [c for c in run.page.cells if c.cell_type == "code"]
        assert code and all(c.source == "" and c.execution_count is None for c in code)
        assert any(c.source and c.execution_count for c in run.autograded.cells if c.cell_type == "code")

    def test_grading_cells_keep_their_explanation_without_their_own_score(self, run, module):
        for item in (i for i in module.items if i.auto_graded and i.id != "bp-stay-and-connect"):
            name = f"{item.id}-grade"
            assert "execute_result" in [o.output_type for o in run.cell(name, run.autograded).outputs]
            assert SCORE_LINE.search(run.html(name, run.autograded)), name
            assert [o.output_type for o in run.cell(name).outputs] == ["display_data"], name
            html, text = run.html(name), run.text(name)
            assert not SCORE_LINE.search(html) and not SCORE_LINE.search(text), name
            assert html.startswith('<div class="cps-feedback">') and len(html) > 200, name
        notice = next(i for i in module.items if i.id == "bp-notice-cues-text")
        for option in notice.options:
            assert escape(option.text[:30]) in run.html("bp-notice-cues-text-grade")

    def test_a_score_the_grader_changed_says_what_the_rubric_suggested(self, run):
        label = "The automatic rubric suggested 0 of 1; your grader's score above replaces it."
        assert f"<strong>{escape(label)}</strong>" in run.html("bp-validate-feeling-grade")
        assert run.text("bp-validate-feeling-grade").startswith(label)
        auto = run.cell("bp-reply-clinic-grade").metadata["nbgrader"]["auto_score"]
        assert f"The automatic rubric suggested {auto:g} of 3;" in run.text("bp-reply-clinic-grade")

    @pytest.mark.parametrize("name", ["bp-rank-respite", "bp-notice-cues-text", "bp-branch-discharge"])
    def test_a_score_the_grader_kept_or_left_has_no_suggestion(self, run, name):
        assert "suggested" not in run.html(f"{name}-grade") + run.text(f"{name}-grade")

    def test_a_test_that_raised_shows_the_not_checked_sentence(self, run):
        before = [o.output_type for o in run.cell("bp-stay-and-connect-grade", run.autograded).outputs]
        assert "error" in before
        outputs = run.cell("bp-stay-and-connect-grade").outputs
        assert [o.output_type for o in outputs] == ["display_data"]
        assert outputs[0].data == {"text/html": "<p>The automatic check could not score this answer.</p>",
                                   "text/plain": "The automatic check could not score this answer."}

    def test_the_provisional_sentence_goes_once_a_grader_scored(self, run):
        assert PROVISIONAL in run.html("bp-reply-clinic-grade", run.autograded)
        html, text = run.html("bp-reply-clinic-grade"), run.text("bp-reply-clinic-grade")
        assert PROVISIONAL not in html and PROVISIONAL not in text
        assert "Done:" in text or "Still to do:" in text  # the rest of the rubric's note stays

    def test_the_graders_comment_sits_below_the_score_as_safe_html(self, run):
        show, grade = (run.cell(f"bp-reply-clinic-{part}").metadata["nbgrader"]
                       for part in ("show", "grade"))
        assert "comment" not in show and "comment_html" not in show
        assert grade["comment"] == COMMENT
        assert "<strong>Good</strong>" in grade["comment_html"]
        assert "<script" not in grade["comment_html"]

    def test_answers_are_titled_without_item_ids(self, run, module):
        for item in module.items:
            name = f"{item.id}-show"
            assert f"({item.id}):</strong>" in run.html(name, run.autograded)  # formgrader's copy
            assert f"({item.id})" not in run.html(name), name
            assert f"<strong>{kind_of(item).answer_title}:</strong>" in run.html(name), name

    def test_the_exercises_are_listed_with_their_anchors(self, run, module):
        exercises = run.resources["cps_feedback"]["exercises"]
        titles = [run.cell(f"{i.id}-title", run.autograded).source.lstrip("#").strip()
                  for i in module.items]
        assert [e["title"] for e in exercises] == titles
        assert exercises[0]["title"].startswith("1. ")
        assert [e["anchor"] for e in exercises] == [
            f"cell-id={run.cell(f'{i.id}-title').id}" for i in module.items]


def cell(grade_id: str, source: str = "", code: bool = False, **meta) -> nbformat.NotebookNode:
    made = nbformat.v4.new_code_cell(source) if code else nbformat.v4.new_markdown_cell(source)
    made.metadata["nbgrader"] = {"grade_id": grade_id, **meta}
    return made


def hidden_test_output(item, answer) -> nbformat.NotebookNode:
    """What the hidden test displays for this answer (render.py's HTML and text)."""
    score = score_item(item, answer)
    return nbformat.v4.new_output("display_data", data={
        "text/html": feedback_html(item, answer, score), "text/plain": feedback_text(item, answer, score)})


class TestExplanation:
    def test_without_a_grader_the_provisional_sentence_stays(self, module):
        item = next(i for i in module.items if i.id == "bp-reply-clinic")
        output = hidden_test_output(item, REPLY)
        assert SCORE_LINE.search(output.data["text/html"])
        meta = {"auto_score": 1.0, "manual_score": None, "points": 3}
        out = FeedbackPage().explanation(output, meta)
        assert PROVISIONAL in out.data["text/html"] and PROVISIONAL in out.data["text/plain"]
        assert not SCORE_LINE.search(out.data["text/html"] + out.data["text/plain"])

    def test_a_grader_who_kept_the_score_drops_the_provisional_sentence_without_a_label(self, module):
        item = next(i for i in module.items if i.id == "bp-reply-clinic")
        output = hidden_test_output(item, REPLY)
        meta = {"auto_score": 1.2, "manual_score": 1.2, "points": 3}
        out = FeedbackPage().explanation(output, meta)
        assert PROVISIONAL not in out.data["text/html"] + out.data["text/plain"]
        assert "suggested" not in out.data["text/html"] + out.data["text/plain"]

    def test_only_the_first_score_line_goes(self, module):
        item = next(i for i in module.items if i.id == "bp-validate-feeling")
        output = hidden_test_output(item, item.key)
        output.data["text/plain"] += "\nScore: 9 of 9. quoted by the item"
        out = FeedbackPage().explanation(output, {"auto_score": 1, "manual_score": None, "points": 1})
        assert out.data["text/plain"].count("Score:") == 1

    def test_a_markdown_grading_cell_is_left_as_it_is(self):
        task = cell("r-task", "**Graded by hand.**", task=True, points=2)
        nb, _ = FeedbackPage().preprocess(nbformat.v4.new_notebook(cells=[task]), {})
        assert nb.cells[0].source == "**Graded by hand.**"

    def test_an_error_in_an_answer_cell_is_dropped(self):
        show = cell("x-show", "show_item('x')", code=True)
        show.outputs = [nbformat.v4.new_output("error", ename="KeyError", evalue="x", traceback=[])]
        nb, _ = FeedbackPage().preprocess(nbformat.v4.new_notebook(cells=[show]), {})
        assert nb.cells[0].outputs == []


class TestTitle:
    def test_a_title_without_a_module_number_says_this_module(self):
        assert FeedbackPage().title("# Practice exam\n\nHow to.") == (
            "# Practice exam\n\n*Feedback on your answers to this module: each exercise with your "
            "answer, what it was based on, your score and your grader's comments.*")

    def test_a_title_cell_without_a_heading_becomes_the_note(self):
        assert FeedbackPage().title("How to use this page.").startswith("*Feedback on your answers")


def test_no_suggestion_label_when_the_grader_kept_the_score():
    page = FeedbackPage()
    assert page.replaced_label({"auto_score": 1.0, "manual_score": 1.0, "points": 2}) == ""
    assert page.replaced_label({"auto_score": 1.0, "manual_score": None, "points": 2}) == ""
    assert page.replaced_label({"auto_score": None, "manual_score": 2, "points": 2}) == ""
    assert "suggested 1 of 2" in page.replaced_label({"auto_score": 1, "manual_score": 2, "points": 2})


def test_a_comment_without_a_grading_cell_stays_where_it_is():
    cells = [cell("r-task", "Reflection", task=True, comment="Thanks.")]
    move_comments_below_scores(cells)
    assert cells[0].metadata["nbgrader"]["comment"] == "Thanks."


class TestCommentHtml:
    def test_formatting_is_kept(self):
        html = comment_html("**Good** and *kind*.\n\n- one\n- two\n\n[more](https://988lifeline.org)")
        for part in ("<strong>Good</strong>", "<em>kind</em>", "<li>one</li>",
                     '<a href="https://988lifeline.org">more</a>'):
            assert part in html

    def test_scripts_styles_and_handlers_are_removed(self):
        html = comment_html('<script>alert(1)</script> <p style="color:red" onclick="x()">hi</p> '
                            "<a href='javascript:x'>link</a> <img src=x onerror=alert(1)> "
                            '<span style="color:red">red</span>')
        tags = live_tags(html)
        assert {name for name, _ in tags} <= {"p", "a"}
        assert ("a", []) in tags and all(attrs == [] for _, attrs in tags)  # no style, handler, javascript:
        assert "hi" in html and "link" in html and "red" in html  # the words stay, as text


def live_tags(html: str) -> list[tuple[str, list]]:
    """Each element the browser would make of this HTML, with its attributes (escaped text is none)."""
    from html.parser import HTMLParser

    found: list[tuple[str, list]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Tags().feed(html)
    return found
