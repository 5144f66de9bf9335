"""Are service instances serving? `python -m bot.healthcheck KIND=URL [KIND=URL ...] [--wait SECONDS]`.

kinds: backend (GET /health: 200 when its database answers), actions (GET /health of the action server), rasa
(GET /status?token=$SCT_RASA_TOKEN: 200 once the model is loaded; the token is read from the environment, never
from the command line). Exit code 0 when every one serves, 1 when one does not (after --wait seconds of trying,
default 0: one try), 2 on bad arguments. Standard library only, so it runs with either environment's Python:
in a systemd unit's ExecStartPost (`--wait 180`: the unit is "started" only when it serves), from the health-check
timer (deploy/systemd), or by hand. Prints one line per instance saying what it found.

  python -m bot.healthcheck backend=http://127.0.0.1:9000 rasa=http://127.0.0.1:6000 --wait 60
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

PATHS = {"backend": "/health", "actions": "/health", "rasa": "/status"}


def check_url(kind: str, base_url: str, token: str | None = None) -> str:
    """The URL to probe; Rasa's with its API token (`token`, else SCT_RASA_TOKEN)."""
    url = base_url.rstrip("/") + PATHS[kind]
    if kind == "rasa":
        url += "?" + urllib.parse.urlencode({"token": token or os.environ.get("SCT_RASA_TOKEN", "")})
    return url


def probe(kind: str, base_url: str, timeout: float = 5.0) -> tuple[bool, str]:
    """(serving, what was found) after one request."""
    try:
        with urllib.request.urlopen(check_url(kind, base_url), timeout=timeout) as res:  # noqa: S310 (http URL)
            body = res.read(2000)
            if kind == "rasa":
                loaded = json.loads(body or b"{}").get("model_file")
                return True, f"model {loaded}"
            return True, f"HTTP {res.status}"
    except urllib.error.HTTPError as exc:
        hint = " (SCT_RASA_TOKEN missing or wrong)" if exc.code == 401 else ""
        return False, f"HTTP {exc.code}{hint}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return False, type(getattr(exc, "reason", exc)).__name__


def wait_until_serving(kind: str, base_url: str, wait: float = 0.0, interval: float = 1.0) -> tuple[bool, str]:
    deadline = time.monotonic() + wait
    while True:
        ok, found = probe(kind, base_url)
        if ok or time.monotonic() >= deadline:
            return ok, found
        time.sleep(interval)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "targets", nargs="+", metavar="KIND=URL", help=f"kind ({', '.join(sorted(PATHS))}) and the instance's base URL"
    )
    parser.add_argument("--wait", type=float, default=0.0, help="keep trying each for this many seconds")
    args = parser.parse_args(argv)
    targets = []
    for target in args.targets:
        kind, _, url = target.partition("=")
        if kind not in PATHS or not url.startswith(("http://", "https://")):
            parser.error(f"not KIND=URL with a kind of {sorted(PATHS)}: {target!r}")
        targets.append((kind, url))
    failed = 0
    for kind, url in targets:
        ok, found = wait_until_serving(kind, url, args.wait)
        failed += not ok
        print(f"{kind} {url}: {'serving' if ok else 'NOT serving'} ({found})", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
