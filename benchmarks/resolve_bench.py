"""Resolve benchmark: top-1 / top-3 accuracy per variant on the dev set, and latency percentiles.

Run: python benchmarks/resolve_bench.py [--repeat N]
Prints figures; asserts nothing (tests/search/test_devset.py holds the thresholds).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

import yaml

from bot.catalog.files import load_catalog
from bot.search.resolver import ProcedureIndex

DEVSET = Path(__file__).resolve().parents[1] / "tests" / "search" / "devset.yaml"


def evaluate(index: ProcedureIndex, cases: list[dict]) -> dict:
    per: dict[str, list[tuple[bool, bool, bool]]] = defaultdict(list)
    for case in cases:
        res = index.resolve(case["text"])
        codes = [c.code for c in res.candidates]
        hit1 = bool(codes) and codes[0] == case["procedure"]
        per[case["variant"]].append((hit1, case["procedure"] in codes[:3], res.confident and hit1))
        per["overall"].append(per[case["variant"]][-1])
    return {
        v: {
            "n": len(rows),
            "top1": sum(r[0] for r in rows) / len(rows),
            "top3": sum(r[1] for r in rows) / len(rows),
            "confident_correct": sum(r[2] for r in rows) / len(rows),
        }
        for v, rows in per.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    procs = load_catalog().procedures
    t0 = time.perf_counter()
    index = ProcedureIndex(procs)
    build_ms = (time.perf_counter() - t0) * 1000
    cases = yaml.safe_load(DEVSET.read_text(encoding="utf-8"))["cases"]
    figures = evaluate(index, cases)
    print(f"procedures: {len(procs)}  dev cases: {len(cases)}  index build: {build_ms:.1f} ms")
    print(f"{'variant':<16}{'n':>5}{'top-1':>9}{'top-3':>9}{'confident&right':>17}")
    for variant, f in sorted(figures.items(), key=lambda kv: kv[0] != "overall"):
        print(f"{variant:<16}{f['n']:>5}{f['top1']:>9.1%}{f['top3']:>9.1%}{f['confident_correct']:>17.1%}")
    latencies: list[float] = []
    for _ in range(args.repeat):
        for case in cases:
            t = time.perf_counter()
            index.resolve(case["text"])
            latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    total_s = sum(latencies) / 1000
    print(
        f"latency over {len(latencies)} queries: p50 {q[49]:.2f} ms  p95 {q[94]:.2f} ms  p99 {q[98]:.2f} ms"
        f"  ({len(latencies) / total_s:.0f} queries/s, one core)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
