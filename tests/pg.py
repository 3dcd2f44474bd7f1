"""A throwaway PostgreSQL server for the tests: its own data folder, a free loopback port.

PostgreSQL refuses to run as root, so under root every server command runs as the `postgres`
system user (Debian's package creates it) in a temporary folder that user owns. The superuser
connects only through a Unix socket in that folder (trust); TCP on 127.0.0.1 asks a password,
as a real deployment would.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROLE = "grader"
PASSWORD = "test-only-not-secret"
INSTALL_HINT = "PostgreSQL's server is not installed: run scripts/install-debian-deps (as root)."


class PostgresError(RuntimeError):
    """Raised when the test server cannot be set up; carries the end of its log."""


def server_bin() -> Path:
    """The folder of Debian's newest PostgreSQL server binaries (initdb, pg_ctl)."""
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if not found:
        raise PostgresError(INSTALL_HINT)
    newest = max(found, key=lambda p: int(re.search(r"/postgresql/(\d+)", p).group(1)))
    return Path(newest).parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Server:
    """A running test server: where it lives and how to reach it."""

    bin: Path
    root: Path
    port: int

    @property
    def data(self) -> Path:
        """The server's data folder."""
        return self.root / "data"

    def url(self, database: str) -> str:
        """The SQLAlchemy URL nbgrader opens, as the password-protected grader role, over TCP."""
        return f"postgresql+psycopg2://{ROLE}:{PASSWORD}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database owned by the grader role; return its URL."""
        import psycopg2

        conn = psycopg2.connect(host=str(self.root), port=self.port, user="postgres",
                                dbname="postgres")
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute(f'CREATE DATABASE "{name}" OWNER {ROLE}')
        finally:
            conn.close()
        return self.url(name)

    def log_tail(self, lines: int = 20) -> str:
        """The end of the server's log, for error messages."""
        try:
            return "\n".join((self.root / "server.log").read_text().splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def restart(self) -> None:
        """Restart the server with its options (fast: open connections are dropped)."""
        _run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
              "-m", "fast", "-w", "-t", "60", "restart"], self.root)

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete its folder."""
        try:
            _run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"],
                 self.root)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C"})
    if proc.returncode != 0:
        raise PostgresError(f"{' '.join(cmd)} failed:\n{proc.stdout}{proc.stderr}")
    return proc


def start(attempts: int = 3) -> Server:
    """Initialise a fresh cluster, start it on a free port with a grader role, return it."""
    bin_dir = server_bin()
    root = Path(tempfile.mkdtemp(prefix="cpsw-pg-", dir="/tmp"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    try:
        _run([str(bin_dir / "initdb"), "-D", str(root / "data"), "-U", "postgres", "-E", "UTF8",
              "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"], root)
        server = _start_on_free_port(bin_dir, root, attempts)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    try:
        _create_role(server)
    except BaseException:
        server.stop()
        raise
    return server


def _start_on_free_port(bin_dir: Path, root: Path, attempts: int) -> Server:
    for attempt in range(attempts):
        server = Server(bin_dir, root, free_port())
        options = (f"-c listen_addresses=127.0.0.1 -c port={server.port} "
                   f"-c unix_socket_directories={root}")
        try:
            _run([str(bin_dir / "pg_ctl"), "-D", str(server.data), "-l", str(root / "server.log"),
                  "-o", options, "-w", "-t", "60", "start"], root)
            return server
        except PostgresError as err:  # most likely the port was taken in between
            if attempt == attempts - 1:
                raise PostgresError(f"{err}\n{server.log_tail()}") from None
    raise AssertionError("unreachable")


def _create_role(server: Server) -> None:
    import psycopg2

    conn = psycopg2.connect(host=str(server.root), port=server.port, user="postgres",
                            dbname="postgres")
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f"CREATE ROLE {ROLE} LOGIN PASSWORD %s", (PASSWORD,))
    finally:
        conn.close()
