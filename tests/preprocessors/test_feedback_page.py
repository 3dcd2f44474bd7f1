"""FeedbackPage: the autograded notebook as a report to the learner."""

from __future__ import annotations

import nbformat

from course_utils.preprocessors.feedback_page import FeedbackPage, comment_html, move_comments_below_scores
from course_utils.preprocessors.graded_copy import NOTE


def cell(grade_id: str, source: str = "", code: bool = False, **meta) -> nbformat.NotebookNode:
    made = nbformat.v4.new_code_cell(source) if code else nbformat.v4.new_markdown_cell(source)
    made.metadata["nbgrader"] = {"grade_id": grade_id, **meta}
    return made


def test_page_drops_instructions_code_and_the_tests_own_score():
    grading = cell("x-grade", "grade_sealed('x', '...')", code=True, grade=True, points=3,
                   auto_score=0.9, manual_score=2.4)
    grading.execution_count = 16
    grading.outputs = [
        nbformat.v4.new_output("display_data", data={
            "text/html": "<strong>Score: 0.9 of 3.</strong> Done: invites more.",
            "text/plain": "Score: 0.9 of 3. Done: invites more."}),
        nbformat.v4.new_output("execute_result", data={"text/plain": "0.9"}, execution_count=16)]
    nb = nbformat.v4.new_notebook(cells=[
        cell("intro", "# Module 1: Being present\n\nPress Run All before you submit."),
        cell("setup", "status", code=True), cell("reading-1", f"## Why\n\n{NOTE}"),
        cell("x-title", "## 10. Write your reply (graded, 3 points)"),
        cell("x-show", "show_item('x')", code=True, solution=True, comment="Well *named*."),
        grading, cell("submit", "submit()", code=True)])
    out, resources = FeedbackPage().preprocess(nb, {})
    ids = [c.metadata["nbgrader"]["grade_id"] for c in out.cells]
    assert ids == ["intro", "reading-1", "x-title", "x-show", "x-grade"]
    title = out.cells[0].source
    assert title.startswith("# Module 1: Being present\n\n*Feedback on your answers to Module 1")
    assert "before you submit" not in out.cells[0].source
    assert NOTE not in out.cells[1].source
    graded = out.cells[4]
    assert graded.source == "" and graded.execution_count is None
    assert [o.output_type for o in graded.outputs] == ["display_data"]
    html = graded.outputs[0].data["text/html"]
    assert "Score:" not in html and "The automatic rubric suggested 0.9 of 3" in html
    assert graded.metadata["nbgrader"]["comment"] == "Well *named*."
    assert "comment" not in out.cells[3].metadata["nbgrader"]
    assert resources["cps_feedback"]["exercises"][0]["title"] == "10. Write your reply (graded, 3 points)"


def test_no_suggestion_label_when_the_grader_kept_the_score():
    page = FeedbackPage()
    assert page.replaced_label({"auto_score": 1.0, "manual_score": 1.0, "points": 2}) == ""
    assert page.replaced_label({"auto_score": 1.0, "manual_score": None, "points": 2}) == ""
    assert "suggested 1 of 2" in page.replaced_label({"auto_score": 1, "manual_score": 2, "points": 2})


def test_a_comment_without_a_grading_cell_stays_where_it_is():
    cells = [cell("r-task", "Reflection", task=True, comment="Thanks.")]
    move_comments_below_scores(cells)
    assert cells[0].metadata["nbgrader"]["comment"] == "Thanks."


def test_comments_keep_formatting_and_lose_scripts():
    html = comment_html("**Good** <script>alert(1)</script> <a href='javascript:x'>link</a>")
    assert "<strong>Good</strong>" in html
    assert "<script>" not in html and "javascript:" not in html
