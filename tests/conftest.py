"""Shared fixtures: a migrated, loaded database on SQLite and on the local PostgreSQL server."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from bot.api.main import create_app
from bot.catalog.files import load_catalog
from bot.cli import migrate
from bot.db.base import engine_for, session_factory
from bot.db.loader import load_procedures
from bot.settings import Settings
from bot.stack import MODEL, Stack, StackConfig, new_tokens, profile_config, train_model

PG_ADMIN_URL = os.environ.get("SCT_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def catalog():
    report = load_catalog()
    assert report.ok, report.errors
    return report.procedures


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A fresh database on the local PostgreSQL server, dropped at the end of the session."""
    name = f"sct_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    engine_for(url).dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _migrate_and_load(url: str, catalog) -> str:
    migrate(url)
    with session_factory(url)() as session:
        load_procedures(session, catalog)
    return url


@pytest.fixture(scope="session")
def new_sqlite_db(tmp_path_factory, catalog) -> Callable[[str], str]:
    """Makes a database of its own for an app a test configures differently: new SQLite, migrated, loaded."""
    return lambda name: _migrate_and_load(f"sqlite:///{tmp_path_factory.mktemp(name) / 'sct.db'}", catalog)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def db_url(request, new_sqlite_db, catalog) -> str:
    if request.param == "sqlite":
        return new_sqlite_db("db")
    return _migrate_and_load(request.getfixturevalue("pg_server_url"), catalog)


TEST_BOT_KEY = "test-bot-key-0123456789abcdef"


@pytest.fixture(scope="session")
def client(db_url) -> Iterator[TestClient]:
    """The app with a bot key, called as the action server calls it (X-SCT-Bot-Key on every request)."""
    app = create_app(Settings(database_url=db_url, environment="test", bot_api_key=TEST_BOT_KEY))
    with TestClient(app, headers={"X-SCT-Bot-Key": TEST_BOT_KEY}) as c:
        yield c


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The Rasa model, trained once if missing or older than its data."""
    train_model()
    assert MODEL.exists()
    return MODEL


@pytest.fixture(scope="session")
def stack(trained_model) -> Iterator[Stack]:
    """The real backend, action server and Rasa server on their own ports, shared by the end-to-end tests."""
    db = Path(tempfile.mkdtemp(prefix="sct-stack-test-")) / "bot.db"
    offset = int(os.environ.get("SCT_TEST_PORT_OFFSET", "0"))  # lets several checkouts test side by side
    config = StackConfig(
        api_port=28000 + offset,
        action_port=25055 + offset,
        rasa_port=25005 + offset,
        env={"SCT_DATABASE_URL": f"sqlite:///{db}"},
    )
    running = Stack(config)
    try:
        running.start_services()
        yield running
    finally:
        running.stop()


PRODUCTION_REDIS_DB = 11  # lock store and rate limits of the production-profile stack of the tests


@pytest.fixture(scope="session")
def production_stack(trained_model, pg_server_url) -> Iterator[Stack]:
    """The production profile for real (two instances of each service behind nginx, PostgreSQL, Redis), shared by
    tests/production/test_profile.py and tests/ops/test_kill.py. Not supervised unless a test asks for it."""
    offset = int(os.environ.get("SCT_TEST_PORT_OFFSET", "0"))
    name = pg_server_url.rsplit("/", 1)[1]
    config = profile_config(
        "production",
        **new_tokens(),
        # below the kernel's ephemeral range (32768-60999): a port the OS hands to any client socket or free_port()
        # can be taken at the moment an instance binds it (an instance that cannot bind exits with code 0)
        api_port=20000 + offset,
        action_port=21055 + offset,
        rasa_port=21005 + offset,
        instances=2,
        database_url=pg_server_url,
        tracker_db_url=f"postgresql://postgres@127.0.0.1:5432/{name}_tracker",
        redis_url=f"redis://127.0.0.1:6379/{PRODUCTION_REDIS_DB}",
        # limits and locks of this run only: a dossier code locked by an earlier run (or another checkout sharing
        # the Redis server) stays locked for an hour
        env={"SCT_RATELIMIT_PREFIX": f"sct:rl:{uuid.uuid4().hex[:8]}:"},
    )
    running = Stack(config)
    try:
        running.start_all()
        yield running
    finally:
        running.stop()
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}_tracker" WITH (FORCE)'))
        admin.dispose()


def pytest_collection_modifyitems(items):
    """Tests marked `last` (the scan of the service logs for personal data) run after all the others."""
    items.sort(key=lambda item: item.get_closest_marker("last") is not None)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright (no browser is downloaded); one per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()
