"""The dependency contracts of pyproject.toml ([tool.importlinter]) hold: `lint-imports` passes.

The contracts follow the design's layers (staff app > API > channels > use cases > catalogue and store > text >
shared helpers), keep the Rasa side (actions, bot.text, bot.nlu) off the backend, and forbid the edges that must
never exist. An import listed under `ignore_imports` is known debt.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]


def test_the_rasa_side_is_checked_and_the_never_edges_are_forbidden() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contracts = {contract["id"]: contract for contract in config["contracts"]}
    assert set(contracts["rasa-side"]["source_modules"]) == {"actions", "bot.text", "bot.nlu"}
    forbidden = set(contracts["rasa-side"]["forbidden_modules"])
    assert {"bot.db", "bot.api", "bot.answers", "bot.complaints", "bot.dossiers", "bot.handoff"} <= forbidden
    layers = contracts["layers"]["layers"]
    assert layers.index("bot.staff") < layers.index("bot.api") < layers.index("bot.text")
    assert [
        c["source_modules"]
        for c in config["contracts"]
        if c["type"] == "forbidden" and "bot.db" in c["forbidden_modules"] and "bot.channels" in c["source_modules"]
    ]
