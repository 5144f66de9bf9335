"""A private PostgreSQL cluster for fault tests: started, SIGKILLed and restarted by the test.

Never the machine's shared server on 127.0.0.1:5432. The Debian binaries (/usr/lib/postgresql/<v>/bin) run as
the `postgres` OS user (PostgreSQL refuses root) in a temporary directory owned by it, trust auth on 127.0.0.1.
The postmaster is a child of the test process (through runuser), so a killed one is reaped, not left a zombie
that would keep its lock file "in use".
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"{name} not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)")
    return found[-1]


def _as_postgres() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class PrivateCluster:
    def __init__(self, port: int) -> None:
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="sct-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.proc: subprocess.Popen | None = None
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        initdb = [_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]
        subprocess.run([*_as_postgres(), *initdb], check=True, capture_output=True)

    def url(self, database: str, driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://postgres@127.0.0.1:{self.port}/{database}"

    def start(self, timeout: float = 60) -> float:
        """Start the postmaster (crash recovery first, after a kill); seconds until it accepts connections."""
        started = time.monotonic()
        args = [_bin("postgres"), "-D", str(self.data), "-p", str(self.port), "-c", "listen_addresses=127.0.0.1"]
        args += ["-c", f"unix_socket_directories={self.root}", "-c", "max_connections=200"]
        with open(self.log, "a") as log:
            self.proc = subprocess.Popen([*_as_postgres(), *args], stdout=log, stderr=subprocess.STDOUT)
        while time.monotonic() < started + timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"private PostgreSQL exited; see {self.log}")
            try:
                with psycopg.connect(self.url("postgres", "postgresql"), connect_timeout=2):
                    return time.monotonic() - started
            except psycopg.OperationalError:
                time.sleep(0.1)
        raise TimeoutError(f"private PostgreSQL did not accept connections; see {self.log}")

    def postmaster_pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (FileNotFoundError, ValueError, IndexError):
            return None

    def processes(self) -> list[int]:
        """The postmaster and every process it started (checkpointer, WAL writer, one backend per connection)."""
        master = self.postmaster_pid()
        if master is None or not Path(f"/proc/{master}").exists():
            return []
        pids = [master]
        for status in glob.glob("/proc/[0-9]*/status"):
            try:
                lines = Path(status).read_text().splitlines()
            except OSError:
                continue
            if any(line.split() == ["PPid:", str(master)] for line in lines):
                pids.append(int(status.split("/")[2]))
        return pids

    def kill9(self) -> list[int]:
        """SIGKILL the postmaster and its children at once: no shutdown, no checkpoint, a crash."""
        pids = self.processes()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait(timeout=30)  # runuser returns once the postmaster is gone
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in pids):
            time.sleep(0.05)
        return pids

    def remove(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.kill9()
        shutil.rmtree(self.root, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
