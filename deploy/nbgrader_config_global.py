"""nbgrader configuration for everyone on the course hub.

provision.py installs it as <single-user environment>/etc/jupyter/nbgrader_config.py.

The hub puts CPSW_COURSE_ID and CPSW_EXCHANGE in every server's environment
(deploy/jupyterhub_config.py), so this file and the hub cannot disagree.
"""

import os

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.course_id = os.environ.get("CPSW_COURSE_ID", "being-present")
# The filesystem exchange: one folder every account can reach (mode 0o777, as nbgrader needs);
# nbgrader makes inbound/ write-only and feedback/ unlistable for learners.
c.Exchange.root = os.environ.get("CPSW_EXCHANGE", "/srv/nbgrader/exchange")
# Fetched assignments go to ~/<course>/<assignment>, so a second course cannot collide.
c.Exchange.path_includes_course = True
# Ask the hub who is enrolled: learners of group nbgrader-<course> (and formgrade-<course>) may
# fetch and submit; nobody else.
c.Authenticator.plugin_class = "nbgrader.auth.JupyterHubAuthPlugin"
