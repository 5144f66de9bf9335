"""Cleaning what a channel user typed: NFC, no control or zero-width characters, no long runs of combining marks."""

from __future__ import annotations

import re
import unicodedata

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
MAX_COMBINING_RUN = 3


def limit_combining_marks(text: str, keep: int = MAX_COMBINING_RUN) -> str:
    """Drop combining marks beyond `keep` in a row (Vietnamese needs two at most after NFC).

    A long run of marks makes the tokenizer's work quadratic: 2 000 U+0301 kept Rasa busy for seconds.
    """
    out: list[str] = []
    run = 0
    for ch in text:
        run = run + 1 if unicodedata.combining(ch) else 0
        if run <= keep:
            out.append(ch)
    return "".join(out)


def clean_text(text: str) -> str:
    """NFC, no control or zero-width characters, no runs of combining marks, trimmed."""
    return limit_combining_marks(CONTROL_CHARS.sub("", unicodedata.normalize("NFC", text))).strip()
