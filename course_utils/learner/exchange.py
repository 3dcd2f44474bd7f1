"""The learner's side of nbgrader's exchange: fetch, list and submit, through nbgrader itself."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 120
# nbgrader's own error lines ("[SubmitApp | ERROR] ..."), and the lines that only point elsewhere.
_ERROR = re.compile(r"\[\w+ \| (?:ERROR|CRITICAL)\]\s*(.*)")
_POINTERS = ("see the above traceback", "see the error above", "did you mean")
_CLOSING = re.compile(r"nbgrader \w+ failed\.?$")  # nbgrader's last line, which only says it failed
# nbgrader list prints "[ListApp | INFO] <course> <assignment>" under "Released assignments:".
_LISTED = re.compile(r"\[ListApp \| INFO\] (\S+) (\S+)")


@dataclass(frozen=True)
class ExchangeResult:
    """What an exchange command did: whether it worked and a message a learner can act on."""

    ok: bool
    message: str


def submit(folder: Path | str) -> ExchangeResult:
    """Submit the assignment in this folder with `nbgrader submit` (the folder's name is its id)."""
    path = Path(folder).resolve()
    done = _nbgrader(["submit", str(path)], cwd=path.parent)
    if done.returncode == 0:
        return ExchangeResult(True, f"Submitted {path.name}. You can submit again before the "
                              "deadline: your trainer grades the latest one.")
    return ExchangeResult(False, f"Not submitted: {_error_of(done)} Your answers are still saved "
                          "here; try again, or tell your trainer what this message says.")


def fetch(assignment: str, home: Path | str, env: dict[str, str] | None = None) -> ExchangeResult:
    """Fetch a released assignment into the learner's home folder with `nbgrader fetch_assignment`."""
    done = _nbgrader(["fetch_assignment", assignment], cwd=Path(home).resolve(), env=env)
    if done.returncode == 0:
        return ExchangeResult(True, f"{assignment} is ready.")
    return ExchangeResult(False, f"Could not get {assignment}: {_error_of(done)}")


def released(home: Path | str) -> tuple[list[str], str]:
    """The assignments released to this learner (nbgrader list), and an error message if that failed."""
    done = _nbgrader(["list"], cwd=Path(home).resolve())
    if done.returncode != 0:
        return [], _error_of(done)
    text = f"{done.stderr}\n{done.stdout}"
    listed = text.split("Released assignments:", 1)[-1] if "Released assignments:" in text else ""
    return sorted({m.group(2) for m in _LISTED.finditer(listed)}), ""


def _nbgrader(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run one nbgrader command in the learner's own configuration; never raises."""
    try:
        return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env or dict(os.environ),
                              capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        return subprocess.CompletedProcess(args, 1, "", f"[Exchange | ERROR] {err}")


def _error_of(done: subprocess.CompletedProcess) -> str:
    """The error message nbgrader gave, without the lines that only point at a traceback."""
    lines = [m.group(1).strip() for m in _ERROR.finditer(f"{done.stderr}\n{done.stdout}")]
    useful = [line for line in lines if line and not _CLOSING.match(line)
              and not any(p in line.lower() for p in _POINTERS)]
    if useful:
        text = " ".join(useful[:3])
        return text if text.endswith((".", "!", "?")) else f"{text}."
    tail = [_ERROR.sub(r"\1", line).strip() for line in (done.stderr or "").splitlines() if line.strip()]
    return tail[-1].strip() if tail else f"nbgrader stopped (exit code {done.returncode})."
