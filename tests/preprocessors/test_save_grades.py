"""SaveGrades' rules: when two automatic scores are the same, and when a saved answer is one."""

from __future__ import annotations

import pytest

from course_utils.preprocessors.save_grades import _answered, _same


@pytest.mark.parametrize(("a", "b", "same"), [
    (1.0, 1.0, True), (0.9, 0.9000000000001, True), (0.9, 1.0, False),
    (None, None, True), (None, 0.0, False), (0.0, None, False)])
def test_same_score(a, b, same):
    assert _same(a, b) is same


@pytest.mark.parametrize(("answer", "answered"), [
    ("I hear you.", True), ("   \n", False), (None, False), ([], False), ({}, False),
    (["a", "b"], True), ({"x": "first"}, True), (0, True)])
def test_answered(answer, answered):
    assert _answered(answer) is answered
