"""Login, logout, lockout, cookies, bearer tokens, user management and the create-admin command."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from bot.db.base import session_factory
from bot.settings import ROOT
from bot.staff.models import AuditEntry, LoginAttempt, StaffUser
from tests.staff.conftest import PASSWORD, logged_in, login_form

GENERIC = "Tên đăng nhập hoặc mật khẩu không đúng"


def test_login_sets_a_hardened_session_cookie_and_redirects_by_role(staff_env):
    with TestClient(staff_env.app) as client:
        response = login_form(client, "editor1")
        assert response.status_code == 303
        assert response.headers["location"] == "/staff/catalog"
        cookie = response.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "path=/staff" in cookie
        assert "secure" not in cookie.split("sct_login_csrf")[0]  # not production: plain http allowed
        assert client.get("/staff/api/me").json()["role"] == "editor"


def test_bad_login_says_the_same_for_unknown_user_and_wrong_password(staff_env):
    with TestClient(staff_env.app) as client:
        wrong = login_form(client, "staff1", "not-the-password")
        unknown = login_form(client, "nobody-here", "whatever-password")
    assert wrong.status_code == unknown.status_code == 401
    assert GENERIC in wrong.text and GENERIC in unknown.text
    assert "nobody-here" not in unknown.text.replace('value="nobody-here"', "")


def test_login_without_the_form_token_is_refused(staff_env):
    with TestClient(staff_env.app) as client:
        response = client.post(
            "/staff/login", data={"username": "admin1", "password": PASSWORD}, follow_redirects=False
        )
    assert response.status_code == 403
    assert "đăng nhập lại" in response.text


def test_repeated_failures_lock_the_account_even_for_the_right_password(staff_env):
    with session_factory(staff_env.url)() as db:
        from bot.staff.users import create_user

        create_user(db, "locked1", PASSWORD, "staff")
    with TestClient(staff_env.app) as client:
        for _ in range(staff_env.settings.staff_login_max_failures):
            assert login_form(client, "locked1", "wrong-password-x").status_code == 401
        locked = login_form(client, "locked1", PASSWORD)
        assert locked.status_code == 429
        assert "tạm bị khóa" in locked.text
        api = client.post("/staff/api/login", json={"username": "locked1", "password": PASSWORD})
        assert api.status_code == 429 and int(api.headers["retry-after"]) > 0
        with session_factory(staff_env.url)() as db:  # the lockout passes
            old = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=30)
            db.execute(update(LoginAttempt).where(LoginAttempt.username == "locked1").values(at=old))
            db.commit()
        assert login_form(client, "locked1", PASSWORD).status_code == 303


def test_logout_ends_the_session_on_the_server(staff_env):
    rc = logged_in(staff_env.app, "staff")
    stolen = rc.client.cookies.get("sct_staff")
    response = rc.client.post("/staff/logout", data={"csrf_token": rc.csrf}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/staff/login"
    with TestClient(staff_env.app) as other:
        other.cookies.set("sct_staff", stolen, path="/staff")
        assert other.get("/staff/api/me").status_code == 401


def test_bearer_token_api_needs_no_csrf_and_dies_on_logout(staff_env):
    with TestClient(staff_env.app) as client:
        token = client.post("/staff/api/login", json={"username": "editor1", "password": PASSWORD}).json()["token"]
        auth = {"Authorization": f"Bearer {token}"}
        assert client.get("/staff/api/procedures", params={"q": "bán lẻ rượu"}, headers=auth).json()["total"] >= 1
        assert client.get("/staff/api/users", headers=auth).status_code == 403
        assert client.post("/staff/api/logout", headers=auth).status_code == 200
        assert client.get("/staff/api/me", headers=auth).status_code == 401
        bad = client.post("/staff/api/login", json={"username": "editor1", "password": "nope-nope-nope"})
        assert bad.status_code == 401 and "không đúng" in bad.json()["detail"]


def test_admin_creates_changes_and_deactivates_users_with_audit(staff_env, role_clients):
    admin = role_clients["admin"]
    h = {"X-CSRF-Token": admin.csrf}
    created = admin.client.post(
        "/staff/api/users", headers=h, json={"username": "tongdai2", "password": "mot-hai-ba-bon", "role": "staff"}
    )
    assert created.status_code == 201
    short = admin.client.post(
        "/staff/api/users", headers=h, json={"username": "tongdai3", "password": "ngan", "role": "staff"}
    )
    assert short.status_code == 422 and "ít nhất 10 ký tự" in short.json()["detail"]
    dup = admin.client.post(
        "/staff/api/users", headers=h, json={"username": "TongDai2", "password": "mot-hai-ba-bon", "role": "staff"}
    )
    assert dup.status_code == 422 and "đã có" in dup.json()["detail"]

    user = TestClient(staff_env.app)
    assert login_form(user, "tongdai2", "mot-hai-ba-bon").status_code == 303
    assert user.get("/staff/api/me").status_code == 200
    changed = admin.client.patch("/staff/api/users/tongdai2", headers=h, json={"active": False})
    assert changed.json()["active"] is False
    assert user.get("/staff/api/me").status_code == 401  # deactivation logs the user out at once
    assert login_form(user, "tongdai2", "mot-hai-ba-bon").status_code == 401
    self_demote = admin.client.patch("/staff/api/users/admin1", headers=h, json={"role": "staff"})
    assert self_demote.status_code == 422
    with session_factory(staff_env.url)() as db:
        actions = list(db.scalars(select(AuditEntry.action).where(AuditEntry.target_id == "tongdai2")))
        stored = db.scalar(select(StaffUser.password_hash).where(StaffUser.username == "tongdai2"))
    assert actions.count("user.create") == 1 and "user.update" in actions
    assert stored.startswith("$argon2id$") and "mot-hai-ba-bon" not in stored


def test_create_admin_command_reads_the_password_from_env_and_never_prints_it(staff_env):
    env = {**os.environ, "SCT_DATABASE_URL": staff_env.url, "SCT_ADMIN_PASSWORD": "cli-secret-password-9"}
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "create-admin", "--username", "giamdoc"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "cli-secret-password-9" not in done.stdout + done.stderr
    with TestClient(staff_env.app) as client:
        assert login_form(client, "giamdoc", "cli-secret-password-9").status_code == 303
        assert client.get("/staff/api/me").json()["role"] == "admin"
    again = subprocess.run(
        [sys.executable, "-m", "bot.cli", "create-admin", "--username", "giamdoc"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 1 and "đã có" in again.stderr
    no_password = {k: v for k, v in env.items() if k != "SCT_ADMIN_PASSWORD"}
    refused = subprocess.run(
        [sys.executable, "-m", "bot.cli", "create-admin", "--username", "x-admin"],
        cwd=ROOT,
        env=no_password,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert refused.returncode == 2 and "SCT_ADMIN_PASSWORD" in refused.stderr


def test_admin_sets_the_name_citizens_see_on_the_users_page(staff_env, role_clients):
    admin = role_clients["admin"]
    h = {"X-CSRF-Token": admin.csrf}
    assert (
        admin.client.post(
            "/staff/api/users", headers=h, json={"username": "tongdai5", "password": "mot-hai-ba-bon", "role": "staff"}
        ).status_code
        == 201
    )
    page = admin.client.get("/staff/users").text
    assert 'aria-label="Họ tên hiển thị của tongdai5"' in page
    saved = admin.client.post(
        "/staff/users/tongdai5", data={"csrf_token": admin.csrf, "full_name": " Đỗ  Thị Lan "}, follow_redirects=False
    )
    assert saved.status_code == 303
    role_only = admin.client.post(
        "/staff/users/tongdai5", data={"csrf_token": admin.csrf, "role": "staff"}, follow_redirects=False
    )
    assert role_only.status_code == 303  # a form without the name leaves it as it is
    with session_factory(staff_env.url)() as db:
        assert db.scalar(select(StaffUser.full_name).where(StaffUser.username == "tongdai5")) == "Đỗ Thị Lan"
        summaries = list(db.scalars(select(AuditEntry.summary).where(AuditEntry.target_id == "tongdai5")))
    assert any("full_name: None → Đỗ Thị Lan" in (s or "") for s in summaries)
