#!/usr/bin/env bash
# Install everything, then run every check: lint, dependency contracts, catalogue validation, the whole test suite.
# The suite uses SQLite and the local PostgreSQL server (127.0.0.1:5432), trains the Rasa model if it is
# missing or outdated, and drives the real backend, action server and Rasa server (tests/rasa).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/ruff check bot actions tests scripts benchmarks migrations
.venv/bin/ruff format --check bot actions tests scripts benchmarks migrations
PYTHONPATH=. .venv/bin/lint-imports  # dependency contracts: [tool.importlinter] in pyproject.toml
.venv/bin/python -m bot.catalog.validate
.venv/bin/python -m pytest tests "$@"
