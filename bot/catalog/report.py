"""The coverage report of `make validate`: what the catalogue holds for the configured province, and its gaps.

Procedures per field and level; re-issues and amendments whose first issue is neither in the catalogue nor
explained by a note; facts known per kind; procedures whose local facts (online level, where to submit) come from
another province's sources; the province's published list against the catalogue.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.catalog.province import SectorList
from bot.catalog.schema import LOCAL_FACTS, Procedure, province_key
from bot.catalog.stats import coverage
from bot.text.normalize import fold

# a name that starts with one of these is a re-issue, amendment, adjustment or extension of a first issue
DERIVED = re.compile(
    r"^(thu tuc )?(cap (lai|sua doi|dieu chinh|gia han)|sua doi|dieu chinh|gia han)[^a-z]*"
    r"(bo sung[, ]*)?(cap lai[, ]*)?(do mat[^a-z]*)?"
)
SAME_BASE = 88  # token-set similarity of the names without their action words


@dataclass
class CoverageReport:
    figures: dict[str, float | int]
    per_field_level: Counter = field(default_factory=Counter)
    first_issue_missing: list[tuple[str, str]] = field(default_factory=list)
    foreign_local_facts: list[tuple[str, str]] = field(default_factory=list)
    listed_missing: list[tuple[str, str]] = field(default_factory=list)


def _base(name: str) -> str:
    folded = re.sub(r"[^a-z0-9 ]", " ", fold(name))
    folded = " ".join(folded.split())
    if DERIVED.match(folded):
        return DERIVED.sub("", folded)
    return re.sub(r"^(thu tuc )?(cap moi|cap|dang ky) ", "", folded)


def first_issue_missing(procs: list[Procedure]) -> list[tuple[str, str]]:
    """Derived procedures (cấp lại, sửa đổi, điều chỉnh, gia hạn) with no first issue and no note saying why."""
    firsts = [
        _base(p.name) for p in procs if not DERIVED.match(" ".join(re.sub(r"[^a-z0-9 ]", " ", fold(p.name)).split()))
    ]
    missing = []
    for p in procs:
        if not DERIVED.match(" ".join(re.sub(r"[^a-z0-9 ]", " ", fold(p.name)).split())) or p.first_issue_note:
            continue
        base = _base(p.name)
        if not any(fuzz.token_set_ratio(base, first) >= SAME_BASE for first in firsts):
            missing.append((p.code, p.name))
    return missing


def foreign_local_facts(procs: list[Procedure], province: str) -> list[tuple[str, str]]:
    """Procedures whose local facts rest on another province's source (shown to citizens as unknown)."""
    mine = province_key(province)
    out = []
    for p in procs:
        for fact in sorted(LOCAL_FACTS):
            src = p.source_for(fact)
            if src.province and province_key(src.province) != mine:
                if (fact == "online_level" and p.online_level == "unknown") or (
                    fact == "where_to_submit" and not p.where_to_submit
                ):
                    continue
                out.append((p.code, f"{fact}: {src.province}"))
    return out


def build_report(procs: list[Procedure], province: str, sector_list: SectorList | None) -> CoverageReport:
    mine = province_key(province)
    visible = [p for p in procs if p.status == "active" and (p.province is None or province_key(p.province) == mine)]
    report = CoverageReport(coverage(visible))
    for p in visible:
        for level in p.levels:
            report.per_field_level[(p.field, level)] += 1
    report.first_issue_missing = first_issue_missing(visible)
    report.foreign_local_facts = foreign_local_facts(visible, province)
    if sector_list is not None:
        held = {p.code for p in procs}
        report.listed_missing = [(x.code, x.name) for x in sector_list.current() if x.code not in held]
    return report


def render(report: CoverageReport, province: str) -> str:
    lines = [f"Catalogue for {province}: {report.figures['procedures']} active procedures"]
    lines.append("Facts known: " + ", ".join(f"{k} {v:.0%}" for k, v in report.figures.items() if k != "procedures"))
    lines.append("Procedures per field and level:")
    for (fld, level), n in sorted(report.per_field_level.items()):
        lines.append(f"  {n:>4}  {fld} — {level}")
    lines.append(f"Re-issues/amendments without their first issue (and no note): {len(report.first_issue_missing)}")
    lines += [f"  {code}  {name}" for code, name in report.first_issue_missing]
    lines.append(f"Local facts from another province (not shown to citizens): {len(report.foreign_local_facts)}")
    lines += [f"  {code}  {what}" for code, what in report.foreign_local_facts]
    lines.append(f"Procedures of the province's list not in the catalogue: {len(report.listed_missing)}")
    lines += [f"  {code}  {name}" for code, name in report.listed_missing]
    return "\n".join(lines)
