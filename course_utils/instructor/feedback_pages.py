"""Feedback pages that follow the gradebook: nbgrader writes them all again, we say what changed.

`nbgrader generate_feedback` skips a learner whose page exists, so a grader's later change in
formgrader never reaches the page; with --force it rewrites every page. Pages are written the
same way each time, so comparing each page before and after tells a grader which learners'
feedback changed and is worth releasing again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from course_utils.assign.nbgrader_run import run_nbgrader
from course_utils.core.folders import folder


@dataclass(frozen=True)
class FeedbackRun:
    """What one regeneration did to each learner's page of one assignment."""

    feedback_dir: Path
    status: dict[str, str] = field(default_factory=dict)  # student -> new, changed or unchanged

    def students(self, status: str) -> list[str]:
        """The learners whose page had this status, sorted."""
        return sorted(s for s, st in self.status.items() if st == status)

    def summary(self) -> str:
        """One line: how many pages are new, changed and unchanged."""
        counts = {s: len(self.students(s)) for s in ("new", "changed", "unchanged")}
        return (f"{len(self.status)} feedback page(s) in {self.feedback_dir}: {counts['new']} new, "
                f"{counts['changed']} changed, {counts['unchanged']} unchanged")


def page_digests(feedback_dir: Path, assignment: str) -> dict[str, str]:
    """Each learner's feedback pages of an assignment, as one digest per learner."""
    digests: dict[str, str] = {}
    for page in sorted(feedback_dir.glob(f"*/{assignment}/*.html")):
        student = page.parent.parent.name
        h = hashlib.sha256(digests.get(student, "").encode())
        h.update(page.name.encode() + b"\0" + page.read_bytes())
        digests[student] = h.hexdigest()
    return digests


def compare(before: dict[str, str], after: dict[str, str]) -> dict[str, str]:
    """new, changed or unchanged for every learner who has a page after the run."""
    return {s: "new" if s not in before else "changed" if before[s] != d else "unchanged"
            for s, d in after.items()}


def regenerate_feedback(course: Path, assignment: str, students: list[str] | None = None) -> FeedbackRun:
    """Rewrite the feedback pages (all, or these learners') from the gradebook as it is now."""
    feedback_dir = folder(course, "feedback")
    before = page_digests(feedback_dir, assignment)
    runs: list[list[str]] = [[f"--student={s}"] for s in students] if students else [[]]
    for only in runs:
        run_nbgrader(["generate_feedback", assignment, "--force", *only], course)
    after = page_digests(feedback_dir, assignment)
    if students:
        after = {s: d for s, d in after.items() if s in students}
    return FeedbackRun(feedback_dir, compare(before, after))
