"""Procedures another body handles, so the bot can say whose they are instead of answering a neighbour.

Citizens ask the Sở Công Thương about C/O forms, multi-level marketing registration, restaurant food safety or
household business registration. None of these is in the catalogue; the closest catalogue procedure shares words
with them ("C/O mẫu GST", "ATTP do Sở Công Thương thực hiện"). A reviewed reference list
(procedures_catalog/elsewhere.yaml, each entry citing its source) is indexed like the catalogue; when a message
matches one of its entries better than any catalogue procedure, the answer is "not in my list", naming the body
that handles it. Entries are never answered from: they hold no fee, time or documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from bot.search.resolver import Candidate, ProcedureIndex, Resolution

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "procedures_catalog" / "elsewhere.yaml"
FIELD = "Ngoài danh mục của Sở"
MIN_SCORE = 0.5  # an entry this close to the message names what was asked
MARGIN = 0.03  # ahead of the best catalogue procedure by this much: the message is about the entry


class EntrySource(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=5)
    url: str | None = None


class Entry(BaseModel):
    """One procedure handled elsewhere, as a citizen would name it."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=5)
    aliases: list[str] = Field(default_factory=list)
    agency: str = Field(min_length=3, description="the body that handles it, as the source says")
    kind: Literal["ministry", "other_agency"]
    code: str | None = Field(default=None, description="national procedure code, when found")
    source: EntrySource
    note: str | None = Field(default=None, description="for reviewers; never shown to citizens")


@dataclass(frozen=True)
class _Indexed:
    """The face ProcedureIndex reads (code, name, aliases, field, levels)."""

    code: str
    name: str
    aliases: list[str]
    field: str = FIELD
    levels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    entry: Entry
    score: float


def load_entries(path: Path = DEFAULT_FILE) -> list[Entry]:
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [Entry.model_validate(raw) for raw in data.get("entries") or []]


class ElsewhereIndex:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = {f"elsewhere-{i}": e for i, e in enumerate(entries)}
        docs = [_Indexed(key, e.name, list(e.aliases)) for key, e in self.entries.items()]
        self.index = ProcedureIndex(docs)  # type: ignore[arg-type]  # reads only the fields of _Indexed

    def best(self, text: str) -> tuple[Entry, Candidate] | None:
        res = self.index.resolve(text, limit=1)
        if res.best is None:
            return None
        return self.entries[res.best.code], res.best

    def match(self, text: str, held: Resolution | None) -> Match | None:
        """The entry the message is about, when it is clearly closer than every catalogue procedure."""
        if not text.strip() or not self.entries:
            return None
        found = self.best(text)
        if found is None:
            return None
        entry, cand = found
        held_score = held.best.score if held is not None and held.best is not None else 0.0
        if cand.score >= MIN_SCORE and cand.score >= held_score + MARGIN:
            return Match(entry, cand.score)
        return None


_cache: dict[Path, tuple[float, ElsewhereIndex]] = {}


def default_index(path: Path = DEFAULT_FILE) -> ElsewhereIndex:
    """The reference list's index, rebuilt when the file changes (a reviewer's edit applies without a restart)."""
    stamp = path.stat().st_mtime if path.exists() else 0.0
    cached = _cache.get(path)
    if cached is None or cached[0] != stamp:
        _cache[path] = (stamp, ElsewhereIndex(load_entries(path)))
    return _cache[path][1]
