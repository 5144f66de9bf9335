"""The hub's text cleaning keeps Vietnamese intact and cuts runs of combining marks (quadratic in the tokenizer)."""

from __future__ import annotations

import unicodedata

from bot.text.clean import clean_text, limit_combining_marks


def test_vietnamese_typed_decomposed_comes_out_composed_and_whole():
    typed = unicodedata.normalize("NFD", "Giấy phép bán lẻ rượu cần những giấy tờ gì?")
    assert clean_text(typed) == "Giấy phép bán lẻ rượu cần những giấy tờ gì?"


def test_runs_of_combining_marks_are_cut_to_three():
    assert clean_text("\u0301" * 2000) == "\u0301" * 3
    cleaned = clean_text("a" + "\u0301\u0323" * 500 + " b")
    assert cleaned.endswith(" b") and len(cleaned) <= 1 + 3 + 2
    assert cleaned.startswith("\u1ea1")  # NFC first (a + dot below), then at most three marks more
    assert limit_combining_marks("e\u0302\u0301\u0323\u0309x", keep=2) == "e\u0302\u0301x"
