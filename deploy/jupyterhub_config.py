"""JupyterHub for the Being Present course: one course, local accounts, nbgrader's exchange.

Run as root (the hub starts each server as its user): `jupyterhub -f deploy/jupyterhub_config.py`
after `deploy/provision.py`. Every setting comes from CPSW_* environment variables
(deploy/hub_settings.py; deploy/README.md lists them).

- Learners (CPSW_LEARNERS) are in the group nbgrader-<course>; instructors and graders
  (CPSW_INSTRUCTORS, CPSW_GRADERS) and the grader account in formgrade-<course>, the names
  nbgrader's JupyterHubAuthPlugin reads (nbgrader docs: "Using nbgrader with JupyterHub").
- The course folder belongs to the grader account and is served by a shared notebook server, the
  hub service named after the course, that only formgrade-<course> may open (nbgrader's "one
  class, multiple graders" setup).
- Everyone's server runs `jupyterhub-singleuser` from the single-user environment
  (CPSW_USER_ENV), where this package, nbgrader and the global nbgrader config are installed.
"""

import importlib.util
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub)

_spec = importlib.util.spec_from_file_location("cpsw_hub_settings",
                                               Path(__file__).resolve().parent / "hub_settings.py")
_module = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
s = _module.HubSettings.from_env()

# The hub's own files: its database and cookie secret (root only).
c.JupyterHub.db_url = f"sqlite:///{s.hub_state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(s.hub_state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(s.hub_state / "jupyterhub-proxy.pid")
c.ConfigurableHTTPProxy.command = [s.proxy_command]
c.ConfigurableHTTPProxy.api_url = s.proxy_api_url
c.JupyterHub.bind_url = s.bind_url
c.JupyterHub.hub_bind_url = s.hub_bind_url

# Who may log in: local accounts, checked by PAM (JupyterHub's default authenticator).
c.Authenticator.allowed_users = {*s.instructors, *s.graders, *s.learners, s.grader_account}
c.JupyterHub.load_groups = {
    s.formgrade_group: {"users": list(s.staff)},
    s.learner_group: {"users": list(s.learners)},
}
c.JupyterHub.load_roles = [
    {   # Instructors and graders open the shared grading server and find it in the services list.
        "name": s.formgrade_group,
        "groups": [s.formgrade_group],
        "scopes": [f"access:services!service={s.course_id}", "list:services",
                   f"read:services!service={s.course_id}"],
    },
    {   # Learners may see that the course exists; nothing more than their own server.
        "name": s.learner_group,
        "groups": [s.learner_group],
        "scopes": ["list:services", f"read:services!service={s.course_id}"],
    },
    {   # The grading server: nbgrader's JupyterHubAuthPlugin adds learners it collects from to
        # nbgrader-<course> and reads who is enrolled.
        "name": f"{s.course_id}-service",
        "services": [s.course_id],
        "scopes": ["list:users", "read:users", "list:groups", f"read:groups!group={s.learner_group}",
                   f"groups!group={s.learner_group}"],
    },
]

# Each user's server: their own account, home folder and processes (LocalProcessSpawner).
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [str(s.user_env / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.env_keep = ["LANG", "LC_ALL"]
c.Spawner.environment = s.server_environment()
# The token a server (and so its kernels) holds: report activity, read its own user and groups
# (nbgrader's JupyterHubAuthPlugin checks enrolment with it), find the course service.
c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server", "read:users!user",
                                 "list:services", "read:services"]
# JupyterLab with nbgrader's extensions takes a while to start on a busy two-core server.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

# The shared grading server: the grader account's JupyterLab, with the formgrader, in its home.
c.JupyterHub.services = [
    {
        "name": s.course_id,
        "url": f"http://127.0.0.1:{s.service_port}",
        "command": [str(s.user_env / "bin" / "jupyterhub-singleuser")],
        "user": s.grader_account,
        "cwd": str(_module.home_of(s.grader_account)),
        "environment": {**s.server_environment(), "JUPYTERHUB_DEFAULT_URL": "/lab"},
        "oauth_no_confirm": True,
        "display": True,
    },
]

# Idle servers are stopped, as on any shared hub: jupyterhub-idle-culler, a hub service, stops a
# learner's server after CPSW_IDLE_TIMEOUT seconds without activity (answers are saved as they
# are given, so nothing is lost; the learner's next visit starts the server again).
c.JupyterHub.services.append({
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={s.idle_timeout}",
                f"--cull-every={s.cull_every}"],
})
c.JupyterHub.load_roles.append({
    "name": "idle-culler",
    "services": ["idle-culler"],
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
})
