"""The text of a procedure file on export, keeping what the file already says.

Files in procedures_catalog/ were written with different line widths over time. Rewriting them all with
`dump_procedure` changes dozens of files whose content is identical. So an export:
- leaves a file byte-identical when its content equals the procedure;
- otherwise re-dumps at the width the file was written with (when that reproduces it) and keeps the file's own
  text for every top-level field that did not change, so the diff shows only the edited fields.
"""

from __future__ import annotations

import re

import yaml
from pydantic import ValidationError

from bot.catalog.files import dump_procedure
from bot.catalog.schema import Procedure

WIDTHS = (110, 120, 100, 80)  # widths used by the tools that wrote the catalogue, most common first
_TOP_KEY = re.compile(r"^([A-Za-z_]\w*):")


def _data(proc: Procedure) -> dict:
    return proc.model_dump(mode="json", exclude_none=True)


def _parse(text: str) -> Procedure | None:
    try:
        data = yaml.safe_load(text)
        return Procedure.model_validate(data) if isinstance(data, dict) else None
    except (yaml.YAMLError, ValidationError, ValueError):
        return None


def _blocks(text: str) -> dict[str, str]:
    """Top-level key -> its lines (the key line and everything up to the next top-level key)."""
    blocks: dict[str, str] = {}
    key = None
    for line in text.splitlines(keepends=True):
        match = _TOP_KEY.match(line)
        if match:
            key = match.group(1)
            blocks[key] = ""
        if key is not None:
            blocks[key] += line
    return blocks


def _width_of(old: Procedure, text: str) -> int:
    return next((w for w in WIDTHS if dump_procedure(old, width=w) == text), WIDTHS[0])


def file_text(proc: Procedure, existing: str | None) -> str:
    """What `<code>.yaml` should hold for `proc`, given the file's current text (None: no file yet)."""
    if existing is None:
        return dump_procedure(proc)
    old = _parse(existing)
    if old is None:
        return dump_procedure(proc)
    before, after = _data(old), _data(proc)
    if before == after:
        return existing
    fresh = dump_procedure(proc, width=_width_of(old, existing))
    kept = _blocks(existing)
    same = {key for key in after if before.get(key) == after.get(key)}
    merged = "".join(  # an unchanged field keeps its text; one the file left out (a default) stays out
        kept.get(key, "") if key in same else block for key, block in _blocks(fresh).items()
    )
    return merged if (again := _parse(merged)) is not None and _data(again) == after else fresh
