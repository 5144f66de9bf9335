"""How long Rasa takes to check one action-server answer: its stock jsonschema.validate, and the prebuilt
validator installed by bot/nlu/action_validation.py. Prints milliseconds per call (runs in .venv-rasa).

  .venv-rasa/bin/python benchmarks/action_validation_bench.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rasa.core.actions.action import RemoteAction  # noqa: E402

ANSWER = {
    "events": [{"event": "slot", "name": "procedure_code", "value": "2.000620", "timestamp": None}],
    "responses": [{"text": "📄 Giấy tờ cần chuẩn bị: " + "đơn đề nghị; " * 40, "buttons": [{"title": "Lệ phí",
                   "payload": '/ask_fee{"procedure_code":"2.000620"}'}]}],
}  # fmt: skip


def per_call_ms(calls: int = 200) -> float:
    action = RemoteAction("action_answer", None)
    started = time.perf_counter()
    for _ in range(calls):
        action._validate_action_result(ANSWER)
    return (time.perf_counter() - started) / calls * 1000


def main() -> int:
    stock = per_call_ms(50)
    from bot.nlu.action_validation import install

    install()
    prebuilt = per_call_ms()
    print(f"action answer validation: stock {stock:.2f} ms per call, prebuilt {prebuilt:.2f} ms per call")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
