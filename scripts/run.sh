#!/usr/bin/env bash
# Install everything, train the Rasa model if it is missing or outdated, then start the whole system:
# backend API (migrations + catalogue load), action server, Rasa server (REST channel). Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/python -m bot.stack
