"""Rasa custom actions: thin HTTP clients of the backend API (no business logic here).

The action server's log lines are masked like every other process's (phones, emails, ID numbers, names), and
the HTTP client's per-request lines are off: their URLs carry sender ids and codes.
"""

import logging

from bot.privacy import install_log_masking

install_log_masking()
for _noisy in ("httpx", "httpcore"):
    logging.getLogger(_noisy).setLevel(logging.WARNING)
