"""Field rules, tracking codes and masking (no database). The rate limiter: tests/ratelimit."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote, quote_plus, unquote_plus

import pytest

from bot.complaints.codes import code_year, format_code, parse_code
from bot.complaints.consent import VERSION, consent_text
from bot.complaints.status import can_answer, can_move, label
from bot.complaints.validation import check_contact, check_content, check_name
from bot.privacy.masking import mask_personal_data, remember_personal_value


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("091.234.5678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("(+84)912-345-678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084912345678", "0912345678"),
        ("0359876543", "0359876543"),
        ("0222 3 822 555", "02223822555"),
    ],
)
def test_valid_phone_numbers_are_normalised(raw, normalized):
    checked = check_contact(raw)
    assert checked.valid and checked.kind == "phone" and checked.normalized == normalized


@pytest.mark.parametrize(
    "raw", ["091234567", "09123456789", "0112345678", "+1 202 555 0100", "1900 1234", "0000000000", "abc 0912"]
)
def test_invalid_phone_numbers_are_refused_with_a_hint(raw):
    checked = check_contact(raw)
    assert not checked.valid and checked.normalized is None
    assert "0912 345 678" in checked.message and "email" in checked.message


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [("An.Nguyen@Gmail.COM", "An.Nguyen@gmail.com"), (" lan_tran+pakn@so-ct.bacninh.gov.vn ", None)],
)
def test_valid_emails(raw, normalized):
    checked = check_contact(raw)
    assert checked.valid and checked.kind == "email"
    assert checked.normalized == (normalized or raw.strip())


@pytest.mark.parametrize("raw", ["an@", "@gmail.com", "an@gmail", "an..b@gmail.com", "an b@gmail.com x", "a@b.c"])
def test_invalid_emails(raw):
    checked = check_contact(raw)
    assert not checked.valid and "email" in checked.message


def test_empty_and_junk_contact():
    assert not check_contact("").valid
    assert not check_contact("\x00\x01").valid
    assert not check_contact("gọi cho tôi").valid


def test_names():
    assert check_name("  Nguyễn   Văn An ").normalized == "Nguyễn Văn An"
    assert check_name("Công ty TNHH Bình Minh").valid
    assert not check_name("").valid
    assert not check_name("0912345678").valid
    assert not check_name("x" * 121).valid
    assert not check_name("<script>").valid
    assert "Nguyễn Văn An" in check_name("@@").message


def test_content_bounds_and_cleaning():
    assert not check_content("ngắn quá").valid
    assert not check_content("1234567890123").valid  # no words
    assert not check_content("x" * 4001).valid
    assert "4000" in check_content("x" * 4001).message
    checked = check_content("Hồ sơ của tôi\r\n\r\n\r\n\r\nquá hạn\x00 đã lâu   mà chưa có kết quả")
    assert checked.valid and checked.normalized == "Hồ sơ của tôi\n\nquá hạn đã lâu mà chưa có kết quả"


def test_codes_format_parse_and_year_in_vietnam_time():
    assert format_code(2026, 123) == "PAKN-2026-000123"
    for raw in ("PAKN-2026-000123", "pakn 2026 000123", " Pakn_2026_123 ", "pakn-2026/000123", "PAKN2026000123"):
        assert parse_code(raw) == "PAKN-2026-000123", raw
    for raw in ("", "PAKN-26-000123", "PAKN-2026-", "ABC-2026-000123", "PAKN-2026-000000", "PAKN-2026-0001234567"):
        assert parse_code(raw) is None, raw
    assert parse_code("x" * 10_000) is None
    utc = dt.timezone.utc
    assert code_year(dt.datetime(2026, 12, 31, 16, 59, tzinfo=utc)) == 2026
    assert code_year(dt.datetime(2026, 12, 31, 17, 0, tzinfo=utc)) == 2027  # already 1/1 in Vietnam


def test_status_vocabulary():
    assert label("received") == "Đã tiếp nhận" and label("answered") == "Đã trả lời"
    assert can_move("received", "processing") and can_move("closed", "processing")
    assert not can_move("received", "answered") and not can_move("closed", "closed")
    assert can_answer("processing") and not can_answer("closed")


def test_consent_text_names_data_purpose_processor_retention_and_rights():
    consent = consent_text("Sở Công Thương", "tỉnh Bắc Ninh")
    assert consent.version == VERSION
    for needed in ("họ tên", "số điện thoại", "Mục đích", "Sở Công Thương tỉnh Bắc Ninh", "Thời gian lưu",
                   "rút lại sự đồng ý", "xóa dữ liệu", "không đồng ý"):  # fmt: skip
        assert needed in consent.text, needed


def test_masking_of_phones_emails_ids_and_known_names():
    remember_personal_value("Trần Thị Bích Ngọc")
    text = (
        "gọi 0912 345 678 hoặc +84912345678, email ngoc.tran@example.vn, CCCD 001099012345, CMND 123456789, "
        'người gửi Trần Thị Bích Ngọc, "Tr\\u1ea7n Th\\u1ecb B\\u00edch Ng\\u1ecdc"; mã PAKN-2026-000123, '
        "hồ sơ 000.00.18.H12-250412-0007"
    )
    masked = mask_personal_data(text)
    for secret in ("0912 345 678", "912345678", "ngoc.tran@", "001099012345", "123456789", "Bích Ngọc", "B\\u00edch"):
        assert secret not in masked, secret
    assert "PAKN-2026-000123" in masked and "000.00.18.H12-250412-0007" in masked and "@example.vn" in masked


@pytest.mark.parametrize("encode", [lambda t: t, quote, quote_plus])
def test_numbers_in_a_logged_url_are_masked_however_the_query_is_encoded(encode):
    text = "làm sổ đỏ mất bao lâu, sđt 0912 345 678, cccd 001203004567"
    line = f'"GET /bot/out-of-scope?q={encode(text)} HTTP/1.1" 200 OK'
    masked = unquote_plus(mask_personal_data(line))
    assert "0912 345 678" not in masked and "001203004567" not in masked and "345 678" not in masked
    assert "sổ đỏ" in masked
