"""Rasa custom actions: thin HTTP clients of the backend API (no business logic here).

The action server's log lines are masked like every other process's (phones, emails, ID numbers, names), and
the HTTP client's per-request lines are off: their URLs carry sender ids and codes.
"""

from bot.privacy import install_log_masking, mute_http_client_urls

install_log_masking()
mute_http_client_urls()
