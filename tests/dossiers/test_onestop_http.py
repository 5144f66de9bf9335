"""The HTTP adapter against a real local server speaking the one-stop contract: found, missing, slow, down,
flaky, wrong key, nonsense; and the look-up API configured to use it."""

from __future__ import annotations

import socket
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from bot.api.main import create_app
from bot.db.base import session_factory
from bot.dossiers.sources import LocalDossierSource, OneStopHttpSource, SourceUnavailable, record_to_contract
from bot.settings import Settings
from tests.dossiers.fake_onestop import Behaviour, FakeOneStop

TET = "000.00.18.H12-260212-0001"


@pytest.fixture(scope="module")
def contract_records(sample_db) -> dict[str, dict]:
    """Sample dossiers from the local store, as a province's system would send them."""
    local = LocalDossierSource(session_factory(sample_db))
    records = {}
    for code in (TET, "000.00.18.H12-260213-0001", "000.00.18.H12-261028-0002"):
        records[code] = record_to_contract(local.get(code))
    return records


def _source(server: FakeOneStop, **kwargs) -> OneStopHttpSource:
    options = {"timeout": 1.0, "retries": 2, "backoff": 0.01, **kwargs}
    return OneStopHttpSource(server.url, server.behaviour.api_key, **options)


def test_found_and_missing(contract_records, sample_db):
    with FakeOneStop(Behaviour(records=contract_records)) as server:
        remote = _source(server).get(TET)
        assert _source(server).get("000.00.18.H12-991231-0001") is None
    local = LocalDossierSource(session_factory(sample_db)).get(TET)
    assert remote == replace(local, is_sample=False)  # the contract carries everything the bot shows


def test_flaky_server_is_retried(contract_records):
    with FakeOneStop(Behaviour(records=contract_records, fail_first=2)) as server:
        assert _source(server, retries=2).get(TET).code == TET
        assert server.behaviour.hits == 3


def test_flaky_server_beyond_retries_is_unavailable(contract_records):
    with FakeOneStop(Behaviour(records=contract_records, fail_first=5)) as server:
        with pytest.raises(SourceUnavailable):
            _source(server, retries=1).get(TET)
        assert server.behaviour.hits == 2


def test_slow_server_times_out(contract_records):
    with FakeOneStop(Behaviour(records=contract_records, delay=1.0)) as server:
        with pytest.raises(SourceUnavailable, match="timeout"):
            _source(server, timeout=0.2, retries=1).get(TET)
        assert server.behaviour.hits == 2


def test_down_server_is_unavailable():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    source = OneStopHttpSource(f"http://127.0.0.1:{port}", "k", timeout=0.5, retries=1, backoff=0.01)
    with pytest.raises(SourceUnavailable):
        source.get(TET)


def test_wrong_key_is_not_retried(contract_records):
    with FakeOneStop(Behaviour(records=contract_records)) as server:
        source = OneStopHttpSource(server.url, "wrong", timeout=1.0, retries=3, backoff=0.01)
        with pytest.raises(SourceUnavailable, match="401"):
            source.get(TET)
        assert server.behaviour.hits == 1


def test_payload_breaking_the_contract_is_unavailable(contract_records):
    with (
        FakeOneStop(Behaviour(records=contract_records, malformed=True)) as server,
        pytest.raises(SourceUnavailable, match="bad payload"),
    ):
        _source(server).get(TET)


def _settings(db_url: str, server: FakeOneStop, **extra) -> Settings:
    return Settings(
        database_url=db_url,
        environment="test",
        onestop_base_url=server.url,
        onestop_api_key=server.behaviour.api_key,
        onestop_timeout=0.3,
        onestop_retries=1,
        **extra,
    )


def test_lookup_api_through_the_one_stop_system(contract_records, sample_db):
    with (
        FakeOneStop(Behaviour(records=contract_records)) as server,
        TestClient(create_app(_settings(sample_db, server))) as client,
    ):
        body = client.post("/bot/dossiers/lookup", json={"text": "000 00 18 h12 260213 0001", "sender": "s"}).json()
        assert body["status"] == "found" and body["timeliness"] == "late"
        assert "Cấp Giấy phép bán lẻ rượu" in body["text"]
        server.behaviour.delay = 1.0
        slow = client.post("/bot/dossiers/lookup", json={"text": TET, "sender": "s"}).json()
    assert slow["status"] == "unavailable" and "không phản hồi" in slow["text"]


def test_production_refuses_an_unprotected_one_stop_api(tmp_path):
    from bot.dossiers.service import build_source

    base = {
        "database_url": "postgresql+psycopg://u@127.0.0.1:1/x",
        "environment": "production",
        "bot_api_key": "k" * 32,
    }
    with pytest.raises(ValueError, match="https"):
        build_source(Settings(**base, onestop_base_url="http://onestop.local", onestop_api_key="k"), None)
    with pytest.raises(ValueError, match="KEY"):
        build_source(Settings(**base, onestop_base_url="https://onestop.local"), None)
    assert isinstance(
        build_source(Settings(**base, onestop_base_url="https://x", onestop_api_key="k"), None), OneStopHttpSource
    )
