#!/usr/bin/env python3
"""Prepare a Debian server for the course hub; run as root, as often as you like.

Reads the same CPSW_* variables as jupyterhub_config.py (hub_settings.py) and, in order:
1. creates the local accounts (instructors, graders, learners, grader account), homes mode 0700;
2. creates the nbgrader exchange (mode 0o777) and the hub's state folder (root only);
3. builds the single-user environment: a venv of Debian's Python with JupyterHub, JupyterLab,
   nbgrader and this package, plus the nbgrader config and extension settings every user gets;
   rebuilt only when its requirements change, the package reinstalled when the package changes;
4. per account: the grader account's nbgrader config, formgrader and course folder (copied from
   --course-from once, never overwritten), the instructors' course list.
Needs only the standard library. Prints what each step took.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pwd
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from hub_settings import HubSettings  # noqa: E402

# nbgrader's extensions, by who should see them (nbgrader docs: "Using nbgrader with JupyterHub").
SERVER_EXT = "nbgrader.server_extensions."
LAB_EXT = "@jupyter/nbgrader:"
EVERYONE_OFF = {"server": ["formgrader", "course_list"],
                "lab": ["formgrader", "create-assignment", "course-list"]}
GRADER_ON = {"server": ["formgrader"], "lab": ["formgrader", "create-assignment"]}
GRADER_OFF = {"server": ["assignment_list"], "lab": ["assignment-list"]}
INSTRUCTOR_ON = {"server": ["course_list"], "lab": ["course-list"]}
COURSE_PARTS = ("content", "source", "release", "nbgrader_config.py")
MARKER = ".cpsw-env.json"


def log(message: str) -> None:
    """Print one step of the provisioning."""
    print(f"[provision] {message}", flush=True)


def run(cmd: list[str], **kwargs) -> None:
    """Run a command; stop provisioning if it fails."""
    subprocess.run(cmd, check=True, **kwargs)


def ensure_account(name: str) -> pwd.struct_passwd:
    """The local account, created with a private home if it does not exist."""
    try:
        account = pwd.getpwnam(name)
    except KeyError:
        run(["useradd", "--create-home", "--shell", "/bin/bash", name])
        account = pwd.getpwnam(name)
        log(f"created account {name}")
    home = Path(account.pw_dir)
    home.mkdir(mode=0o700, exist_ok=True)
    os.chown(home, account.pw_uid, account.pw_gid)
    home.chmod(0o700)
    return account


def chown_tree(path: Path, account: pwd.struct_passwd) -> None:
    """Give a folder and everything in it to an account (links are not followed)."""
    for p in [path, *path.rglob("*")]:
        os.chown(p, account.pw_uid, account.pw_gid, follow_symlinks=False)


def write_json(path: Path, update: dict, account: pwd.struct_passwd | None = None) -> None:
    """Merge two-level settings into a JSON config file, keeping whatever else it holds."""
    data = json.loads(path.read_text()) if path.is_file() else {}
    for section, values in update.items():
        for key, value in values.items():
            if isinstance(value, dict):
                data.setdefault(section, {}).setdefault(key, {}).update(value)
            else:
                data.setdefault(section, {})[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")
    if account is not None:
        for p in (path.parent.parent, path.parent, path):
            if p.is_relative_to(account.pw_dir):
                os.chown(p, account.pw_uid, account.pw_gid)


def write_extension_settings(config_dir: Path, on: dict | None, off: dict | None,
                             account: pwd.struct_passwd | None = None) -> None:
    """Switch nbgrader's server and lab extensions on or off in one Jupyter config folder.

    The same files `jupyter server extension enable` and `jupyter labextension enable` write; a
    user's ~/.jupyter overrides the environment's etc/jupyter.
    """
    server, lab = {}, {}
    for switch, enabled in ((off or {}, False), (on or {}, True)):
        server.update({SERVER_EXT + n: enabled for n in switch.get("server", [])})
        lab.update({LAB_EXT + n: not enabled for n in switch.get("lab", [])})
    write_json(config_dir / "jupyter_server_config.json",
               {"ServerApp": {"jpserver_extensions": server}}, account)
    write_json(config_dir / "labconfig" / "page_config.json", {"disabledExtensions": lab}, account)


def digest(paths: list[Path], *extra: str, base: Path | None = None) -> str:
    """A short hash of files (by name below base, and content) and strings."""
    h = hashlib.sha256()
    for text in extra:
        h.update(text.encode())
    for p in paths:
        h.update((p.relative_to(base).as_posix() if base else p.name).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def package_files(package: Path) -> list[Path]:
    """The files that make up the course package, for installing it on the hub."""
    files = [package / "pyproject.toml"]
    files += sorted(p for p in (package / "course_utils").rglob("*")
                    if p.is_file() and "__pycache__" not in p.parts)
    return files


def ensure_user_env(s: HubSettings, python: str, package: Path, jupyterhub: str,
                    constraints: Path | None) -> None:
    """The single-user environment; rebuilt only when what it is built from changes."""
    env = s.user_env
    version = subprocess.run([python, "-c", "import sys; print(sys.version)"], check=True,
                             capture_output=True, text=True).stdout
    deps_key = digest([package / "pyproject.toml", *([constraints] if constraints else [])],
                      python, version, jupyterhub)
    package_key = digest(package_files(package), base=package)
    marker = env / MARKER
    state = json.loads(marker.read_text()) if marker.is_file() else {}
    pip = [str(env / "bin" / "python"), "-m", "pip", "install", "--quiet",
           "--disable-pip-version-check"]
    started = time.monotonic()
    if state.get("deps") != deps_key:
        if env.exists():
            shutil.rmtree(env)
        env.parent.mkdir(parents=True, exist_ok=True)
        env.parent.chmod(0o755)
        run([python, "-m", "venv", str(env)])
        run([*pip, *(["--constraint", str(constraints)] if constraints else []), jupyterhub,
             str(package)])
        log(f"built the single-user environment {env} in {time.monotonic() - started:.1f} s")
    elif state.get("package") != package_key:
        run([*pip, "--no-deps", "--force-reinstall", str(package)])
        log(f"reinstalled the package in {env} in {time.monotonic() - started:.1f} s")
    else:
        log(f"single-user environment {env} is up to date")
    marker.write_text(json.dumps({"deps": deps_key, "package": package_key}) + "\n")
    etc = env / "etc" / "jupyter"
    etc.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HERE / "nbgrader_config_global.py", etc / "nbgrader_config.py")
    write_extension_settings(etc, on=None, off=EVERYONE_OFF)
    for p in [env, *env.rglob("*")]:  # whatever the umask was: everyone reads, only root writes
        if not p.is_symlink():
            p.chmod(p.stat().st_mode & ~0o022 | (0o555 if p.is_dir() else 0o444))


def ensure_grader_account(s: HubSettings, course_from: Path | None) -> None:
    """The grader account with its nbgrader configuration; a course folder it already has is kept."""
    account = ensure_account(s.grader_account)
    home = Path(account.pw_dir)
    jupyter = home / ".jupyter"
    jupyter.mkdir(exist_ok=True)
    os.chown(jupyter, account.pw_uid, account.pw_gid)
    shutil.copyfile(HERE / "nbgrader_config_grader.py", jupyter / "nbgrader_config.py")
    os.chown(jupyter / "nbgrader_config.py", account.pw_uid, account.pw_gid)
    write_extension_settings(jupyter, on=GRADER_ON, off=GRADER_OFF, account=account)
    course = s.course_dir
    if course.exists():
        log(f"course folder {course} kept as it is")
    elif course_from is not None:
        course.mkdir(parents=True, mode=0o700)
        for part in COURSE_PARTS:
            source = course_from / part
            if source.is_dir():
                shutil.copytree(source, course / part,
                                ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints",
                                                              "answers*.json"))
            elif source.is_file():
                shutil.copy2(source, course / part)
        chown_tree(course, account)
        log(f"copied the course from {course_from} to {course}")
    else:
        log(f"no course folder at {course}: give --course-from, or put the course there")
    if course.exists():
        course.chmod(0o700)


def ensure_learner_settings(s: HubSettings, account: pwd.struct_passwd) -> None:
    """A learner's ~/.jupyter: no notebook editing shortcuts, no staff tools, code hidden.

    Written by the course's own command (course_utils/learner/learner_settings.py) from the
    single-user environment, then given to the learner.
    """
    jupyter = Path(account.pw_dir) / ".jupyter"
    run([str(s.user_env / "bin" / "cpsw"), "learner-settings", str(jupyter), "--course-id", s.course_id],
        stdout=subprocess.DEVNULL)
    chown_tree(jupyter, account)


def main(argv: list[str] | None = None) -> int:
    """Provision the hub from the command line; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--course-from", type=Path,
                        help="a built course folder (content/, source/, release/, nbgrader_config.py) "
                             "to copy into the grader account's home, if it has no course yet")
    parser.add_argument("--package", type=Path, default=HERE.parent,
                        help="this package's folder, installed into the single-user environment")
    parser.add_argument("--python", default="/usr/bin/python3",
                        help="the Python every user can run (not one under /root)")
    parser.add_argument("--jupyterhub", default="jupyterhub>=5,<6",
                        help="the JupyterHub requirement; match the hub's version")
    parser.add_argument("--constraint", type=Path,
                        help="a pip constraints file pinning the environment's versions")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("provision.py creates accounts and folders: run it as root.", file=sys.stderr)
        return 1
    s = HubSettings.from_env()
    started = time.monotonic()
    for name in dict.fromkeys((*s.instructors, *s.graders, *s.learners)):
        ensure_account(name)
    s.exchange.mkdir(parents=True, exist_ok=True)
    s.exchange.chmod(0o777)
    s.hub_state.mkdir(parents=True, exist_ok=True, mode=0o700)
    s.hub_state.chmod(0o700)
    log(f"accounts, exchange {s.exchange} and hub state {s.hub_state} ready "
        f"in {time.monotonic() - started:.1f} s")
    ensure_user_env(s, args.python, args.package.resolve(), args.jupyterhub, args.constraint)
    ensure_grader_account(s, args.course_from)
    staff = {*s.instructors, *s.graders}
    for name in dict.fromkeys(n for n in s.learners if n not in staff):
        ensure_learner_settings(s, pwd.getpwnam(name))
    for name in dict.fromkeys((*s.instructors, *s.graders)):
        account = pwd.getpwnam(name)
        write_extension_settings(Path(account.pw_dir) / ".jupyter", on=INSTRUCTOR_ON, off=None,
                                 account=account)
    log(f"done in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
