"""nbgrader configuration for the Being Present course (the course folder is this folder)."""

from pathlib import Path

c = get_config()  # noqa: F821 (provided by nbgrader)
here = Path(__file__).resolve().parent

c.CourseDirectory.course_id = "being-present"
c.CourseDirectory.root = str(here)
# A deleted grade cell must not leave a submission stuck at "needs manual grading".
c.OverwriteCells.add_missing_cells = True
# Learners' answers live in answers.json beside the notebook: never let a file from source/
# overwrite it at autograde.
source = here / "source"
assignments = [p.name for p in source.iterdir() if p.is_dir()] if source.is_dir() else []
c.Autograde.exclude_overwriting = {name: ["answers.json"] for name in assignments}
c.ExecutePreprocessor.timeout = 120
# Feedback shows each graded item's score and explanations (the test cell's output), not the
# hidden test code itself: strip the hidden region before rendering feedback.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
