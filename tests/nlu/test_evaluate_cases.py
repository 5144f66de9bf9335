"""The evaluate command's reading of case files written by others: other intent names, codes with suffixes,
unknown intents and broken entries count as misses, never as errors."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from evaluate import load_cases, normalize_code, normalize_intent, summarise  # noqa: E402


def test_other_names_of_our_intents_are_understood():
    assert normalize_intent("ask_fees") == "ask_fee"
    assert normalize_intent(" Human_Handoff ") == "request_human"
    assert normalize_intent("ask_documents") == "ask_documents"
    assert normalize_intent("ask_weather") == "ask_weather"  # unknown: kept, so it can only be a miss


def test_codes_are_read_with_or_without_the_portal_suffix():
    assert normalize_code("2.000620.000.00.00.H12") == "2.000620"
    assert normalize_code(" 2.000620 ") == "2.000620"
    assert normalize_code(None) is None and normalize_code("null") is None
    assert normalize_code("not-a-code") == "not-a-code"


def test_unknown_intents_and_bad_entries_are_misses(tmp_path):
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "version: 1\ncases:\n"
        "  - {text: 'lệ phí bán lẻ rượu', intent: ask_fees, procedure: '2.000620.000.00.00.H12', variant: standard}\n"
        "  - {text: 'trời đẹp quá', intent: ask_weather, procedure: null}\n"
        "  - {intent: greet}\n"
        "  - just a string\n",
        encoding="utf-8",
    )
    loaded = load_cases(cases)
    assert [c["intent"] for c in loaded] == ["ask_fees", "ask_weather"]
    rows = [
        {
            "expected_intent": "ask_fees",
            "predicted_intent": "ask_fee",
            "expected_procedure": "2.000620",
            "predicted_procedure_code": "2.000620",
            "latency_ms": 50.0,
            "variant": "standard",
        },
        {
            "expected_intent": "ask_weather",
            "predicted_intent": "chitchat",
            "expected_procedure": None,
            "predicted_procedure_code": None,
            "latency_ms": 40.0,
            "variant": "standard",
        },
    ]
    summary = summarise(rows)["overall"]
    assert summary["intent_acc"] == 0.5 and summary["procedure_top1"] == 1.0
