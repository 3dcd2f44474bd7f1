"""nbgrader configuration of the grader account.

provision.py installs it as ~<grader account>/.jupyter/nbgrader_config.py.

The shared grading server runs in the account's home, not in the course folder: load the course's
own nbgrader_config.py (autograde settings, permissions, preprocessors) and point at the course.
"""

import os
from pathlib import Path

from nbgrader.exchange.default import ExchangeReleaseFeedback

c = get_config()  # noqa: F821 (provided by nbgrader)

course = Path(os.environ.get("CPSW_COURSE_DIR")
              or Path.home() / os.environ.get("CPSW_COURSE_ID", "being-present"))
if (course / "nbgrader_config.py").is_file():
    load_subconfig(str(course / "nbgrader_config.py"))  # noqa: F821 (provided by traitlets)
c.CourseDirectory.root = str(course)


class ReleaseFeedbackToLearners(ExchangeReleaseFeedback):
    """nbgrader's release_feedback, then each released page readable by the learner's account.

    The course writes feedback pages 0o640 (nbgrader_config.py), and nbgrader's release copies
    that mode into the exchange, where the learner, another account on the hub, could not fetch
    the page. The released copy gets nbgrader's default 0o644; it stays hidden from everyone
    else, as nbgrader intends: the feedback folder cannot be listed and each page's name is a hash
    of a secret only that learner's submission holds. The course folder's pages stay 0o640.
    """

    def copy_files(self) -> None:
        """Copy the pages as nbgrader does, then give each released page mode 0o644."""
        super().copy_files()
        for page in Path(self.dest_path).glob("*.html"):
            if page.stat().st_uid == os.geteuid():
                page.chmod(0o644)


c.ExchangeFactory.release_feedback = ReleaseFeedbackToLearners
