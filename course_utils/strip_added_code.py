"""An nbgrader preprocessor path in course configurations.

Kept at this path; the code lives in `course_utils.preprocessors.strip_added_code`.
"""

from course_utils.preprocessors.strip_added_code import StripAddedCode, is_commented_out, is_plain_text

__all__ = ["StripAddedCode", "is_commented_out", "is_plain_text"]
