"""Procedures another body handles, so the bot can say whose they are instead of answering a neighbour.

Citizens ask the Sở Công Thương about rice export, multi-level marketing registration, restaurant food safety or
household business registration. None of these is in the catalogue; the closest catalogue procedure shares words
with them ("ATTP do Sở Công Thương thực hiện", "thông báo hoạt động bán hàng đa cấp"). A reviewed reference list
(procedures_catalog/elsewhere.yaml, each entry citing its source) is indexed like the catalogue; when a message
matches one of its entries better than any catalogue procedure, the answer is "not in my list", naming the body
that handles it. Entries are never answered from: they hold no fee, time or documents.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from bot.catalog.schema import Procedure
from bot.search.resolver import ProcedureIndex

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "procedures_catalog" / "elsewhere.yaml"
FIELD = "Ngoài danh mục của Sở"
# calibrated on the working sets on 2026-12-07, resolver level (no NLU mention): absent questions answered "not in
# my list" in_or_absent_s3 56 -> 73 %, s5 50 -> 69 %, probe_s4 49 -> 64 %; no in-catalogue question of those sets,
# probe_fresh2 or the dev set sent elsewhere (precision kept)
MIN_SCORE = 0.45  # an entry this close to the message names what was asked
MARGIN = 0.06  # ahead of the best catalogue procedure by this much: the message is about the entry
# the words (and word pairs) the message shares with the entry, weighted by rarity (IDF): a match on common words
# ("nộp đơn", "gọi lên tổng đài") is a look-alike, not the entry ("giấy phép karaoke", "lý lịch tư pháp" pass)
MIN_EVIDENCE = 12.0


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
    """The reference entries indexed together with the catalogue's procedures: one vocabulary and one weighting,
    so an entry's score and a procedure's score can be compared (a separate small index scores any shared word
    as a near-match)."""

    def __init__(self, entries: list[Entry], procedures: Sequence[Procedure]) -> None:
        self.entries = {f"elsewhere-{i}": e for i, e in enumerate(entries)}
        docs = [_Indexed(key, e.name, list(e.aliases)) for key, e in self.entries.items()]
        self.index = ProcedureIndex([*procedures, *docs])  # type: ignore[list-item]  # reads only _Indexed's fields
        self._docs = {doc.proc.code: doc for doc in self.index.docs if doc.proc.code in self.entries}

    def _evidence(self, code: str, normalized: str) -> float:
        words = re.findall(r"\w+", normalized)
        terms = set(words) | {f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)}
        shared = terms & set(self._docs[code].terms)
        return sum(self.index.idf.get(t, 0.0) for t in shared)

    def match(self, text: str) -> Match | None:
        """The entry the message is about: a confident match, clearly ahead of every catalogue procedure."""
        if not text.strip() or not self.entries:
            return None
        res = self.index.resolve_whole(text, limit=5)  # a sentence of a long story is not what it asks
        best = res.best
        if best is None or best.code not in self.entries:
            return None
        held = max((c.score for c in res.candidates if c.code not in self.entries), default=0.0)
        if not (res.confident and best.score >= MIN_SCORE and best.score >= held + MARGIN):
            return None
        if self._evidence(best.code, res.normalized) >= MIN_EVIDENCE:
            return Match(self.entries[best.code], best.score)
        return None


_cache: dict[Path, tuple[float, ProcedureIndex, ElsewhereIndex]] = {}


def default_index(held: ProcedureIndex, path: Path = DEFAULT_FILE) -> ElsewhereIndex:
    """The reference list indexed with the catalogue `held` indexes, rebuilt when either changes (a catalogue edit
    or a reviewer's edit of the list applies without a restart)."""
    stamp = path.stat().st_mtime if path.exists() else 0.0
    cached = _cache.get(path)
    if cached is None or cached[0] != stamp or cached[1] is not held:
        procedures = [doc.proc for doc in held.docs]
        _cache[path] = (stamp, held, ElsewhereIndex(load_entries(path), procedures))
    return _cache[path][2]
