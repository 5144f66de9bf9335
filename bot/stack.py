"""Start the local stack (backend, action server, Rasa) as child processes and wait until each answers.

Used by `make run`, the evaluate command and the end-to-end tests, so all three run the same services
the same way. Ports and URLs come from the environment (SCT_*), with the embedded defaults.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bot.settings import ROOT

RASA_VENV = ROOT / ".venv-rasa"
MODEL_DIR = ROOT / "models"
MODEL = MODEL_DIR / "sct.tar.gz"
LOG_DIR = ROOT / "var" / "log"


@dataclass
class StackConfig:
    api_port: int = int(os.environ.get("SCT_API_PORT", "8000"))
    action_port: int = int(os.environ.get("SCT_ACTION_PORT", "5055"))
    rasa_port: int = int(os.environ.get("SCT_RASA_PORT", "5005"))
    host: str = "127.0.0.1"
    env: dict[str, str] = field(default_factory=dict)

    @property
    def api_url(self) -> str:
        return f"http://{self.host}:{self.api_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://{self.host}:{self.action_port}"


def rasa_bin() -> Path:
    return RASA_VENV / "bin" / "rasa"


def model_inputs() -> list[Path]:
    return [ROOT / "config.yml", ROOT / "domain.yml", *sorted((ROOT / "data").rglob("*.yml"))]


def model_is_current() -> bool:
    if not MODEL.exists():
        return False
    built = MODEL.stat().st_mtime
    return all(p.stat().st_mtime <= built for p in model_inputs())


def train_model(force: bool = False) -> float:
    """Train the Rasa model if it is missing or older than its data; returns seconds spent (0 if skipped)."""
    if not force and model_is_current():
        return 0.0
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    with open(LOG_DIR / "train.log", "w") as log:
        subprocess.run(
            [str(rasa_bin()), "train", "--fixed-model-name", "sct", "--out", str(MODEL_DIR), "--force"],
            cwd=ROOT,
            env=_env({}),
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )
    return time.monotonic() - start


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.update(extra)
    return env


def _wait(url: str, proc: subprocess.Popen, name: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with code {proc.returncode}; see {LOG_DIR / (name + '.log')}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{name} did not answer at {url} within {timeout:.0f} s")


class Stack:
    def __init__(self, config: StackConfig | None = None) -> None:
        self.config = config or StackConfig()
        self.procs: list[tuple[str, subprocess.Popen]] = []

    def _spawn(self, name: str, args: list[str], extra_env: dict[str, str]) -> subprocess.Popen:
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        log = open(LOG_DIR / f"{name}.log", "w")  # noqa: SIM115 (kept open for the child's lifetime)
        proc = subprocess.Popen(
            args,
            cwd=ROOT,
            env=_env({**self.config.env, **extra_env}),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.procs.append((name, proc))
        return proc

    def start_backend(self) -> None:
        c = self.config
        proc = self._spawn(
            "backend",
            [sys.executable, "-m", "bot.cli", "serve", "--host", c.host, "--port", str(c.api_port)],
            {"SCT_RASA_URL": c.rasa_url},
        )
        _wait(f"{c.api_url}/health", proc, "backend", 60)

    def start_actions(self) -> None:
        c = self.config
        proc = self._spawn(
            "actions",
            [
                str(RASA_VENV / "bin" / "rasa"),
                "run",
                "actions",
                "--port",
                str(c.action_port),
                "--actions",
                "actions",
            ],
            {"SCT_BACKEND_URL": c.api_url},
        )
        _wait(f"{c.action_url}/health", proc, "actions", 90)

    def start_rasa(self, endpoints: Path | None = None) -> None:
        c = self.config
        endpoints_file = endpoints or self._endpoints_file()
        proc = self._spawn(
            "rasa",
            [
                str(rasa_bin()),
                "run",
                "--enable-api",
                "--port",
                str(c.rasa_port),
                "--model",
                str(MODEL),
                "--endpoints",
                str(endpoints_file),
                "--credentials",
                str(ROOT / "credentials.yml"),
                "--cors",
                "*",
            ],
            {},
        )
        _wait(f"{c.rasa_url}/status", proc, "rasa", 240)

    def _endpoints_file(self) -> Path:
        if self.config.action_port == 5055:
            return ROOT / "endpoints.yml"
        path = ROOT / "var" / f"endpoints-{self.config.action_port}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'action_endpoint:\n  url: "{self.config.action_url}/webhook"\n', encoding="utf-8")
        return path

    def start_all(self) -> None:
        train_model()
        self.start_backend()
        self.start_actions()
        self.start_rasa()

    def stop(self) -> None:
        for _name, proc in reversed(self.procs):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for _name, proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        self.procs.clear()


@contextmanager
def running_stack(config: StackConfig | None = None):
    stack = Stack(config)
    try:
        stack.start_all()
        yield stack
    finally:
        stack.stop()


def main() -> int:
    """`python -m bot.stack`: train if needed, start everything, print where it is, wait for Ctrl+C."""
    stack = Stack()
    print("Preparing the Rasa model (trains only if missing or outdated)…", flush=True)
    spent = train_model()
    if spent:
        print(f"Model trained in {spent:.0f} s", flush=True)
    try:
        stack.start_backend()
        stack.start_actions()
        stack.start_rasa()
        c = stack.config
        print(f"Backend API:    {c.api_url}   (docs: {c.api_url}/docs)")
        print(f"Web chat demo:  {c.api_url}/demo   (widget: {c.api_url}/widget/widget.js)")
        print(f'Rasa REST chat: POST {c.rasa_url}/webhooks/rest/webhook  {{"sender": "me", "message": "xin chào"}}')
        print(f"Action server:  {c.action_url}")
        print(f"Terminal chat:  PYTHONPATH=. .venv-rasa/bin/rasa shell --model {MODEL} --port 5006  (another terminal)")
        print(f"Logs:           {LOG_DIR}")
        print("Press Ctrl+C to stop.", flush=True)
        while all(p.poll() is None for _, p in stack.procs):
            time.sleep(1)
        print("A service stopped; see the logs.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    raise SystemExit(main())
