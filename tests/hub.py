"""Helpers for the hub test: local accounts, a JupyterHub process, its REST API and kernels
driven over their websocket through the hub's proxy, as JupyterLab drives them."""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect


def free_port() -> int:
    """A TCP port nobody listens on at the moment, on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def reset_home(name: str) -> None:
    """Empty a test account's home (an account of ours, named cpsw-*), keep the account."""
    assert name.startswith("cpsw-"), name
    try:
        account = pwd.getpwnam(name)
    except KeyError:
        return
    home = Path(account.pw_dir)
    if home.is_dir():
        shutil.rmtree(home)
    home.mkdir(mode=0o700)
    os.chown(home, account.pw_uid, account.pw_gid)


def processes_of(name: str) -> list[int]:
    """Process ids of an account's running processes."""
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return []
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
            except FileNotFoundError:
                pass
    return pids


class HubError(RuntimeError):
    """The hub or a server did not do what was asked; carries the end of the hub's log."""


@dataclass
class Hub:
    """A JupyterHub process started from a config file, and its REST API as an admin service."""

    url: str
    token: str
    log_path: Path
    proc: subprocess.Popen | None = None
    session: requests.Session = field(default_factory=requests.Session)

    def start(self, jupyterhub: str, config: Path, env: dict[str, str], cwd: Path,
              timeout: float = 90) -> None:
        self.session.headers["Authorization"] = f"token {self.token}"
        with self.log_path.open("w") as out:
            self.proc = subprocess.Popen([jupyterhub, "-f", str(config)], cwd=cwd, env=env,
                                         stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        self.wait(lambda: self.session.get(f"{self.url}/hub/api/").ok, timeout, "hub start")

    def wait(self, ready, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise HubError(f"the hub exited during {what}:\n{self.log_tail()}")
            try:
                if ready():
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.25)
        raise HubError(f"timed out after {timeout:.0f} s waiting for {what}:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        response = self.session.request(method, f"{self.url}/hub/api{path}", **kwargs)
        if not response.ok:
            raise HubError(f"{method} {path}: {response.status_code} {response.text}")
        return response

    def user_token(self, name: str) -> str:
        """A new API token for a user, with the user's own permissions (as after a login)."""
        body = {"note": "hub test", "expires_in": 3600}
        return self.api("POST", f"/users/{name}/tokens", json=body).json()["token"]

    def start_server(self, name: str) -> None:
        self.api("POST", f"/users/{name}/server")

    def server_ready(self, name: str) -> bool:
        server = self.api("GET", f"/users/{name}").json()["servers"].get("")
        return bool(server and server.get("ready"))

    def stop(self, users: list[str], timeout: float = 60) -> None:
        """Stop every user's server, then the hub (which stops its services and the proxy)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        for name in users:
            try:
                self.session.delete(f"{self.url}/hub/api/users/{name}/server", timeout=30)
            except requests.RequestException:
                pass
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)


class KernelError(RuntimeError):
    """Code sent to a kernel raised; carries the traceback and what it printed."""


class Kernel:
    """A kernel in someone's Jupyter server, reached through the hub with their token."""

    def __init__(self, server_url: str, token: str) -> None:
        self.server_url = server_url.rstrip("/")  # e.g. http://127.0.0.1:8000/user/alice
        self.token = token
        self.kernel_id = ""
        self.session_id = uuid.uuid4().hex
        self.ws = None

    async def start(self) -> Kernel:
        headers = {"Authorization": f"token {self.token}"}
        response = await asyncio.to_thread(
            requests.post, f"{self.server_url}/api/kernels", json={"name": "python3"},
            headers=headers, timeout=120)
        if not response.ok:
            raise KernelError(f"cannot start a kernel at {self.server_url}: "
                              f"{response.status_code} {response.text}")
        self.kernel_id = response.json()["id"]
        ws_url = self.server_url.replace("http", "ws", 1)
        # A room of kernels starting at once on two cores can take longer than tornado's 20 s
        # default to answer; JupyterLab waits and reconnects, and so does this.
        request = HTTPRequest(f"{ws_url}/api/kernels/{self.kernel_id}/channels"
                              f"?session_id={self.session_id}", headers=headers,
                              connect_timeout=120, request_timeout=120)
        for attempt in range(3):
            try:
                self.ws = await websocket_connect(request, max_message_size=100 * 1024 * 1024)
                break
            except (HTTPClientError, OSError):
                if attempt == 2:
                    raise
                await asyncio.sleep(2)
        await self.run("1", timeout=120)  # the kernel answers
        return self

    async def run(self, code: str, timeout: float = 300) -> str:
        """Execute code; return what it printed; raise KernelError if it raised."""
        msg_id = uuid.uuid4().hex
        await self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test",
                       "session": self.session_id, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }))
        out, error, replied, idle = [], None, False, False
        deadline = asyncio.get_running_loop().time() + timeout
        while not (replied and idle):
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                raise KernelError(f"no answer within {timeout:.0f} s to:\n{code}\n{''.join(out)}")
            raw = await asyncio.wait_for(self.ws.read_message(), left)
            if raw is None:
                raise KernelError(f"the kernel's websocket closed while running:\n{code}")
            if isinstance(raw, bytes):
                continue
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                out.append(content["text"])
            elif kind == "error":
                error = "\n".join(content["traceback"])
            elif kind == "execute_reply":
                replied = True
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        if error is not None:
            raise KernelError(f"{error}\n--- printed ---\n{''.join(out)}")
        return "".join(out)

    async def run_json(self, code: str, timeout: float = 300):
        """Execute code whose last printed line is JSON; return it decoded."""
        printed = await self.run(code, timeout)
        return json.loads(printed.strip().splitlines()[-1])

    async def shutdown(self) -> None:
        if self.ws is not None:
            self.ws.close()
        if self.kernel_id:
            await asyncio.to_thread(
                requests.delete, f"{self.server_url}/api/kernels/{self.kernel_id}",
                headers={"Authorization": f"token {self.token}"}, timeout=30)


REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"
CHP = REPO / ".tools" / "node_modules" / ".bin" / "configurable-http-proxy"
USER_ENV = Path("/opt/cpsw-hub/venv")  # kept between runs; rebuilt when what it holds changes
PINNED = ("jupyterhub", "jupyterlab", "jupyter_server", "ipykernel", "nbgrader", "ipywidgets")
COURSE_ID = "being-present"


@dataclass(frozen=True)
class HubCourse:
    """One test's hub: its own folder under /srv, its own accounts, its own free ports.

    Suites use different roots and account names, so they can run in any order, and again.
    """

    root: Path  # outside /root and /tmp/pytest-of-root: every account reaches it
    instructor: str
    grader: str
    learners: tuple[str, ...]
    extra_env: tuple[tuple[str, str], ...] = ()
    extra_config: str = ""  # more lines for the test's hub config

    @property
    def accounts(self) -> tuple[str, ...]:
        return (self.instructor, self.grader, *self.learners)

    @property
    def exchange(self) -> Path:
        return self.root / "exchange"

    @property
    def course(self) -> Path:
        return Path("/home") / self.grader / COURSE_ID

    def environment(self, ports: dict[str, int]) -> dict[str, str]:
        """The environment the hub and provision.py run with: the CPSW_* settings of this test."""
        return {
            "PATH": f"{Path(sys.executable).parent}:/usr/local/sbin:/usr/local/bin:/usr/sbin:"
                    "/usr/bin:/sbin:/bin",
            "LANG": "C.UTF-8",
            "HOME": os.environ.get("HOME", "/root"),
            "CPSW_COURSE_ID": COURSE_ID,
            "CPSW_INSTRUCTORS": self.instructor,
            "CPSW_LEARNERS": ",".join(self.learners),
            "CPSW_GRADER_ACCOUNT": self.grader,
            "CPSW_COURSE_DIR": str(self.course),
            "CPSW_EXCHANGE": str(self.exchange),
            "CPSW_USER_ENV": str(USER_ENV),
            "CPSW_HUB_STATE": str(self.root / "hub"),
            "CPSW_SERVICE_PORT": str(ports["service"]),
            "CPSW_BIND_URL": f"http://127.0.0.1:{ports['public']}",
            "CPSW_HUB_BIND_URL": f"http://127.0.0.1:{ports['hub']}",
            "CPSW_PROXY_API_URL": f"http://127.0.0.1:{ports['proxy_api']}",
            "CPSW_PROXY_COMMAND": str(CHP),
            **dict(self.extra_env),
        }

    def prepare(self) -> None:
        """An empty root, and the accounts' homes emptied of an earlier run (processes ended)."""
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        self.root.chmod(0o755)
        for name in self.accounts:
            end_processes(processes_of(name))  # left by an interrupted run
            reset_home(name)

    def provision(self, env: dict[str, str]) -> tuple[subprocess.CompletedProcess, list[str]]:
        """deploy/provision.py for this course; what it did and its report lines."""
        import importlib.metadata

        pins = self.root / "constraints.txt"
        pins.write_text("".join(f"{p}=={importlib.metadata.version(p)}\n" for p in PINNED))
        done = subprocess.run(
            [sys.executable, str(DEPLOY / "provision.py"), "--course-from", str(REPO),
             "--python", "/usr/bin/python3", "--constraint", str(pins),
             "--jupyterhub", f"jupyterhub=={importlib.metadata.version('jupyterhub')}"],
            env=env, capture_output=True, text=True)
        return done, [line for line in done.stdout.splitlines() if line.startswith("[provision]")]

    def hub_to_start(self, what: str) -> tuple[Hub, Path, dict[str, str]]:
        """Root checked for, an empty root, the machine provisioned: the Hub (not started yet),
        its config file and its environment."""
        if os.geteuid() != 0:
            pytest.fail(f"{what} creates local accounts and starts servers as them: run it as root.")
        if not os.access(CHP, os.X_OK):
            pytest.fail(f"configurable-http-proxy is missing at {CHP}: run `make browser-deps`.")
        self.prepare()
        ports = {k: free_port() for k in ("public", "hub", "proxy_api", "service")}
        env = self.environment(ports)
        provision, _ = self.provision(env)
        assert provision.returncode == 0, provision.stdout[-3000:] + provision.stderr[-5000:]
        token = secrets.token_hex(32)
        hub = Hub(f"http://127.0.0.1:{ports['public']}", token, self.root / "hub.log")
        return hub, self.config(token), env

    def config(self, token: str) -> Path:
        """The shipped config with no login page and an admin service that drives the hub."""
        path = self.root / "hub" / "jupyterhub_config.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'''c = get_config()  # noqa
load_subconfig({str(DEPLOY / "jupyterhub_config.py")!r})  # noqa
c.JupyterHub.authenticator_class = "null"  # nobody logs in: everyone acts with an API token
c.JupyterHub.services = [*c.JupyterHub.services, {{"name": "cpsw-hub-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [*c.JupyterHub.load_roles, {{
    "name": "cpsw-hub-test", "services": ["cpsw-hub-test"],
    "scopes": ["admin:users", "admin:servers", "tokens", "list:groups", "read:groups", "groups",
               "list:services", "read:services"],
}}]
{self.extra_config}''')
        return path

    def stop(self, hub: Hub, proxy_pid: int) -> dict[str, list[int]]:
        """Stop the hub and every server; end and return whatever of ours was still running."""
        hub.stop(list(self.accounts))
        stray: dict[str, list[int]] = {}
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            stray = {n: pids for n in self.accounts if (pids := processes_of(n))}
            if not stray:
                break
            time.sleep(0.5)
        if proxy_pid and alive(proxy_pid):
            stray["configurable-http-proxy"] = [proxy_pid]
        for pids in stray.values():  # started by our hub: end them; the caller fails on them
            end_processes(pids)
        return stray


def alive(pid: int) -> bool:
    """Whether a process with this id exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def end_processes(pids: list[int]) -> None:
    """SIGKILL each of these processes (gone already is fine)."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


# Run first in every kernel the tests drive: sh() runs a command as that person and fails loudly.
SH = '''
import glob, json, os, subprocess, time
from pathlib import Path
def sh(*args, cwd=None):
    p = subprocess.run(list(args), cwd=cwd or Path.home(), capture_output=True, text=True)
    log = p.stdout + p.stderr
    if p.returncode or "[ERROR]" in log or "| ERROR]" in log:
        raise RuntimeError(f"`{' '.join(args)}` failed ({p.returncode}):\\n{log[-4000:]}")
    print(log)
'''


async def in_course(hub: Hub, token: str, course: Path, commands: list[tuple[str, ...]]) -> dict[str, str]:
    """Commands run in a kernel of the shared grading server, in the course folder; what each printed."""
    kernel = await Kernel(f"{hub.url}/services/{COURSE_ID}", token).start()
    out = {}
    try:
        await kernel.run(SH)
        for args in commands:
            out[args[1]] = await kernel.run(f"sh({', '.join(map(repr, args))}, cwd={str(course)!r})",
                                            timeout=1200)
    finally:
        await kernel.shutdown()
    return out


def wait_for_grading_service(hub: Hub, token: str) -> None:
    """Wait until the course's shared grading server answers through the hub."""
    hub.wait(lambda: requests.get(f"{hub.url}/services/{COURSE_ID}/api/status", timeout=60,
                                  headers={"Authorization": f"token {token}"}).ok,
             240, "the grading service")
