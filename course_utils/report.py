"""The competency report cell of every notebook.

Kept at this path; the code lives in `course_utils.learner.report`.
"""

from course_utils.learner.report import competency_report, report_html

__all__ = ["competency_report", "report_html"]
