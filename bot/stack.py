"""Start the local stack (backend, action server, Rasa) as child processes and wait until each answers.

Used by `make run`, the evaluate command and the end-to-end tests, so all three run the same services
the same way. Ports and URLs come from the environment (SCT_*), with the embedded defaults.

Two profiles (SCT_PROFILE):
- embedded (default): one backend on SQLite, one action server, one Rasa with its in-memory tracker.
- production: SCT_INSTANCES backends on PostgreSQL, action servers and Rasa servers (SQL tracker store on
  PostgreSQL, Redis lock store), each group behind nginx on the public ports, so any instance can serve any
  conversation and a killed instance is routed around.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from bot.settings import ROOT, get_settings
from bot.supervisor import CrashLoop, Supervisor

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
    profile: str = os.environ.get("SCT_PROFILE", "embedded")  # embedded | production
    instances: int = int(os.environ.get("SCT_INSTANCES", "2"))  # per service, production profile only
    database_url: str = os.environ.get("SCT_PROD_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/sct")
    tracker_db_url: str = os.environ.get("SCT_TRACKER_DB_URL", "postgresql://postgres@127.0.0.1:5432/sct_tracker")
    redis_url: str = os.environ.get("SCT_REDIS_URL", "redis://127.0.0.1:6379/1")
    # the action servers' key for the backend's /bot/*: SCT_BOT_API_KEY if set, else a new random one per run
    bot_api_key: str = field(default_factory=lambda: os.environ.get("SCT_BOT_API_KEY") or secrets.token_urlsafe(32))
    # the gateways' secret (Telegram/Zalo posts and polls, widget tokens): SCT_CHANNEL_SECRET or one per run
    channel_secret: str = field(
        default_factory=lambda: os.environ.get("SCT_CHANNEL_SECRET") or secrets.token_urlsafe(32)
    )
    # Rasa's HTTP API token (--auth-token, sent as ?token=) and the action server's shared secret (header
    # X-SCT-Action-Token, sent by Rasa): from SCT_RASA_TOKEN / SCT_ACTION_TOKEN; drawn per run in the embedded
    # profile when unset, required in the production profile (see __post_init__)
    rasa_token: str = field(default_factory=lambda: os.environ.get("SCT_RASA_TOKEN", ""))
    action_token: str = field(default_factory=lambda: os.environ.get("SCT_ACTION_TOKEN", ""))

    def __post_init__(self) -> None:
        for name, env in (("rasa_token", "SCT_RASA_TOKEN"), ("action_token", "SCT_ACTION_TOKEN")):
            value = getattr(self, name)
            if not value and self.production:
                raise ValueError(f"{env} must be set (16+ characters) for the production profile")
            if value and len(value) < 16:
                raise ValueError(f"{env} is too short (16+ characters)")
            if not value:
                setattr(self, name, secrets.token_urlsafe(32))

    @property
    def production(self) -> bool:
        return self.profile == "production"

    def instance_ports(self, public_port: int) -> list[int]:
        """Where the instances listen: the public port itself (embedded), or behind the proxy (production)."""
        if not self.production:
            return [public_port]
        return [public_port + 1000 + i for i in range(self.instances)]

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
    """What the trained model depends on: its configuration, data, and the code that turns text into features."""
    featurising = [ROOT / "bot" / "nlu" / "tokenizer.py", *sorted((ROOT / "bot" / "text").glob("*.py"))]
    return [ROOT / "config.yml", ROOT / "domain.yml", *sorted((ROOT / "data").rglob("*.yml")), *featurising]


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
        # every child is watched; supervise() restarts the ones that die (make run does, tests may)
        self.supervisor = Supervisor()

    @property
    def procs(self) -> list[tuple[str, subprocess.Popen]]:
        """The running children (name, process), in start order; a restarted child is its new process."""
        return self.supervisor.procs()

    def supervise(self) -> None:
        """Restart children that die, with back-off, in a background thread until stop()."""
        self.supervisor.start_thread()

    @property
    def bot_headers(self) -> dict[str, str]:
        """What the action servers send to the backend's /bot/* (for tests and tools calling it directly)."""
        return {"X-SCT-Bot-Key": self.config.bot_api_key}

    @property
    def rasa_params(self) -> dict[str, str]:
        """The query parameter Rasa's HTTP API wants (trackers, /model/parse): ?token=<SCT_RASA_TOKEN>."""
        return {"token": self.config.rasa_token}

    @property
    def action_headers(self) -> dict[str, str]:
        """What Rasa sends to the action servers' /webhook."""
        return {"X-SCT-Action-Token": self.config.action_token}

    @property
    def channel_headers(self) -> dict[str, str]:
        """What the gateways send to /chat/* when they speak for a Telegram or Zalo user."""
        return {"X-SCT-Channel-Secret": self.config.channel_secret}

    def _spawn(self, name: str, args: list[str], extra_env: dict[str, str]) -> subprocess.Popen:
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        path = LOG_DIR / f"{name}.log"
        env = _env({**self.config.env, **extra_env})
        starts = [0]

        def start() -> subprocess.Popen:
            # the first start truncates the log, a restart appends to it (the crash stays readable above)
            with open(path, "a" if starts[0] else "w") as log:
                if starts[0]:
                    log.write(f"\n--- restarted by bot.stack at {time.strftime('%Y-%m-%d %H:%M:%S')} ---\n")
                    log.flush()
                starts[0] += 1
                return subprocess.Popen(
                    args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )

        return self.supervisor.watch(name, start, log_path=path)

    def start_backend(self) -> None:
        c = self.config
        env = {
            "SCT_RASA_URL": c.rasa_url,
            "SCT_RASA_TOKEN": c.rasa_token,
            "SCT_BOT_API_KEY": c.bot_api_key,
            "SCT_CHANNEL_SECRET": c.channel_secret,
        }
        if c.production:
            ensure_database(c.database_url)
            # rate limits in Redis: every backend instance counts in the same place
            env |= {"SCT_ENVIRONMENT": "production", "SCT_DATABASE_URL": c.database_url, "SCT_REDIS_URL": c.redis_url}
        elif _env(c.env).get("SCT_ENVIRONMENT", "development") == "development":
            samples = [sys.executable, "-m", "bot.cli", "load-samples"]  # demo dossiers (marked MẪU)
            if subprocess.run(samples, cwd=ROOT, env=_env(c.env)).returncode:
                print("WARNING: sample dossiers not loaded (see the error above)", file=sys.stderr)
        procs = [
            (
                port,
                self._spawn(
                    self._name("backend", i),
                    [sys.executable, "-m", "bot.cli", "serve", "--host", c.host, "--port", str(port)],
                    env,
                ),
            )
            for i, port in enumerate(c.instance_ports(c.api_port))
        ]  # started together: migrations take a PostgreSQL advisory lock
        for i, (port, proc) in enumerate(procs):
            _wait(f"http://{c.host}:{port}/health", proc, self._name("backend", i), 90)

    def instances(self) -> dict[str, tuple[str, str]]:
        """Every service instance by child name: (kind for bot.healthcheck, its own base URL)."""
        c = self.config
        found = {}
        for kind, public in (("backend", c.api_port), ("actions", c.action_port), ("rasa", c.rasa_port)):
            for i, port in enumerate(c.instance_ports(public)):
                found[self._name(kind, i)] = (kind, f"http://{c.host}:{port}")
        return found

    def serving(self, name: str) -> bool:
        """Does this instance serve (backend/actions /health, Rasa /status with its token: model loaded)?"""
        from bot.healthcheck import check_url

        kind, base = self.instances()[name]
        try:
            return httpx.get(check_url(kind, base, self.config.rasa_token), timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    def _name(self, service: str, index: int) -> str:
        return f"{service}-{index}" if self.config.production else service

    def start_actions(self) -> None:
        c = self.config
        for i, port in enumerate(c.instance_ports(c.action_port)):
            name = self._name("actions", i)
            proc = self._spawn(
                name,
                [str(RASA_VENV / "bin" / "python"), "-m", "actions.server", "--host", c.host, "--port", str(port)],
                {"SCT_BACKEND_URL": c.api_url, "SCT_BOT_API_KEY": c.bot_api_key, "SCT_ACTION_TOKEN": c.action_token},
            )
            _wait(f"http://{c.host}:{port}/health", proc, name, 90)

    def start_rasa(self, endpoints: Path | None = None) -> None:
        c = self.config
        endpoints_file = endpoints or self._endpoints_file()
        env = self._tracker_env() if c.production else {}
        # endpoints*.yml: the header Rasa sends to the action server; the token of its own HTTP API
        env |= {"SCT_ACTION_TOKEN": c.action_token, "SCT_RASA_TOKEN": c.rasa_token}
        if c.production:
            ensure_database(c.tracker_db_url)
        procs = []
        for i, port in enumerate(c.instance_ports(c.rasa_port)):
            name = self._name("rasa", i)
            # bot.nlu.rasa_run: `rasa run` with --auth-token from SCT_RASA_TOKEN (not in the process list)
            args = [
                str(RASA_VENV / "bin" / "python"),
                "-m",
                "bot.nlu.rasa_run",
                "--enable-api",
                "--interface",
                c.host,
                "--port",
                str(port),
                "--model",
                str(MODEL),
                "--endpoints",
                str(endpoints_file),
            ]
            credentials = "credentials.production.yml" if c.production else "credentials.yml"
            args += ["--credentials", str(ROOT / credentials)]
            procs.append((name, port, self._spawn(name, args, env)))
        for name, port, proc in procs:
            _wait(f"http://{c.host}:{port}/", proc, name, 300)  # up once the model is loaded; / needs no token

    def _tracker_env(self) -> dict[str, str]:
        c = self.config
        db, redis = urlsplit(c.tracker_db_url), urlsplit(c.redis_url)
        return {
            "SCT_TRACKER_DB_HOST": db.hostname or "127.0.0.1",
            "SCT_TRACKER_DB_PORT": str(db.port or 5432),
            "SCT_TRACKER_DB_NAME": db.path.lstrip("/") or "sct_tracker",
            "SCT_TRACKER_DB_USER": db.username or "postgres",
            "SCT_TRACKER_DB_PASSWORD": db.password or "",
            "SCT_REDIS_HOST": redis.hostname or "127.0.0.1",
            "SCT_REDIS_PORT": str(redis.port or 6379),
            "SCT_REDIS_DB": redis.path.lstrip("/") or "1",
            "SCT_ACTION_ENDPOINT": f"{c.action_url}/webhook",
            # a Rasa killed while it holds a conversation's lock (Redis) blocks that conversation on the other
            # instances until the lock expires: 20 s instead of Rasa's 60 (a message taking longer has already
            # failed for the citizen: the hub waits 15 s)
            "TICKET_LOCK_LIFETIME": os.environ.get("TICKET_LOCK_LIFETIME", "20"),
        }

    def start_proxy(self) -> None:
        """Production: nginx in front of each group of instances, on the public ports."""
        c = self.config
        if not c.production:
            return
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        conf = write_nginx_conf(c, ROOT / "var" / f"nginx-{c.api_port}")
        proc = self._spawn("nginx", [nginx, "-p", str(conf.parent), "-c", str(conf), "-g", "daemon off;"], {})
        for url in (f"{c.api_url}/health", f"{c.action_url}/health", f"{c.rasa_url}/"):
            _wait(url, proc, "nginx", 30)

    def start_telegram(self, settle: float = 5.0) -> bool:
        """The Telegram gateway (needs SCT_TELEGRAM_TOKEN), relaying to this stack's backend.

        Returns False, and leaves the rest of the stack running, if it stops at once (bad token, no network).
        """
        proc = self._spawn(
            "telegram",
            [sys.executable, "-m", "bot.channels.telegram"],
            {"SCT_BACKEND_URL": self.config.api_url, "SCT_CHANNEL_SECRET": self.config.channel_secret},
        )
        deadline = time.monotonic() + settle
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
        if proc.poll() is not None:
            self.supervisor.forget("telegram")
            return False
        return True

    def _endpoints_file(self) -> Path:
        if self.config.production:
            return ROOT / "endpoints.production.yml"
        if self.config.action_port == 5055:
            return ROOT / "endpoints.yml"
        path = ROOT / "var" / f"endpoints-{self.config.action_port}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f'action_endpoint:\n  url: "{self.config.action_url}/webhook"\n'
            "  headers:\n    X-SCT-Action-Token: ${SCT_ACTION_TOKEN}\n",
            encoding="utf-8",
        )
        return path

    def start_services(self) -> None:
        """Backend, action server and Rasa (no training, no proxy); all stopped again if one fails to start."""
        try:
            self.start_backend()
            self.start_actions()
            self.start_rasa()
        except Exception:
            self.stop()
            raise

    def start_all(self) -> None:
        train_model()
        self.start_backend()
        self.start_actions()
        self.start_rasa()
        self.start_proxy()

    def stop(self) -> None:
        self.supervisor.stop()  # first: nothing is restarted while the children are stopped
        procs = self.procs
        for _name, proc in reversed(procs):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for _name, proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        self.supervisor.children.clear()


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named in `url` if it does not exist (a fresh machine or CI)."""
    import psycopg

    parts = urlsplit(url.replace("postgresql+psycopg://", "postgresql://"))
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')


def write_nginx_conf(config: StackConfig, directory: Path) -> Path:
    """An nginx config with one upstream per service; a refused connection is retried on the next instance.

    max_fails=1 fail_timeout=2s: an instance that refused a connection (killed, restarting) is skipped for 2 s,
    then tried again, so a restarted one serves again within 2 s of answering; proxy_connect_timeout 2s bounds
    the cost of a hung one. POSTs are retried on the next instance only when they never reached the first.
    """
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "logs").mkdir(exist_ok=True)
    blocks = []
    for service, public in (("backend", config.api_port), ("actions", config.action_port), ("rasa", config.rasa_port)):
        ports = config.instance_ports(public)
        servers = "\n".join(f"    server {config.host}:{p} max_fails=1 fail_timeout=2s;" for p in ports)
        blocks.append(
            f"  upstream {service} {{\n{servers}\n    keepalive 32;\n  }}\n"
            f"  server {{\n    listen {config.host}:{public};\n    client_max_body_size 1m;\n"
            f"    location / {{\n      proxy_pass http://{service};\n      proxy_http_version 1.1;\n"
            f'      proxy_set_header Connection "";\n      proxy_set_header Host $host;\n'
            f"      proxy_set_header X-Forwarded-For $remote_addr;\n      proxy_connect_timeout 2s;\n"
            f"      proxy_read_timeout 60s;\n"
            f"      proxy_next_upstream error timeout http_502 http_503;\n    }}\n  }}\n"
        )
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = directory / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes 1;\npid {directory}/nginx.pid;\nerror_log {directory}/logs/error.log warn;\n"
        "events { worker_connections 1024; }\n"
        f"http {{\n  access_log off;\n  client_body_temp_path {directory}/body;\n"
        f"  proxy_temp_path {directory}/proxy;\n" + "".join(blocks) + "}\n",
        encoding="utf-8",
    )
    return conf


def profile_config(name: str, **overrides) -> StackConfig:
    """The stack configuration of a profile: "embedded" or "production"."""
    return StackConfig(profile=name, **overrides)


def new_tokens() -> dict[str, str]:
    """Fresh Rasa API and action server secrets, for a production-profile stack of a test or benchmark."""
    return {"rasa_token": secrets.token_urlsafe(32), "action_token": secrets.token_urlsafe(32)}


@contextmanager
def running_stack(config: StackConfig | None = None):
    stack = Stack(config)
    try:
        stack.start_all()
        yield stack
    finally:
        stack.stop()


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    """`python -m bot.stack`: train if needed, start everything, print where it is, wait for Ctrl+C."""
    logging.basicConfig(format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("sct.supervisor").setLevel(logging.INFO)  # restarts are printed on the terminal
    try:
        stack = Stack()
    except ValueError as exc:  # production profile without its secrets
        print(f"{exc} (see docs/security.md, 'Secrets to set')", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops the children too, like Ctrl+C
    print("Preparing the Rasa model (trains only if missing or outdated)…", flush=True)
    spent = train_model()
    if spent:
        print(f"Model trained in {spent:.0f} s", flush=True)
    try:
        stack.start_backend()
        stack.start_actions()
        stack.start_rasa()
        stack.start_proxy()
        c = stack.config
        if c.production:
            print(f"Production profile: {c.instances} instances per service behind nginx, PostgreSQL, Redis")
        print(f"Backend API:    {c.api_url}   (docs: {c.api_url}/docs)")
        print(f"Web chat demo:  {c.api_url}/demo   (widget: {c.api_url}/widget/widget.js)")
        print(f'Rasa REST chat: POST {c.rasa_url}/webhooks/rest/webhook  {{"sender": "me", "message": "xin chào"}}')
        print(f"Action server:  {c.action_url}")
        if not c.production:  # development only: the per-run secret the shell's Rasa needs to call the actions
            print(
                f"Terminal chat:  SCT_ACTION_TOKEN={c.action_token} PYTHONPATH=. .venv-rasa/bin/rasa shell "
                f"--model {MODEL} --port 5006  (another terminal)"
            )
        token = "$SCT_RASA_TOKEN" if c.production else c.rasa_token  # development: this run's own token
        print(f"Rasa HTTP API:  {c.rasa_url}/conversations/<id>/tracker?token={token}  (token required)")
        if os.environ.get("SCT_TELEGRAM_TOKEN") or get_settings().telegram_token:
            mode = get_settings().telegram_mode
            if stack.start_telegram():
                print(f"Telegram:       gateway running ({mode}), relaying to {c.api_url}")
            else:
                print(f"Telegram:       gateway stopped at start; see {LOG_DIR / 'telegram.log'}", file=sys.stderr)
        print(f"Logs:           {LOG_DIR}")
        print("A service that stops is restarted (with back-off); Ctrl+C stops everything.", flush=True)
        stack.supervisor.run(interval=0.5)  # until Ctrl+C / SIGTERM, or a crash loop
        return 0
    except CrashLoop as exc:
        print(f"{exc.name} keeps stopping (crash loop): stopping everything. Its log: {exc.log_path}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    raise SystemExit(main())
