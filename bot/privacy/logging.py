"""Install personal-data masking on every log record of the process.

A record factory masks each record when it is created, so every logger (ours, uvicorn's, SQLAlchemy's echo of
bound parameters) and every handler (files, console, pytest's caplog) sees only masked text. Arguments keep
their type unless their text holds personal data (uvicorn's access formatter unpacks its argument tuple).
`PersonalDataFilter` does the same for a handler configured elsewhere (e.g. a uvicorn log_config).
Access-log lines keep only the keys of a query string (and a few harmless values): a question in `q=` can hold
any name, and a name the service has never seen cannot be recognised, only left out.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from bot.privacy.masking import mask_personal_data

_installed = False
ACCESS_LOGGER = "uvicorn.access"
# query parameters whose values are kept in access logs: paging, filters and formats, never free text
KEPT_QUERY_KEYS = frozenset(
    {"after", "limit", "offset", "channel", "month", "format", "failures", "level", "status", "since", "until"}
)
MAX_KEPT_VALUE = 24


def redact_query(path: str) -> str:
    """`/bot/out-of-scope?q=Tôi+là+...&limit=5` -> `/bot/out-of-scope?q=***&limit=5`."""
    base, sep, query = path.partition("?")
    if not sep:
        return path
    pairs = []
    for pair in query.split("&"):
        key, eq, value = pair.partition("=")
        kept = key in KEPT_QUERY_KEYS and len(value) <= MAX_KEPT_VALUE
        pairs.append(pair if kept or not eq else f"{key}=***")
    return f"{base}?{'&'.join(pairs)}"


class _Masked:
    """Stands in for an argument whose str()/repr() contained personal data."""

    __slots__ = ("_str", "_repr")

    def __init__(self, value: Any) -> None:
        self._str = mask_personal_data(str(value))
        self._repr = mask_personal_data(repr(value))

    def __str__(self) -> str:
        return self._str

    def __repr__(self) -> str:
        return self._repr


def _mask_arg(value: Any) -> Any:
    if isinstance(value, str):
        return mask_personal_data(value)
    if value is None or isinstance(value, bool | float):
        return value
    try:
        as_str, as_repr = str(value), repr(value)
    except Exception:  # noqa: BLE001 - a broken __repr__ must not break logging
        return value
    if mask_personal_data(as_str) != as_str or mask_personal_data(as_repr) != as_repr:
        return _Masked(value)
    return value


def mask_record(record: logging.LogRecord) -> logging.LogRecord:
    """Mask the message, its arguments, and any traceback text, in place."""
    if getattr(record, "_pd_masked", False):
        return record
    record._pd_masked = True  # type: ignore[attr-defined]
    try:
        if isinstance(record.msg, str):
            record.msg = mask_personal_data(record.msg)
        else:
            record.msg = mask_personal_data(str(record.msg))
        args = record.args
        if record.name == ACCESS_LOGGER and isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            args = record.args = (*args[:2], redact_query(args[2]), *args[3:])  # (client, method, path, ...)
        if isinstance(args, tuple):
            record.args = tuple(_mask_arg(a) for a in args)
        elif isinstance(args, dict):
            record.args = {k: _mask_arg(v) for k, v in args.items()}
        try:
            record.getMessage()
        except Exception:  # noqa: BLE001 - e.g. %d given a masked value: keep the masked text only
            record.msg, record.args = mask_personal_data(_safe_message(record)), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = mask_personal_data("".join(traceback.format_exception(*record.exc_info)).rstrip())
        if record.stack_info:
            record.stack_info = mask_personal_data(record.stack_info)
    except Exception:  # noqa: BLE001 - never lose a log line because masking failed; drop its arguments
        record.msg, record.args = "[log message withheld: masking failed]", ()
    return record


def _safe_message(record: logging.LogRecord) -> str:
    return " ".join([str(record.msg), *(str(a) for a in (record.args or ()))])


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        mask_record(record)
        return True


def install_log_masking() -> None:
    """Idempotent: wrap the current log record factory and filter the handlers configured so far."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return mask_record(previous(*args, **kwargs))

    logging.setLogRecordFactory(factory)
    for name in ("", "uvicorn", "uvicorn.error", "uvicorn.access", "sqlalchemy"):
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, PersonalDataFilter) for f in handler.filters):
                handler.addFilter(PersonalDataFilter())
    _installed = True


HTTP_CLIENT_LOGGERS = ("httpx", "httpcore")


def mute_http_client_urls() -> None:
    """HTTP clients log one line a request with its URL, which carries bot tokens, sender ids and codes."""
    for name in HTTP_CLIENT_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def configure_process_logging(level: int = logging.INFO) -> None:
    """Logging for a process of its own (gateway, action server): a console handler, masked, no client URLs."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    install_log_masking()
    mute_http_client_urls()
