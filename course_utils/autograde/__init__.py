"""Submissions to grades: the hidden tests' grade_item, the pre-check, parallel autograde, the gradebook."""
