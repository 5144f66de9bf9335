#!/usr/bin/env bash
# Install everything, then run every check: lint, catalogue validation, the whole test suite
# (SQLite and the local PostgreSQL server at 127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/ruff check bot tests scripts benchmarks migrations
.venv/bin/python -m bot.catalog.validate
.venv/bin/python -m pytest tests "$@"
