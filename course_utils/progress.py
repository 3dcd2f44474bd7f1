"""The progress notebook's call.

Kept at this path; the code lives in `course_utils.learner.progress`.
"""

from course_utils.learner.progress import PracticeResult, mean_by, practice_results, show_progress

__all__ = ["show_progress", "practice_results", "mean_by", "PracticeResult"]
