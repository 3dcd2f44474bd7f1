"""An nbgrader preprocessor for feedback: the autograded notebook becomes a report to the learner.

What a hidden test shows (course_utils/items/render.py) is written for formgrader too, where
its "Score: 0.9 of 3." line helps a grader. On the learner's page the score is said once, by
the page itself (nbgrader's final score, course_utils/preprocessors/templates/cps_feedback), so
here each grading cell keeps its explanation but loses its own score line and the test's
returned number. Where a grader replaced the automatic score the explanation says what the
automatic rubric suggested. Page instructions and the submit button are left out, and no code
is kept. Run it after GetGradeDetails and ClearHiddenTests.
"""

from __future__ import annotations

import math
import re
from html import escape
from typing import Any

import nbformat
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import List, Unicode

from course_utils.preprocessors.graded_copy import NOTE as GRADER_NOTE

# The score line the hidden test's output starts with (render.feedback_html / feedback_text).
SCORE_HTML = re.compile(r'<strong(?: class="cps-score")?>Score: [^<]*? of [^<]*?\.</strong>\s*')
SCORE_TEXT = re.compile(r"\AScore: \S+ of \S+\.[ \t]*")
# An answer's title names the item's id for graders: "<strong>Your answer (bp-x):</strong>".
ANSWER_TITLE = re.compile(r'(<div class="cps-answer" data-item="([^"]*)"><strong>[^<]*?) \(\2\):</strong>')
COMMENT_TAGS = frozenset({"p", "br", "pre", "h4", "h5", "h6", "hr", "del"})
MODULE = re.compile(r"\A#\s+(Module\s+\d+)")


class FeedbackPage(NbGraderPreprocessor):
    """Say each score once, label a replaced automatic score, drop instructions and code."""

    left_out = List(
        ["setup", "end", "submit"],
        help="grade_ids of the cells left out of feedback: the answers-file status, the submit "
             "instructions and the submit button.",
    ).tag(config=True)
    title_cell = Unicode(
        "intro", help="grade_id of the cell whose heading is kept and whose page instructions "
                      "are replaced by `note`.",
    ).tag(config=True)
    note = Unicode(
        "Feedback on your answers to {module}: each exercise with your answer, what it was "
        "based on, your score and your grader's comments.",
        help="The line under the title; {module} is 'Module N' from the title.",
    ).tag(config=True)
    suggested = Unicode(
        "The automatic rubric suggested {auto:g} of {points:g}; your grader's score above "
        "replaces it.",
        help="Said where a grader changed the automatic score; {auto} and {points} are numbers.",
    ).tag(config=True)
    reading_note = Unicode(
        "*The reading is in your module's notebook.*",
        help="Said under each reading heading, in place of the graded copy's note to graders.",
    ).tag(config=True)
    not_checked = Unicode(
        "The automatic check could not score this answer.",
        help="Shown instead of an error that a grading cell raised at autograde.",
    ).tag(config=True)
    provisional = List(
        ["Checked automatically; your grader may change this score."],
        help="Sentences of an automatic explanation that no longer hold once a grader has "
             "set the score.",
    ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode,
                                                                               ResourcesDict]:
        """Rewrite the cells; list the item headings in resources['cps_feedback']['exercises']."""
        nb.cells = [c for c in nb.cells if grade_id(c) not in self.left_out]
        ids = {grade_id(c) for c in nb.cells}
        items = []
        for cell in nb.cells:
            name = grade_id(cell)
            if name == self.title_cell and cell.cell_type == "markdown":
                cell.source = self.title(cell.source)
            elif cell.cell_type == "code":
                self.keep_outputs(cell)
            elif GRADER_NOTE in cell.source:
                cell.source = cell.source.replace(GRADER_NOTE, self.reading_note)
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("comment"):
                meta["comment_html"] = comment_html(meta["comment"])
            elif name.endswith("-title") and f"{name.removesuffix('-title')}-show" in ids:
                items.append({"anchor": f"cell-id={cell.get('id', '')}",
                              "title": cell.source.lstrip("#").strip()})
        move_comments_below_scores(nb.cells)
        resources.setdefault("cps_feedback", {})["exercises"] = items
        return nb, resources

    def title(self, source: str) -> str:
        """The title cell's heading, then the note on what this page is."""
        first = source.strip().splitlines()[0] if source.strip() else ""
        found = MODULE.match(first)
        note = f"*{self.note.format(module=found.group(1) if found else 'this module')}*"
        return f"{first}\n\n{note}" if first.startswith("#") else note

    def keep_outputs(self, cell: NotebookNode) -> None:
        """No code and no prompt number; a grading cell keeps only its explanation."""
        cell.source = ""
        cell.execution_count = None
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("grade"):
            cell.outputs = [unnamed(o) for o in cell.outputs if o.output_type != "error"]
            return
        outputs = []
        for output in cell.outputs:
            if output.output_type == "execute_result":
                continue  # the score the test returned: the page states it
            if output.output_type == "error":
                outputs.append(display(f"<p>{escape(self.not_checked)}</p>", self.not_checked))
            elif output.output_type == "display_data":
                outputs.append(self.explanation(output, meta))
            else:
                outputs.append(output)
        cell.outputs = outputs

    def explanation(self, output: NotebookNode, meta: dict[str, Any]) -> NotebookNode:
        """The test's output without its score line, saying what a grader's score replaced."""
        label = self.replaced_label(meta)
        reviewed = meta.get("manual_score") is not None
        data = output.get("data", {})
        if isinstance(data.get("text/html"), str):
            html = SCORE_HTML.sub(f"<strong>{escape(label)}</strong> " if label else "",
                                  data["text/html"], count=1)
            data["text/html"] = self._drop_provisional(html, escape) if reviewed else html
        if isinstance(data.get("text/plain"), str):
            text = SCORE_TEXT.sub(f"{label} " if label else "", data["text/plain"], count=1)
            data["text/plain"] = self._drop_provisional(text, str) if reviewed else text
        return output

    def replaced_label(self, meta: dict[str, Any]) -> str:
        """The suggestion label if a grader set a score other than the automatic one, else ''."""
        auto, manual = meta.get("auto_score"), meta.get("manual_score")
        if auto is None or manual is None or math.isclose(float(auto), float(manual)):
            return ""
        return self.suggested.format(auto=float(auto), points=float(meta.get("points") or 0))

    def _drop_provisional(self, text: str, quote: Any) -> str:
        for sentence in self.provisional:
            text = re.sub(re.escape(quote(sentence)) + r"\s*", "", text)
        return text


def move_comments_below_scores(cells: list[NotebookNode]) -> None:
    """A comment on an answer cell (<item>-show) moves to <item>-grade, below score and findings."""
    by_id = {grade_id(c): c for c in cells}
    for name, cell in by_id.items():
        meta = cell.metadata.get("nbgrader", {})
        target = by_id.get(f"{name.removesuffix('-show')}-grade") if name.endswith("-show") else None
        if target is None or not meta.get("comment"):
            continue
        target_meta = target.metadata.setdefault("nbgrader", {})
        for key in ("comment", "comment_html"):
            if key in meta:
                target_meta[key] = meta.pop(key)


def grade_id(cell: NotebookNode) -> str:
    """The cell's nbgrader grade_id, else its cell id, else ''."""
    return str(cell.metadata.get("nbgrader", {}).get("grade_id") or cell.get("id") or "")


def comment_html(comment: str) -> str:
    """A grader's comment (Markdown) as HTML that can only format text: no script, no styles."""
    import bleach
    from nbconvert.filters import markdown2html

    return bleach.clean(markdown2html(comment), tags=bleach.ALLOWED_TAGS | COMMENT_TAGS,
                        attributes={"a": ["href", "title"]}, protocols=["http", "https", "mailto"])


def unnamed(output: NotebookNode) -> NotebookNode:
    """An answer's output without the item's internal id in its title (kept for formgrader)."""
    html = output.get("data", {}).get("text/html")
    if isinstance(html, str):
        output.data["text/html"] = ANSWER_TITLE.sub(r"\1:</strong>", html, count=1)
    return output


def display(html: str, text: str) -> NotebookNode:
    """A display_data output with an HTML and a plain-text version."""
    return nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": text})
