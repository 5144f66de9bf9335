"""End-to-end load benchmark: N simulated citizens hold multi-turn Vietnamese conversations at the same time.

Each citizen (its own sender id) talks through the backend's chat hub, POST {api}/chat/messages, channel
"web" -- the path every channel takes -- or, with --via rasa, straight to Rasa's REST webhook. Per level of
concurrency (default 10, 50, 100) it prints messages/s, p50/p95/p99 reply latency and errors (non-200,
hub status "unavailable"/"rejected", empty reply, timeout), and writes everything to artifacts/.

  python benchmarks/load_bench.py                      # embedded, then production profile; one table
  python benchmarks/load_bench.py --profiles embedded  # one profile only
  python benchmarks/load_bench.py --url http://127.0.0.1:8000             # a stack that is already running
  python benchmarks/load_bench.py --url http://127.0.0.1:5005 --via rasa

Figures only: the targets (p95 <= 300 ms at 50 conversations, zero errors) are printed as PASS/FAIL,
never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import httpx

from bot.channels import messages as hub_messages
from bot.stack import Stack, StackConfig

sys.path.insert(0, str(Path(__file__).resolve().parent))
from citizens import conversation  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NO_REPLY = getattr(hub_messages, "NO_REPLY", None)
TARGET_LEVEL, TARGET_P95_MS = 50, 300.0


@dataclass
class LevelResult:
    profile: str
    level: int
    conversations: int = 0
    messages: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]

    def summary(self) -> dict:
        return {
            "profile": self.profile,
            "level": self.level,
            "conversations": self.conversations,
            "messages": self.messages,
            "seconds": round(self.seconds, 2),
            "messages_per_s": round(self.messages / self.seconds, 2) if self.seconds else 0.0,
            "p50_ms": round(self.percentile(50), 1),
            "p95_ms": round(self.percentile(95), 1),
            "p99_ms": round(self.percentile(99), 1),
            "mean_ms": round(statistics.fmean(self.latencies_ms), 1) if self.latencies_ms else None,
            "errors": self.error_count,
            "error_kinds": self.errors,
        }


@dataclass
class Options:
    via: str  # hub | rasa
    duration: float
    max_messages: int
    think: tuple[float, float]
    timeout: float
    seed: int


class Channel:
    """Sends one citizen message and returns (error kind or None, button payloads offered)."""

    def __init__(self, client: httpx.AsyncClient, base_url: str, via: str) -> None:
        self.client, self.base_url, self.via = client, base_url.rstrip("/"), via

    async def send(self, sender: str, text: str) -> tuple[str | None, list[str]]:
        if self.via == "rasa":
            res = await self.client.post(
                f"{self.base_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
            )
            if res.status_code != 200:
                return f"http_{res.status_code}", []
            messages = res.json()
        else:
            body = {"channel": "web", "sender": sender, "text": text, "message_id": uuid.uuid4().hex}
            res = await self.client.post(f"{self.base_url}/chat/messages", json=body)
            if res.status_code != 200:
                return f"http_{res.status_code}", []
            data = res.json()
            if data.get("status") != "ok":
                return f"status_{data.get('status')}", []
            messages = data.get("messages") or []
        texts = [m.get("text") for m in messages if isinstance(m, dict)]
        if not any(m.get("text") or m.get("buttons") for m in messages if isinstance(m, dict)) or NO_REPLY in texts:
            return "empty_reply", []  # the hub says "no answer for this message" when Rasa sent nothing
        return None, [b["payload"] for m in messages for b in (m.get("buttons") or []) if b.get("payload")]


async def citizen(
    n: int, channel: Channel, result: LevelResult, opts: Options, deadline: float, budget: list[int]
) -> None:
    rng = random.Random(opts.seed * 100_003 + n)
    await asyncio.sleep(rng.uniform(0, opts.think[1]))  # arrive spread out, not all in the same millisecond
    while time.monotonic() < deadline:
        sender = f"load-{n}-{uuid.uuid4().hex[:8]}"
        offered: list[str] = []
        result.conversations += 1
        for turn in conversation(rng):
            if time.monotonic() >= deadline or budget[0] <= 0:
                return
            text = turn if turn is not None else (rng.choice(offered) if offered else "cho hỏi thủ tục khác")
            budget[0] -= 1
            started = time.perf_counter()
            try:
                kind, offered = await channel.send(sender, text)
            except httpx.TimeoutException:
                kind, offered = "timeout", []
            except (httpx.HTTPError, ValueError) as exc:
                kind, offered = type(exc).__name__, []
            result.messages += 1
            if kind is None:
                result.latencies_ms.append((time.perf_counter() - started) * 1000)
            else:
                result.error(kind)
            await asyncio.sleep(rng.uniform(*opts.think))


async def run_level(profile: str, level: int, base_url: str, opts: Options) -> LevelResult:
    result = LevelResult(profile, level)
    limits = httpx.Limits(max_connections=level + 10, max_keepalive_connections=level + 10)
    async with httpx.AsyncClient(timeout=opts.timeout, limits=limits) as client:
        channel = Channel(client, base_url, opts.via)
        started = time.monotonic()
        deadline = started + opts.duration
        budget = [opts.max_messages]
        tasks = [citizen(n, channel, result, opts, deadline, budget) for n in range(level)]
        try:
            await asyncio.wait_for(asyncio.gather(*tasks), timeout=opts.duration + opts.timeout + 5)
        except asyncio.TimeoutError:
            result.error("level_timeout")
        result.seconds = time.monotonic() - started
    return result


PG_SERVER = os.environ.get("SCT_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432")
BENCH_REDIS = os.environ.get("SCT_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def stack_config(profile: str) -> StackConfig:
    """The StackConfig of a profile on the benchmark's own ports (SCT_BENCH_PORT_OFFSET shifts them).

    The embedded profile gets a fresh SQLite database in a temporary folder; the production profile fresh
    PostgreSQL databases of its own (sct_bench_<port>, dropped afterwards) and its own Redis database, so it
    never touches what `make run` or the tests use.
    """
    from bot.stack import new_tokens, profile_config

    offset = int(os.environ.get("SCT_BENCH_PORT_OFFSET", "0"))
    ports = {"api_port": 47000 + offset, "action_port": 45055 + offset, "rasa_port": 45005 + offset}
    if profile == "embedded":
        db = Path(tempfile.mkdtemp(prefix="sct-load-")) / "bot.db"
        return profile_config(profile, **ports, env={"SCT_DATABASE_URL": f"sqlite:///{db}"})
    name = f"sct_bench_{ports['api_port']}"
    return profile_config(
        profile,
        **ports,
        **new_tokens(),  # the benchmark's own Rasa API and action server secrets
        database_url=f"{PG_SERVER}/{name}",
        tracker_db_url=f"{PG_SERVER.replace('+psycopg', '')}/{name}_tracker",
        redis_url=BENCH_REDIS,
    )


def drop_databases(config: StackConfig) -> None:
    """Drop the production profile's benchmark databases (fresh ones each run: comparable figures)."""
    import psycopg

    if not config.production:
        return
    with psycopg.connect(f"{PG_SERVER.replace('+psycopg', '')}/postgres", autocommit=True) as conn:
        for url in (config.database_url, config.tracker_db_url):
            name = url.rsplit("/", 1)[1]
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def started(config: StackConfig) -> Iterator[Stack]:
    from bot.stack import running_stack

    drop_databases(config)
    try:
        with running_stack(config) as stack:
            yield stack
    finally:
        drop_databases(config)


def target(profile: str, via: str, url: str | None) -> tuple[AbstractContextManager, str]:
    """(context that keeps the stack running, base URL to send to)."""
    if url:
        return nullcontext(), url
    config = stack_config(profile)
    return started(config), (config.rasa_url if via == "rasa" else config.api_url)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def print_table(rows: list[dict]) -> None:
    head = f"{'profile':<12}{'level':>6}{'convs':>7}{'msgs':>7}{'msg/s':>8}"
    head += f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
    print(head)
    print("-" * len(head))
    for r in rows:
        line = (
            f"{r['profile']:<12}{r['level']:>6}{r['conversations']:>7}{r['messages']:>7}{r['messages_per_s']:>8.1f}"
            f"{r['p50_ms']:>9.0f}{r['p95_ms']:>9.0f}{r['p99_ms']:>9.0f}{r['errors']:>8}"
        )
        if r["level"] == TARGET_LEVEL:
            line += f"   p95<={TARGET_P95_MS:.0f}: {verdict(r['p95_ms'] <= TARGET_P95_MS)}"
        line += f"   zero errors: {verdict(r['errors'] == 0)}"
        if r["errors"]:
            line += f" {r['error_kinds']}"
        print(line, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", help="base URL of a running backend (or Rasa with --via rasa); default: start a stack")
    p.add_argument("--via", choices=["hub", "rasa"], default="hub", help="chat hub (default) or Rasa REST directly")
    p.add_argument(
        "--profiles", default="embedded,production", help="comma-separated stack profiles to start (without --url)"
    )
    p.add_argument("--levels", default="10,50,100", help="concurrent citizens per level, comma-separated")
    p.add_argument("--duration", type=float, default=45.0, help="seconds of conversation per level")
    p.add_argument("--max-messages", type=int, default=5000, help="message budget per level")
    p.add_argument("--think", default="2,6", help="think time between a citizen's messages: MIN,MAX seconds")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds before one reply counts as a timeout")
    p.add_argument("--max-seconds", type=float, default=1800.0, help="hard limit for the whole run")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--out", type=Path, default=ROOT / "artifacts" / "load_bench.json")
    return p.parse_args(argv)


async def run_all(args: argparse.Namespace, opts: Options) -> list[dict]:
    rows: list[dict] = []
    profiles = ["running"] if args.url else [p.strip() for p in args.profiles.split(",") if p.strip()]
    levels = [int(x) for x in args.levels.split(",") if x.strip()]
    for profile in profiles:
        context, base_url = target(profile, opts.via, args.url)
        print(f"== profile {profile}: {opts.via} at {base_url}", flush=True)
        with context:
            for level in levels:
                result = await run_level(profile, level, base_url, opts)
                rows.append(result.summary())
                print_table(rows[-1:])
    return rows


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    low, high = (float(x) for x in args.think.split(","))
    opts = Options(args.via, args.duration, args.max_messages, (low, high), args.timeout, args.seed)
    started = datetime.now(timezone.utc)
    try:
        rows = asyncio.run(asyncio.wait_for(run_all(args, opts), timeout=args.max_seconds))
    except asyncio.TimeoutError:
        print(f"stopped after --max-seconds {args.max_seconds:.0f}", file=sys.stderr)
        return 1
    print()
    print(f"Load benchmark, {started:%Y-%m-%d %H:%M} UTC, via {opts.via}, ", end="")
    print(f"think {args.think} s, {args.duration:.0f} s per level")
    print_table(rows)
    report = {
        "started": started.isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "load_avg": os.getloadavg()},
        "options": {**asdict(opts), "levels": args.levels, "profiles": args.profiles, "url": args.url},
        "targets": {"level": TARGET_LEVEL, "p95_ms": TARGET_P95_MS, "errors": 0},
        "results": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
