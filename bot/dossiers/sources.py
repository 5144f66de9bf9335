"""Where dossier statuses come from: the local database (default) or a provincial one-stop system over HTTP.

The HTTP contract a province's system must map to is documented in ONESTOP_CONTRACT.md next to this file.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from abc import ABC, abstractmethod

import httpx
from sqlalchemy.orm import sessionmaker

from bot.dossiers.records import DossierRecord, Event, as_vn
from bot.dossiers.statuses import Channel, Status
from bot.dossiers.store import find_dossier, record_of

log = logging.getLogger(__name__)


class SourceUnavailable(Exception):
    """The one-stop system did not answer usefully (down, slow, refused our key, or sent nonsense)."""


class DossierSource(ABC):
    @abstractmethod
    def get(self, code: str) -> DossierRecord | None:
        """The dossier with this canonical code, None when it does not exist; raises SourceUnavailable."""


class LocalDossierSource(DossierSource):
    def __init__(self, sessions: sessionmaker) -> None:
        self._sessions = sessions

    def get(self, code: str) -> DossierRecord | None:
        try:
            with self._sessions() as session:
                row = find_dossier(session, code)
                return record_of(row) if row else None
        except Exception as exc:  # the database is down: same answer as an unreachable one-stop system
            log.error("dossier store unavailable: %s", type(exc).__name__)
            raise SourceUnavailable(str(type(exc).__name__)) from exc


class OneStopHttpSource(DossierSource):
    """Client of a provincial one-stop API: GET {base}/api/v1/dossiers/{code} with a bearer key.

    Timeouts, connection errors and 5xx answers are retried with exponential backoff; 404 means "no such
    dossier"; anything else (401/403, malformed JSON) is reported as unavailable and logged."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        timeout: float = 5.0,
        retries: int = 2,
        backoff: float = 0.3,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._client = httpx.Client(
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            headers={"Authorization": f"Bearer {api_key}", "Accept": "application/json"},
            transport=transport,
        )
        self._retries = max(0, retries)
        self._backoff = backoff

    def close(self) -> None:
        self._client.close()

    def get(self, code: str) -> DossierRecord | None:
        response = self._request(code)
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            log.error("one-stop API answered %s for a dossier look-up", response.status_code)
            raise SourceUnavailable(f"HTTP {response.status_code}")
        try:
            record = parse_contract(response.json())
        except (ValueError, KeyError, TypeError) as exc:
            log.error("one-stop API sent a dossier that breaks the contract: %s", exc)
            raise SourceUnavailable("bad payload") from exc
        if record.code != code:
            raise SourceUnavailable("one-stop API answered for another code")
        return record

    def _request(self, code: str) -> httpx.Response:
        last: str = ""
        for attempt in range(self._retries + 1):
            if attempt:
                time.sleep(self._backoff * 2 ** (attempt - 1))
            try:
                response = self._client.get(f"/api/v1/dossiers/{code}")
            except httpx.TimeoutException:
                last = "timeout"
                continue
            except httpx.TransportError as exc:
                last = type(exc).__name__
                continue
            if response.status_code >= 500:
                last = f"HTTP {response.status_code}"
                continue
            return response
        log.warning("one-stop API unavailable after %d attempts: %s", self._retries + 1, last)
        raise SourceUnavailable(last)


def parse_contract(data: dict) -> DossierRecord:
    """A contract JSON document -> DossierRecord (raises ValueError/KeyError/TypeError when it is not one)."""
    if not isinstance(data, dict):
        raise TypeError("dossier must be a JSON object")
    applicant = data.get("applicant") or {}
    received = as_vn(dt.datetime.fromisoformat(data["received_at"]))
    return DossierRecord(
        code=str(data["code"]),
        procedure_code=str(data["procedure_code"]),
        procedure_name=data.get("procedure_name"),
        applicant_name=str(applicant.get("name") or ""),
        applicant_phone=str(applicant.get("phone") or ""),
        channel=Channel(data["channel"]),
        received_at=received,
        due_date=_date(data.get("due_date")),
        processing_days=data.get("processing_days"),
        processing_working_days=bool(data.get("processing_working_days", True)),
        status=Status(data["status"]),
        result_date=_date(data.get("result_date")),
        history=tuple(
            Event(as_vn(dt.datetime.fromisoformat(e["at"])), Status(e["status"]), e.get("note"))
            for e in data.get("history") or []
        ),
    )


def record_to_contract(record: DossierRecord) -> dict:
    """The inverse of parse_contract: what a province's system sends (used by the fake server in tests)."""
    return {
        "code": record.code,
        "procedure_code": record.procedure_code,
        "procedure_name": record.procedure_name,
        "applicant": {"name": record.applicant_name, "phone": record.applicant_phone},
        "channel": record.channel.value,
        "received_at": record.received_at.isoformat(),
        "due_date": record.due_date.isoformat() if record.due_date else None,
        "processing_days": record.processing_days,
        "processing_working_days": record.processing_working_days,
        "status": record.status.value,
        "result_date": record.result_date.isoformat() if record.result_date else None,
        "history": [{"at": e.at.isoformat(), "status": e.status.value, "note": e.note} for e in record.history],
    }


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
