"""Coverage figures of the catalogue: how many procedures have each key fact known."""

from __future__ import annotations

from bot.catalog.schema import FeeStatus, OnlineLevel, Procedure, TimeStatus


def coverage(procs: list[Procedure]) -> dict[str, float | int]:
    n = len(procs) or 1
    docs = sum(1 for p in procs if p.documents)
    time = sum(1 for p in procs if p.processing_time.status == TimeStatus.known.value)
    fee = sum(1 for p in procs if p.fees.status != FeeStatus.unknown.value)
    online = sum(1 for p in procs if p.online_level != OnlineLevel.unknown.value)
    all_four = sum(
        1
        for p in procs
        if p.documents
        and p.processing_time.status == TimeStatus.known.value
        and p.fees.status != FeeStatus.unknown.value
        and p.online_level != OnlineLevel.unknown.value
    )
    return {
        "procedures": len(procs),
        "documents_known": round(docs / n, 3),
        "time_known": round(time / n, 3),
        "fee_known": round(fee / n, 3),
        "online_level_known": round(online / n, 3),
        "all_four_known": round(all_four / n, 3),
    }
