"""Staff app fixtures: a migrated, loaded SQLite database with one account per role, and logged-in clients."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.api.main import create_app
from bot.cli import migrate
from bot.db.base import session_factory
from bot.db.loader import load_procedures
from bot.settings import ROOT, Settings
from bot.staff.users import create_user
from tests.dossiers.conftest import sample_db, sample_roles  # noqa: F401  (sample dossiers for the copilot's box)

PASSWORD = "mat-khau-thu-nghiem-1"
ROLES = ("admin", "editor", "staff")


@dataclass
class StaffEnv:
    url: str
    catalog_dir: Path
    settings: Settings
    app: object


def make_staff_env(tmp: Path, catalog, rasa_url: str = "http://127.0.0.1:9", rasa_token: str = "") -> StaffEnv:
    url = f"sqlite:///{tmp / 'staff.db'}"
    migrate(url)
    catalog_dir = tmp / "catalog"
    shutil.copytree(ROOT / "procedures_catalog" / "procedures", catalog_dir)
    with session_factory(url)() as db:
        load_procedures(db, catalog)
        for role in ROLES:
            create_user(db, f"{role}1", PASSWORD, role, f"Cán bộ {role}")
    settings = Settings(
        database_url=url,
        environment="test",
        catalog_dir=catalog_dir,
        rasa_url=rasa_url,
        rasa_token=rasa_token,
        rasa_timeout=3,
    )
    return StaffEnv(url, catalog_dir, settings, create_app(settings))


@pytest.fixture(scope="session")
def staff_env(tmp_path_factory, catalog) -> StaffEnv:
    return make_staff_env(tmp_path_factory.mktemp("staff"), catalog)


def login_form(client: TestClient, username: str, password: str = PASSWORD):
    page = client.get("/staff/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', page.text).group(1)
    return client.post(
        "/staff/login",
        data={"username": username, "password": password, "login_csrf": token, "next": ""},
        follow_redirects=False,
    )


@dataclass
class RoleClient:
    role: str
    client: TestClient
    csrf: str


def logged_in(app, role: str) -> RoleClient:
    client = TestClient(app)
    response = login_form(client, f"{role}1")
    assert response.status_code == 303, response.text
    home = client.get(response.headers["location"])
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', home.text).group(1)
    return RoleClient(role, client, csrf)


@pytest.fixture(scope="session")
def role_clients(staff_env) -> Iterator[dict[str, RoleClient]]:
    clients = {role: logged_in(staff_env.app, role) for role in ROLES}
    yield clients
    for rc in clients.values():
        rc.client.close()


def ensure_user(url: str, username: str, role: str, password: str = PASSWORD) -> str:
    """An account in the database at `url` (created once; shared session databases keep it)."""
    from bot.staff.users import by_username

    with session_factory(url)() as db:
        if by_username(db, username) is None:
            create_user(db, username, password, role, f"Cán bộ {role}")
    return username


def bearer_headers(client, username: str, password: str = PASSWORD) -> dict[str, str]:
    """`Authorization: Bearer ...` for `username` (from POST /staff/api/login), for API calls without cookies."""
    response = client.post("/staff/api/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}
