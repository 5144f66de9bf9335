"""Derive tests/nlu/devset.yaml (evaluate command cases) from tests/nlu/devset_base.yaml.

Variants: standard, no_diacritics, teencode_abbrev, typo, colloquial, long_story, english_mix.
Run: .venv/bin/python scripts/make_nlu_devset.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_devset import abbreviate, typo, write_cases  # noqa: E402

from bot.text.normalize import strip_diacritics  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "tests" / "nlu" / "devset_base.yaml"
OUT = ROOT / "tests" / "nlu" / "devset.yaml"

COLLOQUIAL = [("không", "hông"), ("vậy", "dzậy"), ("bao nhiêu", "nhiêu"), ("làm", "mần"), ("gì", "chi")]
ENGLISH = [
    ("hồ sơ", "documents"),
    ("giấy tờ", "documents"),
    ("lệ phí", "fee"),
    ("mất bao lâu", "how long"),
    ("bao lâu", "how long"),
    ("trực tuyến", "online"),
    ("qua mạng", "online"),
    ("ở đâu", "where"),
    ("căn cứ pháp lý", "legal basis"),
    ("cảm ơn", "thanks"),
    ("chào", "hi"),
]
STORY = (
    "Chào anh chị, tôi ở xã bên, đang tính chuyện làm ăn nên muốn hỏi cho chắc trước khi đi nộp: ",
    " Mong anh chị trả lời sớm giúp, tôi cảm ơn nhiều ạ.",
)


def _swap(text: str, pairs: list[tuple[str, str]], fallback: str) -> str:
    out = text
    for a, b in pairs:
        out = re.sub(rf"(?i)(?<!\w){a}(?!\w)", b, out)
    return out if out != text else text.rstrip("?.!") + fallback


def variants(text: str) -> dict[str, str]:
    return {
        "standard": text,
        "no_diacritics": strip_diacritics(text),
        "teencode_abbrev": abbreviate(text),
        "typo": typo(text),
        "colloquial": _swap(text, COLLOQUIAL, " dzậy ạ"),
        "long_story": STORY[0] + text + STORY[1],
        "english_mix": _swap(text, ENGLISH, " please"),
    }


def main() -> int:
    base = yaml.safe_load(BASE.read_text(encoding="utf-8"))["cases"]
    cases = []
    for case in base:
        for variant, text in variants(case["text"]).items():
            cases.append({"text": text, "intent": case["intent"], "procedure": case["procedure"], "variant": variant})
    write_cases(OUT, cases, "make_nlu_devset.py")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
