"""JSON API of the staff app under /staff/api (same sessions; bearer token from POST /staff/api/login)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.orm import Session

from bot.answers.compose import Locale
from bot.api.deps import get_session
from bot.catalog.schema import Procedure
from bot.db.loader import content_hash
from bot.identifiers import PROCEDURE_CODE_PATTERN
from bot.staff import audit, catalog_admin, throttle
from bot.staff.auth import AdminOnly, AnyStaff, Editor, Operator
from bot.staff.copilot import INTENT_LABELS, analyze, parse_with_rasa
from bot.staff.errors_vi import problems
from bot.staff.passwords import verify_password
from bot.staff.sessions import close_session, open_session
from bot.staff.users import UserError, by_username, create_user, list_users, update_user

router = APIRouter(prefix="/staff/api", tags=["staff"])

DB = Annotated[Session, Depends(get_session)]
Code = Annotated[str, Path(pattern=PROCEDURE_CODE_PATTERN)]


def _actor(principal) -> tuple[int, str]:
    return principal.user_id, principal.username


class LoginIn(BaseModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=1000)


@router.post("/login")
def api_login(body: LoginIn, request: Request, db: DB) -> dict:
    """Returns a bearer token (send as `Authorization: Bearer <token>`); expires like a browser session."""
    settings = request.app.state.settings
    name = body.username.strip().lower()[:64]
    ip = request.client.host if request.client else "?"
    wait = throttle.wait_seconds(db, name, ip, settings.staff_login_max_failures, settings.staff_login_lockout_seconds)
    if wait:
        raise HTTPException(
            429,
            "Đăng nhập tạm bị khóa do nhập sai nhiều lần. Vui lòng thử lại sau.",
            headers={"Retry-After": str(wait)},
        )
    user = by_username(db, name) if name else None
    ok = verify_password(user.password_hash if user is not None and user.active else None, body.password)
    throttle.record(db, name or "?", ip, ok)
    if not ok or user is None:
        raise HTTPException(401, "Tên đăng nhập hoặc mật khẩu không đúng.")
    new = open_session(db, user, settings.staff_session_minutes)
    return {
        "token": new.token,
        "token_type": "bearer",
        "csrf_token": new.csrf_token,
        "expires_at": new.expires_at.isoformat(),
        "user": {"username": user.username, "role": user.role},
    }


@router.post("/logout")
def api_logout(request: Request, db: DB, _principal: AnyStaff) -> dict:
    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else request.cookies.get("sct_staff")
    close_session(db, token)
    return {"status": "ok"}


@router.get("/me")
def me(principal: AnyStaff) -> dict:
    return {"username": principal.username, "full_name": principal.full_name, "role": principal.role}


def _user_out(user) -> dict:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "active": user.active,
        "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None,
    }


class UserIn(BaseModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=1000)
    role: str = Field(max_length=16)
    full_name: str | None = Field(default=None, max_length=200)


class UserPatch(BaseModel):
    role: str | None = Field(default=None, max_length=16)
    active: bool | None = None
    password: str | None = Field(default=None, max_length=1000)
    full_name: str | None = Field(default=None, max_length=200)


@router.get("/users")
def users(db: DB, _principal: AdminOnly) -> list[dict]:
    return [_user_out(u) for u in list_users(db)]


@router.post("/users", status_code=201)
def users_create(body: UserIn, db: DB, principal: AdminOnly) -> dict:
    try:
        user = create_user(db, body.username, body.password, body.role, body.full_name, actor=_actor(principal))
    except UserError as exc:
        db.rollback()
        raise HTTPException(422, str(exc)) from None
    return _user_out(user)


@router.patch("/users/{username}")
def users_update(username: Annotated[str, Path(max_length=64)], body: UserPatch, db: DB, principal: AdminOnly) -> dict:
    user = by_username(db, username)
    if user is None:
        raise HTTPException(404, "Không tìm thấy tài khoản này.")
    try:
        update_user(db, user, actor=_actor(principal), **body.model_dump())
    except UserError as exc:
        db.rollback()
        raise HTTPException(422, str(exc)) from None
    return _user_out(user)


def _summary(p: Procedure) -> dict:
    return {
        "code": p.code,
        "name": p.name,
        "field": p.field,
        "status": p.status,
        "online_level": p.online_level,
        "last_reviewed": p.last_reviewed.isoformat(),
    }


@router.get("/procedures")
def procedures(
    db: DB,
    _principal: Editor,
    q: Annotated[str, Query(max_length=200)] = "",
    status: Annotated[str, Query(max_length=16)] = "",
) -> dict:
    found = catalog_admin.search(db, q, status or None)
    return {"total": len(found), "items": [_summary(p) for p in found]}


@router.get("/procedures/{code}")
def procedure(code: Code, db: DB, _principal: Editor) -> dict:
    proc = catalog_admin.get(db, code)
    if proc is None:
        raise HTTPException(404, f"Không tìm thấy thủ tục mã {code}.")
    return {"procedure": catalog_admin.as_data(proc), "content_hash": content_hash(proc)}


class ProcedureIn(BaseModel):
    procedure: dict[str, Any] = Field(description="the procedure, as in a procedures_catalog/ file")
    base_hash: str | None = Field(default=None, max_length=64, description="content_hash you edited; 409 if stale")


def _validated(data: dict) -> Procedure:
    try:
        return Procedure.model_validate(data)
    except ValidationError as exc:
        raise HTTPException(
            422, {"message": "Thủ tục chưa hợp lệ, vui lòng sửa các lỗi sau.", "errors": problems(exc)}
        ) from None


def _saved(result: catalog_admin.SaveResult) -> dict:
    return {
        "outcome": result.outcome,
        "version": result.version,
        "procedure": catalog_admin.as_data(result.procedure),
        "content_hash": content_hash(result.procedure),
    }


@router.post("/procedures", status_code=201)
def procedure_create(body: ProcedureIn, db: DB, principal: Editor) -> dict:
    proc = _validated(body.procedure)
    try:
        return _saved(catalog_admin.save(db, proc, _actor(principal), action="procedure.create", create=True))
    except catalog_admin.AlreadyExists:
        db.rollback()
        raise HTTPException(409, f"Mã thủ tục {proc.code} đã có trong danh mục.") from None


@router.put("/procedures/{code}")
def procedure_update(code: Code, body: ProcedureIn, db: DB, principal: Editor) -> dict:
    proc = _validated(body.procedure)
    if proc.code != code:
        raise HTTPException(422, "Mã thủ tục trong nội dung khác mã trên đường dẫn.")
    try:
        return _saved(
            catalog_admin.save(db, proc, _actor(principal), action="procedure.update", base_hash=body.base_hash)
        )
    except catalog_admin.StaleEdit:
        db.rollback()
        raise HTTPException(409, "Thủ tục vừa được người khác sửa: tải lại bản mới nhất rồi sửa lại.") from None
    except catalog_admin.NotFound:
        db.rollback()
        raise HTTPException(404, f"Không tìm thấy thủ tục mã {code}.") from None


@router.post("/procedures/{code}/retire")
def procedure_retire(code: Code, db: DB, principal: Editor) -> dict:
    return _status(db, principal, code, "retired")


@router.post("/procedures/{code}/restore")
def procedure_restore(code: Code, db: DB, principal: Editor) -> dict:
    return _status(db, principal, code, "active")


def _status(db: Session, principal, code: str, status: str) -> dict:
    try:
        return _saved(catalog_admin.set_status(db, code, status, _actor(principal)))
    except catalog_admin.NotFound:
        raise HTTPException(404, f"Không tìm thấy thủ tục mã {code}.") from None


@router.get("/procedures/{code}/versions")
def procedure_versions(code: Code, db: DB, _principal: Editor) -> list[dict]:
    return [
        {
            "version": v.version,
            "action": v.action,
            "username": v.username,
            "at": v.at.isoformat(),
            "content_hash": v.content_hash,
        }
        for v in catalog_admin.versions(db, code)
    ]


@router.get("/procedures/{code}/versions/{number}")
def procedure_version(code: Code, number: Annotated[int, Path(ge=1, le=1_000_000)], db: DB, _principal: Editor) -> dict:
    found = catalog_admin.version(db, code, number)
    if found is None:
        raise HTTPException(404, "Không có phiên bản này.")
    return {
        "version": found.version,
        "action": found.action,
        "username": found.username,
        "at": found.at.isoformat(),
        "procedure": found.data,
    }


@router.post("/procedures/{code}/versions/{number}/restore")
def procedure_version_restore(
    code: Code, number: Annotated[int, Path(ge=1, le=1_000_000)], db: DB, principal: Editor
) -> dict:
    """Make an earlier version current again (a new version, audited); `outcome` is unchanged if it already is."""
    try:
        return _saved(catalog_admin.restore_version(db, code, number, _actor(principal)))
    except catalog_admin.NotFound:
        db.rollback()
        raise HTTPException(404, "Không có phiên bản này.") from None


@router.get("/audit")
def audit_log(
    db: DB,
    _principal: Editor,
    target: Annotated[str, Query(max_length=64)] = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[dict]:
    return [
        {
            "id": e.id,
            "at": e.at.isoformat(),
            "username": e.username,
            "action": e.action,
            "target_type": e.target_type,
            "target_id": e.target_id,
            "summary": e.summary,
            "before": e.before,
            "after": e.after,
        }
        for e in audit.entries(db, target_id=target or None, limit=limit, offset=offset)
    ]


@router.post("/catalog/export")
def export(request: Request, db: DB, principal: Editor) -> dict:
    result = catalog_admin.export_files(db, request.app.state.settings.catalog_dir, _actor(principal))
    return {"written": result.written, "unchanged": result.unchanged}


@router.post("/catalog/import")
def import_(request: Request, db: DB, principal: Editor) -> JSONResponse:
    result = catalog_admin.import_files(db, request.app.state.settings.catalog_dir, _actor(principal))
    body = {
        "inserted": result.inserted,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "errors": result.errors,
    }
    return JSONResponse(body, status_code=422 if result.errors else 200)


class CopilotIn(BaseModel):
    text: str = Field(max_length=5000, description="what the caller says")


def _card(p: Procedure) -> dict:
    return {**catalog_admin.as_data(p), "portal_url": p.portal_url}


@router.post("/copilot/analyze")
async def copilot_analyze(body: CopilotIn, request: Request, db: DB, _principal: Operator) -> dict:
    text = " ".join(body.text.split())[:1000]
    if not text:
        raise HTTPException(422, "Vui lòng nhập nội dung người gọi hỏi.")
    settings = request.app.state.settings
    understanding = await parse_with_rasa(settings.rasa_url, text, token=settings.rasa_token)
    catalog = request.app.state.catalog
    by_code = catalog.by_code(db)
    configured = getattr(request.app.state, "locale", None)  # the province's profile: fees in force there, today
    department = Locale(department=settings.department_name, province=configured.province if configured else None)
    result = analyze(catalog.index(db), by_code.get, text, understanding, department, by_code)
    u = result.understanding
    return {
        "understanding": {
            "source": u.source,
            "intent": u.intent,
            "intent_label": INTENT_LABELS.get(u.intent or ""),
            "confidence": u.confidence,
            "mention": u.mention,
            "note": u.note,
            "part": result.part.value,
        },
        "status": result.status,
        "procedure": _card(result.procedure) if result.procedure else None,
        "readout": result.readout,
        "suggested_answer": result.suggested_answer,
        "related": result.related,
        "hint": result.hint,
        "dossier_code": result.dossier_code,
    }
