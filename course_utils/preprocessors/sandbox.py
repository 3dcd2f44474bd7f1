"""Optional sandbox for autograde: each kernel sees only its own submission, with limits.

Turned on by the environment variable CPSW_SANDBOX=1 (``cpsw autograde --sandbox`` sets it;
nbgrader_config.py then uses SandboxExecute instead of nbgrader's Execute). Each kernel starts
inside bubblewrap (Debian's ``bubblewrap`` package):

- the course folder, the home folder and /tmp are replaced by empty folders (the course folder's
  read-only), so the gradebook, source/, release/ and other learners' submissions cannot be
  read or written;
- the Python installation and the course_utils package come back read-only;
- the one submission being graded (autograded/<student>/<assignment>/) is the only folder it
  may write;
- it runs as the unprivileged user 'nobody' in its own user, PID and IPC namespaces, under a
  memory limit (RLIMIT_AS, through prlimit) and nbgrader's per-cell timeout.

The network is shared with the grader, because the kernel talks to nbgrader over loopback TCP.
Without CPSW_SANDBOX, autograde is plain nbgrader.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path
from typing import Any

from nbgrader.preprocessors import Execute
from traitlets import Integer

from course_utils.preprocessors.kernel_env import PrivateEnvKernelManager

ENV_FLAG = "CPSW_SANDBOX"


class SandboxError(RuntimeError):
    """Raised when the sandbox cannot be used on this machine; says what to install."""


def sandbox_argv(kernel_cmd: list[str], workdir: Path, hidden: list[Path], readonly: list[Path],
                 memory_mb: int, sealed: Path | None = None) -> list[str]:
    """The bubblewrap command that runs kernel_cmd seeing only workdir (writable) and readonly.

    Each hidden folder becomes an empty scratch folder; `sealed` (one of them) is then made
    read-only as well, so nothing can be written where the course's files were.
    """
    argv = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    for path in sorted({p.resolve() for p in hidden}, key=lambda p: len(p.parts)):
        argv += ["--tmpfs", str(path)]
    for path in sorted({p.resolve() for p in readonly if p.exists()}, key=lambda p: len(p.parts)):
        argv += ["--ro-bind", str(path), str(path)]
    workdir = workdir.resolve()
    argv += ["--bind", str(workdir), str(workdir)]
    if sealed is not None:
        argv += ["--remount-ro", str(sealed.resolve())]
    argv += ["--chdir", str(workdir),
             "--unshare-user", "--uid", "65534", "--gid", "65534", "--unshare-pid",
             "--unshare-ipc", "--die-with-parent",
             # The grader's PID is not visible in the kernel's PID namespace: with it, ipykernel
             # would take its parent for dead and exit. --die-with-parent ends the kernel instead.
             "--unsetenv", "JPY_PARENT_PID", "--",
             "prlimit", f"--as={memory_mb * 1024 * 1024}", "--core=0", "--"]
    return argv + list(kernel_cmd)


def readonly_paths(connection_file: Path) -> list[Path]:
    """What a kernel needs to read: Python, its packages, course_utils, its connection file."""
    import course_utils

    paths = [Path(sys.prefix), Path(sys.base_prefix), Path(course_utils.__file__).parent,
             connection_file, Path.home() / ".cache" / "matplotlib"]
    paths += [Path(p) for p in site.getsitepackages() + [site.getusersitepackages()]]
    return paths


def course_root(workdir: Path) -> Path:
    """The course folder of an autograded submission (autograded/<student>/<assignment>)."""
    return workdir.resolve().parents[2]


def check_available() -> None:
    """Raise SandboxError with what to do if bubblewrap is missing or cannot run here."""
    if not shutil.which("bwrap") or not shutil.which("prlimit"):
        raise SandboxError("The sandbox needs bubblewrap and prlimit: install them with "
                           "`apt-get install bubblewrap util-linux`, or grade without --sandbox.")
    probe = subprocess.run(["bwrap", "--ro-bind", "/", "/", "--unshare-user", "--unshare-pid",
                            "--", "true"], capture_output=True, text=True)
    if probe.returncode:
        raise SandboxError(f"bubblewrap cannot create a sandbox on this machine "
                           f"({probe.stderr.strip()}). Enable unprivileged user namespaces "
                           "(sysctl kernel.unprivileged_userns_clone=1) or grade without --sandbox.")


class SandboxKernelManager(PrivateEnvKernelManager):
    """A kernel manager that starts each kernel inside the bubblewrap sandbox."""

    memory_mb = Integer(2048, help="Memory limit of a sandboxed kernel (address space, MB).").tag(
        config=True)

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        workdir = Path(kw.get("cwd") or os.getcwd())
        course = course_root(workdir)
        hidden = [course, Path.home(), Path("/tmp"), Path("/var/tmp")]
        argv = sandbox_argv(kernel_cmd, workdir, hidden,
                            readonly_paths(Path(self.connection_file)), self.memory_mb, course)
        # A SIGINT to the process group would end bubblewrap's monitor, and with it the kernel:
        # ask the kernel to interrupt itself over its control channel instead.
        if self.kernel_spec is not None:
            self.kernel_spec.interrupt_mode = "message"
        await super()._async_launch_kernel(argv, **kw)


class SandboxExecute(Execute):
    """nbgrader's Execute preprocessor, with every kernel started in the sandbox."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(*args, **kwargs)
