"""Start a real JupyterLab server on a free loopback port, for the browser tests."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers import python_bin

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def jupyter_lab(root: Path, log: Path, config_path: Path | None = None,
                extra_env: dict[str, str] | None = None) -> Iterator[tuple[str, str]]:
    """Run JupyterLab over root; yield (base URL, token) and stop it afterwards.

    config_path: a learner configuration folder (course_utils.learner.learner_settings), used
    as the server's Jupyter configuration folder, as `cpsw lab` runs it.
    """
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, PATH=f"{Path(python_bin('jupyter')).parent}{os.pathsep}{os.environ['PATH']}",
               JUPYTER_CONFIG_DIR=str(root.parent / ".jupyter-config"), **(extra_env or {}))
    if config_path is not None:
        env["JUPYTER_CONFIG_DIR"] = str(config_path)
    cmd = [python_bin("jupyter"), "lab", "--no-browser", "--allow-root", f"--port={port}",
           "--ip=127.0.0.1", f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}",
           "--LabApp.news_url=", "--ServerApp.open_browser=False"]
    with log.open("w") as out:
        # nbgrader's Assignment List looks for fetched assignments in the server's working folder.
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=root)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"JupyterLab did not start; see {log}") from None
                    time.sleep(0.5)
            yield base, token
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
