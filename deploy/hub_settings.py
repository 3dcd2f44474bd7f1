"""The course hub's settings, read from CPSW_* environment variables (stdlib only).

jupyterhub_config.py and provision.py both read them here, so the hub and the machine it runs on
agree on names, paths and ports.
"""

from __future__ import annotations

import os
import pwd
import re
from dataclasses import dataclass
from pathlib import Path

NAME = re.compile(r"^[a-z_][a-z0-9_-]*$")


def _names(variable: str) -> tuple[str, ...]:
    """Account names from a comma- or space-separated environment variable."""
    names = tuple(n for n in re.split(r"[\s,]+", os.environ.get(variable, "")) if n)
    bad = [n for n in names if not NAME.match(n)]
    if bad:
        raise ValueError(f"{variable}: not valid account names: {', '.join(bad)}")
    return names


def home_of(account: str) -> Path:
    """The account's home folder (/home/<account> if the account does not exist yet)."""
    try:
        return Path(pwd.getpwnam(account).pw_dir)
    except KeyError:
        return Path("/home") / account


@dataclass(frozen=True)
class HubSettings:
    """Who takes the course, where its files live and how the hub is reached."""

    course_id: str
    instructors: tuple[str, ...]
    graders: tuple[str, ...]
    learners: tuple[str, ...]
    grader_account: str
    course_dir: Path
    exchange: Path
    user_env: Path
    hub_state: Path
    service_port: int
    bind_url: str
    hub_bind_url: str
    proxy_api_url: str
    proxy_command: str
    idle_timeout: int = 3600  # seconds a server may sit idle before the idle culler stops it
    cull_every: int = 300  # how often the culler looks

    @classmethod
    def from_env(cls) -> HubSettings:
        """Settings from CPSW_* variables; defaults suit one course on one server."""
        env = os.environ.get
        course_id = env("CPSW_COURSE_ID", "being-present")
        grader_account = env("CPSW_GRADER_ACCOUNT", f"grader-{course_id}")
        course_dir = env("CPSW_COURSE_DIR") or str(home_of(grader_account) / course_id)
        return cls(
            course_id=course_id,
            instructors=_names("CPSW_INSTRUCTORS"),
            graders=_names("CPSW_GRADERS"),
            learners=_names("CPSW_LEARNERS"),
            grader_account=grader_account,
            course_dir=Path(course_dir),
            exchange=Path(env("CPSW_EXCHANGE", "/srv/nbgrader/exchange")),
            user_env=Path(env("CPSW_USER_ENV", "/opt/cpsw-hub/venv")),
            hub_state=Path(env("CPSW_HUB_STATE", "/srv/jupyterhub")),
            service_port=int(env("CPSW_SERVICE_PORT", "9999")),
            bind_url=env("CPSW_BIND_URL", "http://:8000"),
            hub_bind_url=env("CPSW_HUB_BIND_URL", "http://127.0.0.1:8081"),
            proxy_api_url=env("CPSW_PROXY_API_URL", "http://127.0.0.1:8001"),
            proxy_command=env("CPSW_PROXY_COMMAND", "configurable-http-proxy"),
            idle_timeout=int(env("CPSW_IDLE_TIMEOUT", "3600")),
            cull_every=int(env("CPSW_CULL_EVERY", "300")),
        )

    @property
    def formgrade_group(self) -> str:
        """Instructors, graders and the grader account: they reach the course's formgrader."""
        return f"formgrade-{self.course_id}"

    @property
    def learner_group(self) -> str:
        """Learners: nbgrader shows them this course's assignments."""
        return f"nbgrader-{self.course_id}"

    @property
    def staff(self) -> tuple[str, ...]:
        """Everyone in the formgrade group, the grader account last."""
        return (*dict.fromkeys((*self.instructors, *self.graders)), self.grader_account)

    def server_environment(self) -> dict[str, str]:
        """What every single-user server (and the grader service) gets in its environment."""
        return {
            "PATH": f"{self.user_env / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "CPSW_COURSE_ID": self.course_id,
            "CPSW_EXCHANGE": str(self.exchange),
            "CPSW_COURSE_DIR": str(self.course_dir),
        }
