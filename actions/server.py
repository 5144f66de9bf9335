"""The action server, as `rasa run actions` but on loopback and only for whoever has the shared secret.

`python -m actions.server --port 5055` (with the Rasa environment's Python): rasa_sdk's own Sanic app
(`rasa_sdk.endpoint.create_app`, the same /webhook, /actions and /health) plus a request middleware that refuses
/webhook and /actions (401) unless the request carries the header `X-SCT-Action-Token` equal to
SCT_ACTION_TOKEN (Rasa sends it: `headers` of `action_endpoint` in endpoints.yml). /health stays open for
health checks. It listens on SCT_ACTION_HOST (default 127.0.0.1), never on every interface by default.
Without SCT_ACTION_TOKEN it refuses to start: the actions call the backend's /bot/* with the real key, so an
open action server would let anyone file complaints in a citizen's name.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os

HEADER = "X-SCT-Action-Token"
OPEN_PATHS = frozenset({"/health"})
log = logging.getLogger("actions.server")


def protect(app, token: str) -> None:
    """Refuse every request but /health without the shared secret (compared in constant time)."""
    from sanic import response

    expected = token.encode()

    @app.middleware("request")
    async def require_token(request):
        if request.path in OPEN_PATHS:
            return None
        given = (request.headers.get(HEADER) or "").encode()
        if not given or not hmac.compare_digest(given, expected):
            log.warning("action server: request to %s without a valid %s refused", request.path, HEADER)
            return response.json({"error": "unauthorized"}, status=401)
        return None


def create_app(token: str, actions: str = "actions"):
    from rasa_sdk.endpoint import create_app as sdk_app

    app = sdk_app(actions, cors_origins=None)
    protect(app, token)
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("SCT_ACTION_PORT", "5055")))
    parser.add_argument("--host", default=os.environ.get("SCT_ACTION_HOST", "127.0.0.1"))
    parser.add_argument("--actions", default="actions")
    args = parser.parse_args(argv)
    token = os.environ.get("SCT_ACTION_TOKEN", "")
    if len(token) < 16:
        parser.error("SCT_ACTION_TOKEN is not set (16+ characters): the action server refuses to run open")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    from rasa_sdk import utils

    utils.update_sanic_log_level()
    app = create_app(token, args.actions)
    log.info("Action server on http://%s:%s (shared secret required)", args.host, args.port)
    app.run(args.host, args.port, workers=1, access_log=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
