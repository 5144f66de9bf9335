"""Every /staff route (and the staff-only /reports), found from the app itself, against anonymous callers,
each role and an expired session."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import update

from bot.db.base import session_factory
from bot.staff.models import StaffSession
from bot.staff.sessions import COOKIE_NAME
from tests.staff.conftest import PASSWORD, ROLES, logged_in

A, E, S = "admin", "editor", "staff"
PUBLIC = {("GET", "/staff/login"), ("POST", "/staff/login"), ("POST", "/staff/api/login")}
# who may call each route (admin may do everything); a new route fails the test until it is listed here
ALLOWED: dict[tuple[str, str], set[str]] = {
    ("POST", "/staff/logout"): {A, E, S},
    ("GET", "/staff"): {A, E, S},
    ("GET", "/staff/users"): {A},
    ("POST", "/staff/users"): {A},
    ("POST", "/staff/users/{username}"): {A},
    ("GET", "/staff/catalog"): {A, E},
    ("GET", "/staff/catalog/new"): {A, E},
    ("POST", "/staff/catalog/new"): {A, E},
    ("GET", "/staff/catalog/{code}"): {A, E},
    ("GET", "/staff/catalog/{code}/yaml"): {A, E},
    ("GET", "/staff/catalog/{code}/edit"): {A, E},
    ("POST", "/staff/catalog/{code}/edit"): {A, E},
    ("POST", "/staff/catalog/{code}/retire"): {A, E},
    ("POST", "/staff/catalog/{code}/restore"): {A, E},
    ("GET", "/staff/catalog/{code}/versions"): {A, E},
    ("POST", "/staff/catalog/{code}/versions/{number}/restore"): {A, E},
    ("GET", "/staff/audit"): {A, E},
    ("POST", "/staff/catalog-files/export"): {A, E},
    ("POST", "/staff/catalog-files/import"): {A, E},
    ("GET", "/staff/copilot"): {A, S},
    ("GET", "/staff/copilot/complaint"): {A, S},
    ("POST", "/staff/api/logout"): {A, E, S},
    ("GET", "/staff/api/me"): {A, E, S},
    ("GET", "/staff/api/users"): {A},
    ("POST", "/staff/api/users"): {A},
    ("PATCH", "/staff/api/users/{username}"): {A},
    ("GET", "/staff/api/procedures"): {A, E},
    ("POST", "/staff/api/procedures"): {A, E},
    ("GET", "/staff/api/procedures/{code}"): {A, E},
    ("PUT", "/staff/api/procedures/{code}"): {A, E},
    ("POST", "/staff/api/procedures/{code}/retire"): {A, E},
    ("POST", "/staff/api/procedures/{code}/restore"): {A, E},
    ("GET", "/staff/api/procedures/{code}/versions"): {A, E},
    ("GET", "/staff/api/procedures/{code}/versions/{number}"): {A, E},
    ("POST", "/staff/api/procedures/{code}/versions/{number}/restore"): {A, E},
    ("GET", "/staff/api/audit"): {A, E},
    ("POST", "/staff/api/catalog/export"): {A, E},
    ("POST", "/staff/api/catalog/import"): {A, E},
    ("POST", "/staff/api/copilot/analyze"): {A, S},
    ("POST", "/staff/copilot/complaint"): {A, S},
    ("POST", "/staff/api/copilot/complaints"): {A, S},
    ("POST", "/staff/api/copilot/dossier"): {A, S},
    ("GET", "/staff/complaints"): {A, S},
    ("GET", "/staff/complaints/{code}"): {A, S},
    ("POST", "/staff/complaints/{code}/status"): {A, S},
    ("POST", "/staff/complaints/{code}/answer"): {A, S},
    ("POST", "/staff/complaints/{code}/deliveries/{delivery_id}/retry"): {A, S},
    ("POST", "/staff/complaints/{code}/deliveries/{delivery_id}/done"): {A, S},
    ("GET", "/staff/api/complaints"): {A, S},
    ("GET", "/staff/api/complaints/export.csv"): {A},
    ("GET", "/staff/api/complaints/{code}"): {A, S},
    ("PATCH", "/staff/api/complaints/{code}"): {A, S},
    ("POST", "/staff/api/complaints/{code}/answer"): {A, S},
    ("POST", "/staff/api/complaints/{code}/deliveries/{delivery_id}/retry"): {A, S},
    ("POST", "/staff/api/complaints/{code}/deliveries/{delivery_id}/done"): {A, S},
    ("GET", "/staff/reports"): {A, S},
    ("GET", "/staff/gaps"): {A, S},
    ("GET", "/staff/reports/monthly"): {A, S},
    ("GET", "/reports/monthly"): {A, S},
    ("GET", "/staff/handoff"): {A, S},
    ("GET", "/staff/api/handoffs"): {A, S},
    ("GET", "/staff/api/handoffs/{handoff_id}"): {A, S},
    ("POST", "/staff/api/handoffs/{handoff_id}/claim"): {A, S},
    ("POST", "/staff/api/handoffs/{handoff_id}/reply"): {A, S},
    ("POST", "/staff/api/handoffs/{handoff_id}/close"): {A, S},
    ("POST", "/staff/api/handoff-desk"): {A, S},
}
BEARER_ONLY = {("GET", "/reports/monthly")}  # outside the session cookie's path (/staff): API clients use a token
API_PREFIXES = ("/staff/api", "/reports")  # anonymous: 401, not a redirect to the login page
# values that reach the handler without changing anything: an unknown code, an unknown user
SAMPLE = {"code": "9.999999", "username": "khong-co-ai", "number": "1", "handoff_id": "999999", "delivery_id": "999999"}
LOGOUTS = {("POST", "/staff/logout"), ("POST", "/staff/api/logout")}


def staff_routes(app) -> set[tuple[str, str]]:
    found = set()
    for route in iter_route_contexts(app.routes):
        path = route.path or ""
        if not path.startswith(("/staff", "/reports")) or path.startswith("/staff/static"):
            continue
        for method in route.methods or ():
            if method != "HEAD":
                found.add((method, path))
    return found


def url(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: SAMPLE[m.group(1)], path)


def bearer_token(client: TestClient, role: str) -> str:
    response = client.post("/staff/api/login", json={"username": f"{role}1", "password": PASSWORD})
    assert response.status_code == 200, response.text
    return response.json()["token"]


def call(client: TestClient, method: str, path: str, csrf: str | None = None, token: str | None = None):
    headers = {"X-CSRF-Token": csrf} if csrf else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = {} if method in ("POST", "PUT", "PATCH") else None
    return client.request(method, url(path), headers=headers, json=body, follow_redirects=False)


def denied_anonymous(response, path: str) -> bool:
    if path.startswith(API_PREFIXES):
        return response.status_code == 401
    return response.status_code == 303 and response.headers["location"].startswith("/staff/login")


def test_every_staff_route_is_in_the_matrix(staff_env):
    routes = staff_routes(staff_env.app)
    assert len(routes) >= 30
    assert routes == set(ALLOWED) | PUBLIC, "new or removed /staff route: list it in ALLOWED with its roles"


@pytest.mark.parametrize("route", sorted(ALLOWED), ids=lambda r: f"{r[0]} {r[1]}")
def test_anonymous_is_refused(staff_env, route):
    method, path = route
    with TestClient(staff_env.app) as anonymous:
        response = call(anonymous, method, path)
    assert denied_anonymous(response, path), (response.status_code, response.text[:200])


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_routes(staff_env, role_clients, role):
    rc = role_clients[role]
    token = bearer_token(rc.client, role)
    problems = []
    for method, path in sorted(ALLOWED):
        if (method, path) in LOGOUTS:
            continue  # would end the shared session; covered in test_auth
        bearer = token if (method, path) in BEARER_ONLY else None
        response = call(rc.client, method, path, rc.csrf, bearer)
        allowed = role in ALLOWED[(method, path)]
        refused = response.status_code in (401, 403) or (
            response.status_code == 303 and response.headers["location"].startswith("/staff/login")
        )
        if allowed == refused:
            problems.append((method, path, response.status_code, response.text[:120]))
    assert not problems


@pytest.mark.parametrize("role", ROLES)
def test_unsafe_cookie_calls_need_the_csrf_token(staff_env, role_clients, role):
    rc = role_clients[role]
    for method, path in sorted(ALLOWED):
        if method == "GET" or role not in ALLOWED[(method, path)]:
            continue
        response = call(rc.client, method, path, csrf=None)
        assert response.status_code == 403, (method, path, response.status_code)
        wrong = call(rc.client, method, path, csrf="x" * 43)
        assert wrong.status_code == 403, (method, path, wrong.status_code)


def test_expired_session_is_treated_as_anonymous(staff_env):
    rc = logged_in(staff_env.app, "admin")
    assert call(rc.client, "GET", "/staff/api/me").status_code == 200
    token = rc.client.cookies.get(COOKIE_NAME)
    bearer = bearer_token(rc.client, "admin")
    assert call(rc.client, "GET", "/reports/monthly?month=2026-10", token=bearer).status_code == 200
    past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1)
    with session_factory(staff_env.url)() as db:
        digests = [hashlib.sha256(t.encode()).hexdigest() for t in (token, bearer)]
        db.execute(update(StaffSession).where(StaffSession.token_hash.in_(digests)).values(expires_at=past))
        db.commit()
    for method, path in sorted(ALLOWED):
        response = call(rc.client, method, path, rc.csrf, bearer if (method, path) in BEARER_ONLY else None)
        assert denied_anonymous(response, path), (method, path, response.status_code)
