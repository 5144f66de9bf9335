"""Splitting long replies at Telegram's 4 096-character limit, property-tested."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.split import TELEGRAM_LIMIT, split_message, utf16_len

lines = st.lists(st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=120), max_size=40)


def _visible(text: str) -> str:
    return re.sub(r"\s", "", text)


@settings(max_examples=300, deadline=None)
@given(lines, st.integers(min_value=2, max_value=200))
def test_chunks_fit_keep_everything_in_order_and_keep_short_lines_whole(parts, limit):
    text = "\n".join(parts)
    chunks = split_message(text, limit)
    assert all(0 < utf16_len(c) <= limit for c in chunks)
    assert all(c.strip() for c in chunks)
    assert _visible("".join(chunks)) == _visible(text)
    for line in parts:
        if line.strip() and utf16_len(line) <= limit:
            assert any(line in chunk.split("\n") for chunk in chunks), line


def test_a_reply_that_fits_is_sent_as_is():
    text = "Hồ sơ gồm:\n• Đơn đề nghị\n• Bản sao giấy chứng nhận đăng ký doanh nghiệp"
    assert split_message(text) == [text]


def test_long_reply_is_cut_on_line_boundaries_at_4096():
    line = "• Bản sao giấy chứng nhận đăng ký doanh nghiệp có chứng thực " * 2  # 124 characters
    text = "\n".join([line] * 100)  # 12 499 characters
    chunks = split_message(text)
    assert len(chunks) == 4
    assert all(len(c) <= TELEGRAM_LIMIT for c in chunks)
    assert all(set(c.split("\n")) == {line} for c in chunks)


def test_a_single_overlong_line_is_hard_split():
    chunks = split_message("a" * 10_000)
    assert [len(c) for c in chunks] == [4096, 4096, 1808]


def test_emoji_count_twice_and_are_never_cut_in_half():
    chunks = split_message("📌" * 3000)
    assert [len(c) for c in chunks] == [2048, 952]


def test_empty_and_blank_texts_give_no_message():
    assert split_message("") == [] and split_message("\n \n") == []
