"""An nbgrader preprocessor path in course configurations.

Kept at this path; the code lives in `course_utils.preprocessors.restore_cells`.
"""

from course_utils.preprocessors.restore_cells import RestoreCells, is_restored

__all__ = ["RestoreCells", "is_restored"]
