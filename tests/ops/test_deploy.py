"""deploy/: the systemd units pass `systemd-analyze verify` for real (a temporary copy whose commands point at this
checkout's interpreters), carry the restart and hardening settings, and the nginx site passes `nginx -t` and, run
for real in front of the test stack, publishes only what a channel needs (no /bot/*, no Rasa, no action server).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import httpx
import pytest

from bot.settings import ROOT
from tests.servers import free_port, throwaway_certificate

SYSTEMD = ROOT / "deploy" / "systemd"
SITE = ROOT / "deploy" / "nginx" / "sct.conf"
SERVICES = [
    "sct-backend@.service",
    "sct-actions@.service",
    "sct-rasa@.service",
    "sct-telegram.service",
    "sct-healthcheck.service",
]
LONG_RUNNING = SERVICES[:4]


def units_for_here(tmp: Path) -> Path:
    """A copy of the units whose interpreters, working directory and environment files exist on this machine."""
    out = tmp / "units"
    out.mkdir()
    for unit in SYSTEMD.iterdir():
        text = unit.read_text(encoding="utf-8")
        text = text.replace("/opt/sct/.venv-rasa/", f"{ROOT}/.venv-rasa/").replace("/opt/sct/.venv/", f"{ROOT}/.venv/")
        text = text.replace("/etc/sct/", f"{tmp}/etc/")
        (out / unit.name).write_text(text, encoding="utf-8")
    (tmp / "etc").mkdir()
    for name in ("backend", "actions", "rasa", "telegram", "healthcheck"):
        (tmp / "etc" / f"{name}.env").write_text("SCT_X=1\n", encoding="utf-8")
    return out


def directives(unit: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    text = (SYSTEMD / unit).read_text(encoding="utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def test_systemd_analyze_verify_passes_on_every_unit(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed on this machine")
    units = units_for_here(tmp_path)
    names = [
        "sct-backend@0.service",
        "sct-backend@1.service",
        "sct-actions@0.service",
        "sct-rasa@1.service",
        "sct-telegram.service",
        "sct-healthcheck.service",
        "sct-healthcheck.timer",
        "sct.target",
    ]
    result = subprocess.run(
        [analyze, "verify", "--man=no", *(str(units / n) for n in names)], capture_output=True, text=True, timeout=60
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and not output, output  # warnings (unknown keys, bad values) fail too

    # and it would catch a mistake: the untouched units name /opt/sct, which does not exist here
    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy(SYSTEMD / "sct-rasa@.service", broken)
    result = subprocess.run(
        [analyze, "verify", "--man=no", str(broken / "sct-rasa@0.service")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and "/opt/sct/.venv-rasa/bin/python is not executable" in result.stderr


@pytest.mark.parametrize("unit", LONG_RUNNING)
def test_each_service_restarts_on_failure_runs_as_sct_and_is_hardened(unit):
    d = directives(unit)
    assert d["Restart"] == ["on-failure"] and d["User"] == ["sct"]
    assert d["EnvironmentFile"][0].startswith("/etc/sct/")
    for key, value in {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "PrivateTmp": "yes",
        "ProtectHome": "yes",
        "CapabilityBoundingSet": "",
    }.items():
        assert d[key] == [value], (unit, key)
    assert d["ReadWritePaths"] and d["StartLimitBurst"] == ["5"]
    start = " ".join(d["ExecStart"])
    assert "--auth-token" not in start and "TOKEN" not in start  # secrets come from the environment file
    if unit != "sct-telegram.service":
        assert "--host 127.0.0.1" in start or "--interface 127.0.0.1" in start
        assert "%i" in start and "bot.healthcheck" in " ".join(d["ExecStartPost"])


def site_for_here(tmp: Path, backend: int, actions: int, rasa: int) -> tuple[Path, dict[str, int]]:
    """The site with its listeners on free loopback ports, its upstreams at the test stack, a throw-away cert."""
    ports = {
        "http": free_port(),
        "https": free_port(),
        "backend": free_port(),
        "rasa": free_port(),
        "actions": free_port(),
    }
    cert, key = throwaway_certificate(tmp)
    text = SITE.read_text(encoding="utf-8")
    for old, new in (
        ("listen 80;", f"listen 127.0.0.1:{ports['http']};"),
        ("listen [::]:80;", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{ports['https']} ssl http2;"),
        ("listen [::]:443 ssl http2;", ""),
        ("listen 127.0.0.1:8000;", f"listen 127.0.0.1:{ports['backend']};"),
        ("listen 127.0.0.1:5005;", f"listen 127.0.0.1:{ports['rasa']};"),
        ("listen 127.0.0.1:5055;", f"listen 127.0.0.1:{ports['actions']};"),
        ("/etc/ssl/sct/fullchain.pem", str(cert)),
        ("/etc/ssl/sct/privkey.pem", str(key)),
        ("/var/www/letsencrypt", str(tmp)),
    ):
        assert old in text, old
        text = text.replace(old, new)
    for upstream_ports, target in (("900", backend), ("605", actions), ("600", rasa)):
        text = re.sub(rf"server 127\.0\.0\.1:{upstream_ports}\d ", f"server 127.0.0.1:{target} ", text)
    (tmp / "sct.conf").write_text(text, encoding="utf-8")
    main = tmp / "nginx.conf"
    user = "user root;\n" if subprocess.run(["id", "-u"], capture_output=True, text=True).stdout.strip() == "0" else ""
    main.write_text(
        f"{user}worker_processes 1;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log warn;\n"
        "events { worker_connections 256; }\n"
        f"http {{\n  access_log off;\n  client_body_temp_path {tmp}/body;\n  proxy_temp_path {tmp}/proxy;\n"
        f"  include {tmp}/sct.conf;\n}}\n",
        encoding="utf-8",
    )
    return main, ports


def nginx_bin() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


def test_the_nginx_site_publishes_only_what_a_channel_needs(tmp_path, stack):
    c = stack.config
    conf, ports = site_for_here(tmp_path, c.api_port, c.action_port, c.rasa_port)
    check = subprocess.run(
        [nginx_bin(), "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True, timeout=30
    )
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen([nginx_bin(), "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"])
    try:
        public = f"https://127.0.0.1:{ports['https']}"
        with httpx.Client(verify=False, timeout=30) as http:
            deadline = time.monotonic() + 15
            while True:
                try:
                    http.get(f"{public}/widget/widget.js")
                    break
                except httpx.ConnectError:
                    assert time.monotonic() < deadline, "nginx did not start"
                    time.sleep(0.2)
            assert http.get(f"{public}/widget/widget.js").status_code == 200
            sender = f"site-{uuid.uuid4().hex[:8]}"
            chat = http.post(f"{public}/chat/messages", json={"channel": "web", "sender": sender, "text": "xin chào"})
            assert chat.status_code == 200 and chat.json()["status"] == "ok"
            assert http.post(f"{public}/chat/sessions").status_code == 200
            assert http.get(f"{public}/staff/login").status_code == 200
            hidden = [
                "/bot/procedures/resolve?q=ruou",
                "/bot/complaints/consent",
                "/docs",
                "/openapi.json",
                "/health",
                f"/conversations/web-{sender}/tracker?token={c.rasa_token}",
                "/model/parse",
                "/webhook",
                "/webhooks/rest/webhook",
                "/actions",
                "/status",
                "/procedures",
                "/demo",
                "/reports/monthly",
            ]
            for path in hidden:
                assert http.get(f"{public}{path}").status_code == 404, path
                assert http.post(f"{public}{path}", json={}).status_code == 404, path
            redirect = httpx.get(f"http://127.0.0.1:{ports['http']}/chat/messages", follow_redirects=False)
            assert redirect.status_code == 301 and redirect.headers["location"].startswith("https://")
        # the internal listeners reach the services (for the hub, Rasa and the action servers), on loopback only
        assert httpx.get(f"http://127.0.0.1:{ports['backend']}/health", timeout=10).status_code == 200
        assert httpx.get(f"http://127.0.0.1:{ports['rasa']}/", timeout=10).status_code == 200
        assert httpx.get(f"http://127.0.0.1:{ports['actions']}/health", timeout=10).status_code == 200
        assert httpx.post(f"http://127.0.0.1:{ports['actions']}/webhook", json={}, timeout=10).status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_healthcheck_says_which_instance_does_not_serve(stack):
    c = stack.config
    env_py = [str(ROOT / ".venv" / "bin" / "python"), "-m", "bot.healthcheck"]
    from bot.stack import _env

    ok = subprocess.run(
        [*env_py, f"backend={c.api_url}", f"actions={c.action_url}", f"rasa={c.rasa_url}"],
        cwd=ROOT,
        env=_env({"SCT_RASA_TOKEN": c.rasa_token}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.count(": serving") == 3
    down = f"http://127.0.0.1:{free_port()}"
    bad = subprocess.run(
        [*env_py, f"backend={c.api_url}", f"rasa={c.rasa_url}", f"actions={down}"],
        cwd=ROOT,
        env=_env({"SCT_RASA_TOKEN": "wrong-token-0123456789"}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1
    assert f"rasa {c.rasa_url}: NOT serving (HTTP 401" in bad.stdout
    assert f"actions {down}: NOT serving" in bad.stdout and f"backend {c.api_url}: serving" in bad.stdout
