"""nbgrader configuration for the Being Present course (the course folder is this folder)."""

import os
from pathlib import Path

c = get_config()  # noqa: F821 (provided by nbgrader)
here = Path(__file__).resolve().parent

c.CourseDirectory.course_id = "being-present"
c.CourseDirectory.root = str(here)
# The gradebook: gradebook.db in this folder, or the server database (PostgreSQL) named by the
# environment variable CPSW_DB_URL (course_utils/autograde/gradebook.py; docs/deploy-postgres.md). Imported
# only then: a failed import here would make nbgrader skip this whole file with a logged error.
if os.environ.get("CPSW_DB_URL"):
    from course_utils.autograde.gradebook import db_url

    c.CourseDirectory.db_url = db_url(here)
# A deleted grade cell must not leave a submission stuck at "needs manual grading".
c.OverwriteCells.add_missing_cells = True
# Learners' answers live in answers.json beside the notebook: never let a file from source/
# overwrite it at autograde.
source = here / "source"
assignments = [p.name for p in source.iterdir() if p.is_dir()] if source.is_dir() else []
c.Autograde.exclude_overwriting = {name: ["answers.json"] for name in assignments}
c.ExecutePreprocessor.timeout = 120
# Learners write about lived experience: what autograde and feedback write is readable by the
# owner and group only (nbgrader reads these numbers as octal; its defaults are 444 and 644).
c.Autograde.permissions = 440
c.GenerateFeedback.permissions = 640
# Before anything runs: cells the learner deleted come back from source/ and forged nbgrader
# metadata is dropped (course_utils/preprocessors/restore_cells.py: nbgrader 0.9's add_missing_cells raises
# KeyError on these notebooks), then any code cell the learner added is commented out, not run
# (course_utils/preprocessors/strip_added_code.py: the notebooks take no code). The rest is nbgrader's list.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "course_utils.preprocessors.restore_cells.RestoreCells",
    "nbgrader.preprocessors.OverwriteCells",
    "course_utils.preprocessors.strip_added_code.StripAddedCode",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# Kernels start without the grader's credentials (CPSW_DB_URL, tokens, passwords) in their
# environment (course_utils/preprocessors/kernel_env.py). Optional sandbox
# (course_utils/preprocessors/sandbox.py):
# CPSW_SANDBOX=1, or `cpsw autograde --sandbox`; each kernel then sees only its own submission,
# under a memory limit and a shorter cell timeout. The rest is nbgrader's own list.
sandbox = bool(os.environ.get("CPSW_SANDBOX"))
c.Autograde.autograde_preprocessors = [
    ("course_utils.preprocessors.sandbox.SandboxExecute" if sandbox
     else "course_utils.preprocessors.kernel_env.PrivateEnvExecute"),
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
if sandbox:
    c.SandboxExecute.timeout = int(os.environ.get("CPSW_SANDBOX_TIMEOUT", "30"))
    c.SandboxKernelManager.memory_mb = int(os.environ.get("CPSW_SANDBOX_MEMORY_MB", "2048"))
# Feedback shows each graded item's score and explanations (the test cell's output), not the
# hidden test code itself: strip the hidden region before rendering feedback.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
