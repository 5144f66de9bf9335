"""No personal data in logs: a complaint created with DEBUG logging everywhere (SQL parameters included)."""

from __future__ import annotations

import logging

from uvicorn.logging import AccessFormatter

from bot.privacy import PersonalDataFilter, install_log_masking
from tests.complaints.helpers import body

PHONE, EMAIL, NAME = "0903 111 222", "hoang.minh.tuan@example.vn", "Hoàng Minh Tuấn"
SECRETS = ("0903111222", "0903 111 222", "903111222", "hoang.minh.tuan", NAME, "Minh Tuấn", "Ho\\u00e0ng")


def _assert_clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, secret


def test_complaint_creation_with_debug_logging_leaves_no_personal_data(client, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")  # echoes every statement with its parameters
    data = body(name=NAME, contact=PHONE, content=f"Tôi là {NAME}, gọi {PHONE} hoặc {EMAIL} giúp tôi với ạ.")
    assert client.post("/bot/complaints", json=data).status_code == 201
    bad = client.post("/bot/complaints", json=body(name=NAME, contact="0903 111"))
    assert bad.status_code == 422
    assert client.post("/bot/complaints/validate", json={"field": "contact", "value": "x@y"}).status_code == 200
    email_data = body(name=NAME, contact=EMAIL)
    assert client.post("/bot/complaints", json=email_data).status_code == 201

    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert "INSERT INTO complaints" in logged  # the parameters were logged, masked
    assert "[tên]" in logged and "090*****22" in logged and "h***@example.vn" in logged
    _assert_clean(logged)


def test_uvicorn_access_lines_and_tracebacks_are_masked():
    install_log_masking()
    access = logging.getLogger("uvicorn.access")
    record = access.makeRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:50000", "GET", f"/x?phone={PHONE.replace(' ', '')}&email={EMAIL}", "1.1", 200), None,
    )  # fmt: skip
    line = AccessFormatter(fmt="%(client_addr)s %(request_line)s %(status_code)s", use_colors=False).format(record)
    assert "127.0.0.1:50000" in line and "200" in line
    _assert_clean(line)

    try:
        raise ValueError(f"bad contact {EMAIL} for {NAME}")
    except ValueError:
        import sys

        exc_record = logging.getLogger("bot.test").makeRecord(
            "bot.test", logging.ERROR, __file__, 1, "failed for %s", (PHONE,), sys.exc_info()
        )
    formatted = logging.Formatter().format(exc_record)
    assert "ValueError" in formatted
    _assert_clean(formatted)


def test_filter_masks_records_made_before_installation():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s / %d / %r", (EMAIL, 5, {"phone": PHONE}), None)
    record._pd_masked = False
    assert PersonalDataFilter().filter(record) is True
    message = record.getMessage()
    assert "/ 5 /" in message
    _assert_clean(message)
