"""Catalogue administration pages (role editor): list/search, view, create, edit, retire, versions, audit."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from bot.api.deps import get_session
from bot.catalog.files import dump_procedure
from bot.db.loader import content_hash
from bot.identifiers import PROCEDURE_CODE_PATTERN
from bot.staff import audit, catalog_admin, forms
from bot.staff.auth import Editor
from bot.staff.web import render

router = APIRouter(prefix="/staff", include_in_schema=False)

DB = Annotated[Session, Depends(get_session)]
Code = Annotated[str, Path(pattern=PROCEDURE_CODE_PATTERN)]


def _actor(principal) -> tuple[int, str]:
    return principal.user_id, principal.username


def _not_found(request: Request, principal, code: str) -> Response:
    return render(
        request,
        "error.html",
        principal,
        404,
        message=f"Không tìm thấy thủ tục mã {code}. Vui lòng kiểm tra lại mã hoặc tìm trong danh mục.",
    )


@router.get("/catalog")
def catalog_list(
    request: Request,
    db: DB,
    principal: Editor,
    q: Annotated[str, Query(max_length=200)] = "",
    status: Annotated[str, Query(max_length=16)] = "",
    field: Annotated[str, Query(max_length=200)] = "",
    notice: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    procs = catalog_admin.search(db, q, status or None, field or None)
    return render(
        request,
        "catalog_list.html",
        principal,
        procedures=procs,
        q=q,
        status=status,
        field=field,
        notice=notice,
        total=len(catalog_admin.all_procedures(db)),
    )


@router.get("/catalog/new")
def catalog_new(request: Request, principal: Editor) -> Response:
    today = dt.date.today().isoformat()
    state = forms.state_from(
        {
            "status": "active",
            "source": {"accessed": today},
            "last_reviewed": today,
            "processing_time": {"status": "known"},
            "fees": {"status": "unknown"},
            "online_level": "unknown",
            "levels": ["tỉnh"],
        }
    )
    return render(request, "procedure_form.html", principal, state=state, errors={}, creating=True, base_hash="")


@router.post("/catalog/new")
async def catalog_create(request: Request, db: DB, principal: Editor) -> Response:
    parsed = forms.parse(await request.form())
    if parsed.procedure is None:
        return render(
            request,
            "procedure_form.html",
            principal,
            422,
            state=parsed.state,
            errors=parsed.errors,
            creating=True,
            base_hash="",
        )
    try:
        catalog_admin.save(db, parsed.procedure, _actor(principal), action="procedure.create", create=True)
    except catalog_admin.AlreadyExists:
        db.rollback()
        return render(
            request,
            "procedure_form.html",
            principal,
            409,
            state=parsed.state,
            creating=True,
            base_hash="",
            errors={"code": "Mã thủ tục này đã có trong danh mục: mở thủ tục đó để sửa."},
        )
    return RedirectResponse(f"/staff/catalog/{parsed.procedure.code}?saved=1", status_code=303)


@router.get("/catalog/{code}")
def catalog_view(request: Request, db: DB, principal: Editor, code: Code, saved: str = "") -> Response:
    proc = catalog_admin.get(db, code)
    if proc is None:
        return _not_found(request, principal, code)
    history = audit.entries(db, target_id=code, limit=10)
    return render(request, "procedure_view.html", principal, p=proc, history=history, saved=bool(saved))


@router.get("/catalog/{code}/yaml")
def catalog_yaml(db: DB, _principal: Editor, code: Code) -> Response:
    proc = catalog_admin.get(db, code)
    if proc is None:
        return PlainTextResponse(f"Không tìm thấy thủ tục mã {code}.", status_code=404)
    return PlainTextResponse(
        dump_procedure(proc),
        media_type="text/yaml; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{code}.yaml"'},
    )


@router.get("/catalog/{code}/edit")
def catalog_edit(request: Request, db: DB, principal: Editor, code: Code) -> Response:
    proc = catalog_admin.get(db, code)
    if proc is None:
        return _not_found(request, principal, code)
    state = forms.state_from(catalog_admin.as_data(proc))
    return render(
        request, "procedure_form.html", principal, state=state, errors={}, creating=False, base_hash=content_hash(proc)
    )


@router.post("/catalog/{code}/edit")
async def catalog_update(request: Request, db: DB, principal: Editor, code: Code) -> Response:
    form = await request.form()
    parsed = forms.parse(form)
    base_hash = str(form.get("base_hash") or "")[:64]
    if parsed.procedure is not None and parsed.procedure.code != code:
        parsed.errors["code"] = "Không đổi được mã của thủ tục đã có; hãy thêm thủ tục mới với mã mới."
        parsed.procedure = None
    if parsed.procedure is None:
        return render(
            request,
            "procedure_form.html",
            principal,
            422,
            state=parsed.state,
            errors=parsed.errors,
            creating=False,
            base_hash=base_hash,
        )
    try:
        catalog_admin.save(db, parsed.procedure, _actor(principal), action="procedure.update", base_hash=base_hash)
    except catalog_admin.StaleEdit:
        db.rollback()
        return render(
            request,
            "procedure_form.html",
            principal,
            409,
            state=parsed.state,
            creating=False,
            base_hash=base_hash,
            errors={
                "_form": "Thủ tục vừa được người khác sửa. Vui lòng mở lại trang "
                "sửa để xem bản mới nhất rồi nhập lại thay đổi của anh/chị."
            },
        )
    except catalog_admin.NotFound:
        db.rollback()
        return _not_found(request, principal, code)
    return RedirectResponse(f"/staff/catalog/{code}?saved=1", status_code=303)


@router.post("/catalog/{code}/retire")
def catalog_retire(request: Request, db: DB, principal: Editor, code: Code) -> Response:
    return _set_status(request, db, principal, code, "retired")


@router.post("/catalog/{code}/restore")
def catalog_restore(request: Request, db: DB, principal: Editor, code: Code) -> Response:
    return _set_status(request, db, principal, code, "active")


def _set_status(request: Request, db: Session, principal, code: str, status: str) -> Response:
    try:
        catalog_admin.set_status(db, code, status, _actor(principal))
    except catalog_admin.NotFound:
        return _not_found(request, principal, code)
    return RedirectResponse(f"/staff/catalog/{code}?saved=1", status_code=303)


@router.get("/catalog/{code}/versions")
def catalog_versions(
    request: Request,
    db: DB,
    principal: Editor,
    code: Code,
    v: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
    restored: Annotated[str, Query(max_length=32)] = "",
) -> Response:
    proc = catalog_admin.get(db, code)
    if proc is None:
        return _not_found(request, principal, code)
    versions = catalog_admin.versions(db, code)
    chosen = next((x for x in versions if x.version == v), versions[0] if versions else None)
    previous = next((x for x in versions if chosen and x.version < chosen.version), None)
    diff = catalog_admin.yaml_diff(previous.data if previous else None, chosen.data) if chosen else []
    current_hash = content_hash(proc)
    return render(
        request,
        "versions.html",
        principal,
        p=proc,
        versions=versions,
        chosen=chosen,
        previous=previous,
        diff=diff,
        current_hash=current_hash,
        restored=restored,
    )


@router.post("/catalog/{code}/versions/{number}/restore")
def catalog_version_restore(
    request: Request, db: DB, principal: Editor, code: Code, number: Annotated[int, Path(ge=1, le=1_000_000)]
) -> Response:
    try:
        result = catalog_admin.restore_version(db, code, number, _actor(principal))
    except catalog_admin.NotFound:
        db.rollback()
        return _not_found(request, principal, code)
    done = f"v{number}-v{result.version}" if result.outcome == "updated" else "same"
    return RedirectResponse(f"/staff/catalog/{code}/versions?restored={done}", status_code=303)


@router.get("/audit")
def audit_page(
    request: Request,
    db: DB,
    principal: Editor,
    target: Annotated[str, Query(max_length=64)] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    open: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    size = 50
    rows = audit.entries(db, target_id=target or None, limit=size + 1, offset=(page - 1) * size)
    diffs = {}
    for row in rows[:size]:
        if row.target_type == "procedure" and (row.before or row.after):
            try:
                diffs[row.id] = catalog_admin.yaml_diff(row.before, row.after)
            except ValueError:
                diffs[row.id] = []
    return render(
        request,
        "audit.html",
        principal,
        rows=rows[:size],
        has_more=len(rows) > size,
        page=page,
        target=target,
        diffs=diffs,
        open_id=open,
    )


@router.post("/catalog-files/export")
def catalog_export(request: Request, db: DB, principal: Editor) -> Response:
    result = catalog_admin.export_files(db, request.app.state.settings.catalog_dir, _actor(principal))
    notice = f"Đã xuất {len(result.written)} tệp, {result.unchanged} tệp không đổi."
    return RedirectResponse(f"/staff/catalog?notice={notice}", status_code=303)


@router.post("/catalog-files/import")
def catalog_import(request: Request, db: DB, principal: Editor) -> Response:
    result = catalog_admin.import_files(db, request.app.state.settings.catalog_dir, _actor(principal))
    if result.errors:
        return render(
            request,
            "error.html",
            principal,
            422,
            message="Không nhập được vì có tệp không hợp lệ (chưa nhập tệp nào). Sửa các lỗi sau rồi thử lại:",
            details=result.errors[:50],
        )
    notice = (
        f"Đã nhập: {len(result.inserted)} thủ tục mới, {len(result.updated)} thủ tục cập nhật, "
        f"{result.unchanged} không đổi."
    )
    return RedirectResponse(f"/staff/catalog?notice={notice}", status_code=303)
