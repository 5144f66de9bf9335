#!/usr/bin/env bash
# Install, migrate, load the catalogue and start the system (backend API with its docs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
HOST="${SCT_API_HOST:-127.0.0.1}"
PORT="${SCT_API_PORT:-8000}"
echo "Backend API:  http://$HOST:$PORT   (docs: http://$HOST:$PORT/docs)"
echo "Try:          curl 'http://$HOST:$PORT/procedures/resolve?q=xin+giay+phep+ban+le+ruou'"
exec .venv/bin/python -m bot.cli serve --host "$HOST" --port "$PORT"
