"""kill -9 under load: the load benchmark's citizens talk while one instance of each kind is killed in turn.

Per profile (embedded, production; stacks on the load benchmark's ports, supervised by bot.stack as `make run`
is): 50 citizens (benchmarks/citizens.py, think 2-6 s) talk through the chat hub; after a warm-up, for each kind
(backend, action server, Rasa; instance 0 in production, the only one in the embedded profile) a probe
conversation names a procedure, the instance's process group gets SIGKILL, and the bench measures the seconds
until the instance serves again (its own /health, or Rasa's /status with its token: model loaded), the
citizen-visible errors from the kill until 5 s after it serves again (by kind: HTTP status, hub status
"unavailable", empty reply...), and whether the probe conversation goes on (a fee question answered for the
procedure named before the kill). Then the next kind. Prints a table and writes artifacts/kill_bench.json.

  python benchmarks/kill_bench.py                          # both profiles
  python benchmarks/kill_bench.py --profiles production --citizens 50

Figures only, never asserted (tests/ops/test_kill.py asserts).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_bench import Channel, LevelResult, Options, citizen, stack_config, started  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("backend", "actions", "rasa")


class TimedResult(LevelResult):
    """The load benchmark's result, with the time of every error."""

    def __init__(self, profile: str, level: int) -> None:
        super().__init__(profile, level)
        self.error_times: list[tuple[float, str]] = []

    def error(self, kind: str) -> None:
        super().error(kind)
        self.error_times.append((time.monotonic(), kind))


async def say(client: httpx.AsyncClient, api: str, sender: str, text: str) -> dict:
    body = {"channel": "web", "sender": sender, "text": text, "message_id": uuid.uuid4().hex}
    try:
        res = await client.post(f"{api}/chat/messages", json=body, timeout=60)
        return res.json() if res.status_code == 200 else {"status": f"http_{res.status_code}"}
    except (httpx.HTTPError, ValueError) as exc:
        return {"status": type(exc).__name__}


def reply(answer: dict) -> str:
    return " ".join(m.get("text") or "" for m in answer.get("messages") or [])


async def kill_one(stack, name: str, result: TimedResult, client: httpx.AsyncClient, timeout: float) -> dict:
    api = stack.config.api_url
    probe = f"kb-{uuid.uuid4().hex[:8]}"
    before = await say(client, api, probe, "xin giấy phép bán lẻ rượu cần giấy tờ gì")
    proc = dict(stack.procs)[name]
    killed = time.monotonic()
    os.killpg(proc.pid, signal.SIGKILL)
    await asyncio.sleep(0.3)
    serving_after = None
    while time.monotonic() - killed < timeout:
        new = dict(stack.procs).get(name)
        if new is not None and new.pid != proc.pid and await asyncio.to_thread(stack.serving, name):
            serving_after = time.monotonic() - killed
            break
        await asyncio.sleep(0.25)
    await asyncio.sleep(5)
    until = time.monotonic()
    errors: dict[str, int] = {}
    for at, kind in result.error_times:
        if killed <= at <= until:
            errors[kind] = errors.get(kind, 0) + 1
    after = await say(client, api, probe, "còn lệ phí thì sao?")
    return {
        "instance": name,
        "serving_again_s": round(serving_after, 1) if serving_after is not None else None,
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "window_s": round(until - killed, 1),
        "probe_before_ok": before.get("status") == "ok" and "bán lẻ rượu" in reply(before),
        "conversation_continues": after.get("status") == "ok" and "bán lẻ rượu" in reply(after),
        "probe_after_status": after.get("status"),
    }


async def run_profile(profile: str, args: argparse.Namespace) -> dict:
    config = stack_config(profile)
    rows = []
    with started(config) as stack:
        stack.supervise()
        opts = Options("hub", 10**6, 10**6, (2.0, 6.0), 30.0, args.seed)
        result = TimedResult(profile, args.citizens)
        limits = httpx.Limits(max_connections=args.citizens + 10, max_keepalive_connections=args.citizens + 10)
        async with httpx.AsyncClient(timeout=opts.timeout, limits=limits) as client:
            channel = Channel(client, config.api_url, "hub")
            budget = [opts.max_messages]
            deadline = time.monotonic() + opts.duration
            tasks = [
                asyncio.create_task(citizen(n, channel, result, opts, deadline, budget)) for n in range(args.citizens)
            ]
            began = time.monotonic()
            await asyncio.sleep(args.warmup)
            warm_errors = result.error_count
            for kind in KINDS:
                name = f"{kind}-0" if config.production else kind
                row = await kill_one(stack, name, result, client, args.timeout)
                row["profile"] = profile
                rows.append(row)
                print(json.dumps(row, ensure_ascii=False), flush=True)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            seconds = time.monotonic() - began
        restarts = [f"{e.name} {e.kind} ({e.detail})" for e in stack.supervisor.events]
    return {
        "profile": profile,
        "citizens": args.citizens,
        "seconds": round(seconds, 1),
        "messages": result.messages,
        "errors_total": result.error_count,
        "errors_during_warmup": warm_errors,
        "error_kinds_total": result.errors,
        "kills": rows,
        "supervisor_events": restarts,
    }


def print_table(reports: list[dict]) -> None:
    head = f"{'profile':<12}{'killed':<12}{'serving again s':>16}{'errors':>8}{'window s':>10}  conversation goes on"
    print(head)
    print("-" * len(head))
    for rep in reports:
        for k in rep["kills"]:
            print(
                f"{rep['profile']:<12}{k['instance']:<12}{k['serving_again_s']!s:>16}{k['errors']:>8}"
                f"{k['window_s']:>10}  {'yes' if k['conversation_continues'] else 'no'}"
                f"{'  ' + str(k['error_kinds']) if k['errors'] else ''}"
            )
        print(
            f"{rep['profile']:<12}{'(whole run)':<12}{rep['messages']:>10} messages, {rep['errors_total']} errors "
            f"in {rep['seconds']:.0f} s"
        )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--profiles", default="embedded,production")
    p.add_argument("--citizens", type=int, default=50)
    p.add_argument("--warmup", type=float, default=15.0, help="seconds of load before the first kill")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for a killed instance")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--out", type=Path, default=ROOT / "artifacts" / "kill_bench.json")
    args = p.parse_args(argv)
    started_at = datetime.now(timezone.utc)
    reports = []
    for profile in [x.strip() for x in args.profiles.split(",") if x.strip()]:
        print(f"== profile {profile}", flush=True)
        reports.append(asyncio.run(run_profile(profile, args)))
    print(f"\nkill -9 under load, {started_at:%Y-%m-%d %H:%M} UTC, {args.citizens} citizens, think 2-6 s")
    print_table(reports)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "started": started_at.isoformat(timespec="seconds"),
                "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "load_avg": os.getloadavg()},
                "reports": reports,
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
