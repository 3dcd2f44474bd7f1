"""Feedback pages compared before and after a regeneration (the nbgrader run is in
tests/test_all_assignments.py, on a course it has already autograded)."""

from __future__ import annotations

from course_utils.instructor.feedback_pages import FeedbackRun, compare, page_digests


def page(root, student, assignment, text, name=None):
    path = root / student / assignment / (name or f"{assignment}.html")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


class TestPageDigests:
    def test_one_digest_per_learner_for_this_assignment_only(self, tmp_path):
        page(tmp_path, "ana", "m1", "a")
        page(tmp_path, "ben", "m1", "b")
        page(tmp_path, "ana", "m2", "other assignment")
        digests = page_digests(tmp_path, "m1")
        assert sorted(digests) == ["ana", "ben"] and digests["ana"] != digests["ben"]

    def test_a_changed_page_changes_the_digest(self, tmp_path):
        path = page(tmp_path, "ana", "m1", "Score: 0.9 of 3")
        before = page_digests(tmp_path, "m1")
        path.write_text("Score: 2.4 of 3")
        assert page_digests(tmp_path, "m1") != before

    def test_no_feedback_folder_means_no_pages(self, tmp_path):
        assert page_digests(tmp_path / "missing", "m1") == {}


class TestCompare:
    def test_new_changed_and_unchanged(self):
        got = compare({"ana": "1", "ben": "2"}, {"ana": "1", "ben": "3", "cy": "4"})
        assert got == {"ana": "unchanged", "ben": "changed", "cy": "new"}

    def test_the_summary_counts_each_status(self, tmp_path):
        run = FeedbackRun(tmp_path, {"ana": "unchanged", "ben": "changed", "cy": "new"})
        assert run.students("changed") == ["ben"]
        assert run.summary() == f"3 feedback page(s) in {tmp_path}: 1 new, 1 changed, 1 unchanged"
