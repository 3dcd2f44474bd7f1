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
# An answer cell (a solution cell, so graders can comment on a written reply) holds no code from
# the learner: the reply is in answers.json. Its empty solution region becomes this comment.
c.ClearSolutions.code_stub = {"python": "# Your reply is saved by the exercise above."}
# Learners write about lived experience: what autograde and feedback write is readable by the
# owner and group only (nbgrader reads these numbers as octal; its defaults are 444 and 644).
c.Autograde.permissions = 440
c.GenerateFeedback.permissions = 640
# Before anything runs: cells the learner deleted come back from source/ and forged nbgrader
# metadata is dropped (course_utils/preprocessors/restore_cells.py: nbgrader 0.9's add_missing_cells raises
# KeyError on these notebooks), then any code cell the learner added is commented out, not run
# (course_utils/preprocessors/strip_added_code.py: the notebooks take no code). The rest is nbgrader's list,
# and last the graded copy keeps the reading's headings only, for graders
# (course_utils/preprocessors/graded_copy.py).
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "course_utils.preprocessors.restore_cells.RestoreCells",
    "nbgrader.preprocessors.OverwriteCells",
    "course_utils.preprocessors.strip_added_code.StripAddedCode",
    "nbgrader.preprocessors.CheckCellMetadata",
    "course_utils.preprocessors.graded_copy.ShortenGradedCopy",
]
# After the kernel: nbgrader's SaveAutoGrades, except that a score a grader set and closed stays
# closed when its automatic score did not change, and an answer cell is called unanswered only
# when no answer was saved (course_utils/preprocessors/save_grades.py).
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
    "course_utils.preprocessors.save_grades.SaveGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
if sandbox:
    c.SandboxExecute.timeout = int(os.environ.get("CPSW_SANDBOX_TIMEOUT", "30"))
    c.SandboxKernelManager.memory_mb = int(os.environ.get("CPSW_SANDBOX_MEMORY_MB", "2048"))
# Feedback is a report to the learner: each item's answer, its final score (the grader's if one
# was set) stated once, the explanation and the grader's comments; no code and no hidden tests.
# GetGradeDetails is GetGrades plus the automatic and manual scores; FeedbackPage drops code,
# instructions and the hidden test's own score line; FinalCompetencies remakes the competency
# table from the final scores (course_utils/preprocessors/). The page's template is
# course_utils/preprocessors/templates/cps_feedback, set for GenerateFeedback only (formgrader
# keeps its own), and found without importing course_utils.
c.GenerateFeedback.preprocessors = [
    "course_utils.preprocessors.grade_details.GetGradeDetails",
    "nbgrader.preprocessors.ClearHiddenTests",
    "course_utils.preprocessors.feedback_page.FeedbackPage",
    "course_utils.preprocessors.final_competencies.FinalCompetencies",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
# Formgrader's page and the feedback pages show no "In [n]" / "Out[n]" prompts: the course has
# no code for a grader or a learner to run, so the numbers only add noise.
c.HTMLExporter.exclude_input_prompt = True
c.HTMLExporter.exclude_output_prompt = True
from importlib.util import find_spec  # noqa: E402

_package = find_spec("course_utils")
if _package is not None and _package.submodule_search_locations:
    c.GenerateFeedback.HTMLExporter.template_name = "cps_feedback"
    c.GenerateFeedback.HTMLExporter.extra_template_basedirs = [
        str(Path(list(_package.submodule_search_locations)[0]) / "preprocessors" / "templates")]
