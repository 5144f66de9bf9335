"""`rasa run` with the HTTP API token read from the environment, so it never shows in the process list.

`python -m bot.nlu.rasa_run --enable-api --port 5005 ...` (the Rasa environment's Python) runs `rasa run` with
the arguments given plus `--auth-token $SCT_RASA_TOKEN`: Rasa's HTTP API (trackers, /model/parse, ...) then
answers 401 without `?token=`. The channel webhooks (/webhooks/rest/webhook) are not covered by the token: they
stay on loopback behind the backend's chat hub. Refuses to start without a token of 16+ characters.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    token = os.environ.get("SCT_RASA_TOKEN", "")
    if len(token) < 16:
        print("SCT_RASA_TOKEN is not set (16+ characters): Rasa's HTTP API refuses to run open", file=sys.stderr)
        return 2
    if any(a in ("-t", "--auth-token") or a.startswith("--auth-token=") for a in args):
        print("give the token in SCT_RASA_TOKEN, not on the command line", file=sys.stderr)
        return 2
    # set in this process only: /proc/<pid>/cmdline keeps the arguments the process was started with
    # "--auth-token=<token>": a token_urlsafe token may begin with "-", which argparse would take for an option
    sys.argv = ["rasa", "run", *args, f"--auth-token={token}"]
    from rasa.__main__ import main as rasa_main

    rasa_main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
