from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.dossiers.codes import CANONICAL, make_code, parse_code, received_day
from bot.dossiers.masking import clean_last4, mask_name, mask_phone, phone_last4

CODE = "000.00.18.H12-250412-0007"


@pytest.mark.parametrize(
    "text",
    [
        CODE,
        "000.00.18.h12-250412-0007",
        "mã hồ sơ của tôi là 000.00.18.h12 - 250412 - 0007 nhé",
        "000 00 18 H12 250412 0007",
        "0000018H122504120007",
        "000..00.18.H12--250412-0007.",
        "ma hs: 000.00.18.H 12-250412-0007, cam on",
        "００0.00.18.Ｈ12-250412-0007",  # full-width characters from some keyboards
        "hồ sơ\n000.00.18.H12\n250412\n0007",
    ],
)
def test_parse_accepts_what_people_paste(text):
    assert parse_code(text) == CODE


SHORT = "000.00.22.H05-251103-0147"


@pytest.mark.parametrize(
    "text",
    [
        "H05.22-251103-0147",  # as some receipts print it: province first, without the leading 000.00.
        "hồ sơ mã h05.22 - 251103 - 0147 đến đâu rồi",
        "22.H05-251103-0147",  # the full form with 000.00. left out
        "H0522 251103 0147",
        "hồ sơ số 2 H05.22-251103-0147",
        SHORT,
    ],
)
def test_parse_accepts_short_forms_as_the_full_code(text):
    assert parse_code(text) == SHORT


@pytest.mark.parametrize(
    "text",
    ["H05.22-251303-0147", "H05.22-251103-01470", "XH05.22-251103-0147", "7.22.H05-251103-0147", "H05.22-251103"],
)
def test_parse_rejects_what_only_looks_like_a_short_form(text):
    assert parse_code(text) is None


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "hồ sơ của tôi đến đâu rồi",
        "000.00.18.H12-250412",
        "1000.00.18.H12-250412-0007",
        "000.00.18.H12-250412-00071",
        "000.00.18.H12-251340-0007",
        "000.00.18.12-250412-0007",
        12345,
    ],
)
def test_parse_rejects_non_codes(text):
    assert parse_code(text) is None


def test_code_parts():
    assert received_day(CODE) == dt.date(2025, 4, 12)
    assert received_day("nonsense") is None
    assert make_code("000.00.18.H12", dt.date(2026, 2, 12), 1) == "000.00.18.H12-260212-0001"


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=3000),
)
def test_parse_never_crashes_and_returns_canonical(text):
    found = parse_code(text)
    assert found is None or CANONICAL.match(found)


@settings(max_examples=150, deadline=None)
@given(
    st.from_regex(r"[0-9]{3}", fullmatch=True),
    st.from_regex(r"[A-Za-z]", fullmatch=True),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.integers(0, 9999),
    st.lists(st.sampled_from([".", "-", " ", "", " - ", ".."]), min_size=6, max_size=6),
)
def test_any_separators_and_case_give_the_canonical_code(agency, letter, day, seq, seps):
    canonical = f"{agency}.00.18.{letter.upper()}12-{day:%y%m%d}-{seq:04d}"
    parts = [agency, "00", "18", letter.lower(), "12", f"{day:%y%m%d}", f"{seq:04d}"]
    messy = parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=True))
    assert parse_code(f"mã là {messy} ạ") == canonical


def test_adversarial_input_is_fast_enough_to_finish():
    assert parse_code("0" * 2000) is None
    assert parse_code("000.00.18.H12-" * 200) is None


def test_masking_never_shows_the_whole_thing():
    assert mask_name("Nguyễn Văn An") == "N*** V*** A***"
    assert mask_name("") == "***" and mask_name(None) == "***"
    assert mask_phone("0912 345 678") == "091*****78"
    assert mask_phone("123") == "***"
    assert phone_last4("0912.345.678") == "5678" and phone_last4("12") is None
    assert clean_last4(" 56 78 ") == "5678"
    assert clean_last4("567") is None and clean_last4("56789") is None and clean_last4(None) is None
