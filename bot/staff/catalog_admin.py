"""Catalogue administration: every change goes through the loader's upsert (same path as the files), bumps
the catalogue revision (the bot's resolver rebuilds on its next request) and is recorded in the audit log and
the procedure's version history, in one transaction."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.catalog.file_text import file_text
from bot.catalog.files import dump_procedure, load_catalog
from bot.catalog.schema import Procedure
from bot.core.clock import now
from bot.db.loader import bump_revision, content_hash, fetch_row, fetch_rows, row_to_procedure, upsert_procedure
from bot.search.resolver import ProcedureIndex
from bot.staff import audit
from bot.staff.models import ProcedureVersion

Actor = tuple[int | None, str]


class StaleEdit(Exception):
    """The procedure changed since the editor opened it."""


class NotFound(Exception):
    pass


class AlreadyExists(Exception):
    pass


def as_data(proc: Procedure) -> dict:
    return proc.model_dump(mode="json")


def all_procedures(db: Session) -> list[Procedure]:
    return [row_to_procedure(r) for r in fetch_rows(db, include_retired=True)]


def search(db: Session, q: str = "", status: str | None = None, field_name: str | None = None) -> list[Procedure]:
    """Active and retired procedures; `q` is a code, or words matched by the bot's Vietnamese resolver."""
    procs = all_procedures(db)
    if status in ("active", "retired"):
        procs = [p for p in procs if p.status == status]
    if field_name:
        procs = [p for p in procs if p.field == field_name]
    q = (q or "").strip()[:200]
    if not q:
        return procs
    by_code = [p for p in procs if p.code.startswith(q)]
    if by_code:
        return by_code
    result = ProcedureIndex(procs).resolve(q, limit=50)
    wanted = {c.code: i for i, c in enumerate(result.candidates)}
    return sorted((p for p in procs if p.code in wanted), key=lambda p: wanted[p.code])


def get(db: Session, code: str) -> Procedure | None:
    row = fetch_row(db, code)
    return row_to_procedure(row) if row is not None else None


def _next_version(db: Session, code: str) -> int:
    return (db.scalar(select(func.max(ProcedureVersion.version)).where(ProcedureVersion.code == code)) or 0) + 1


def _add_version(db: Session, proc: Procedure, action: str, username: str) -> int:
    number = _next_version(db, proc.code)
    db.add(
        ProcedureVersion(
            code=proc.code,
            version=number,
            data=as_data(proc),
            content_hash=content_hash(proc),
            action=action,
            username=username,
            at=now(),
        )
    )
    db.flush()
    return number


FIELD_LABELS = {
    "name": "tên",
    "field": "lĩnh vực",
    "levels": "cấp",
    "agency": "cơ quan",
    "applicant_types": "đối tượng",
    "conditions": "điều kiện",
    "documents": "hồ sơ",
    "processing_time": "thời hạn",
    "fees": "phí, lệ phí",
    "online_level": "mức trực tuyến",
    "online_level_note": "ghi chú trực tuyến",
    "channels": "cách nộp",
    "where_to_submit": "nơi nộp",
    "steps": "trình tự",
    "result": "kết quả",
    "legal_basis": "căn cứ pháp lý",
    "source": "nguồn",
    "last_reviewed": "ngày rà soát",
    "province": "tỉnh",
    "aliases": "cách gọi",
    "status": "trạng thái",
}


def changed_fields(before: dict | None, after: dict | None) -> list[str]:
    before, after = before or {}, after or {}
    return [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]


@dataclass
class SaveResult:
    outcome: str  # inserted | updated | unchanged
    procedure: Procedure
    version: int | None = None


def save(
    db: Session,
    proc: Procedure,
    actor: Actor,
    *,
    action: str,
    base_hash: str | None = None,
    create: bool = False,
    note: str = "",
) -> SaveResult:
    """Create or update one procedure through the loader; audit + version + revision bump on a change."""
    row = fetch_row(db, proc.code)
    if create and row is not None:
        raise AlreadyExists(proc.code)
    if not create and row is None and action != "procedure.import":
        raise NotFound(proc.code)
    if base_hash and row is not None and row.content_hash != base_hash:
        raise StaleEdit(proc.code)
    before = row_to_procedure(row) if row is not None else None
    if before is not None and _next_version(db, proc.code) == 1:  # first change: keep the loaded state as v1
        _add_version(db, before, "baseline", "hệ thống")
    outcome = upsert_procedure(db, proc)
    if outcome == "unchanged":
        db.rollback()
        return SaveResult(outcome, before or proc)
    version = _add_version(db, proc, action, actor[1])
    bump_revision(db)
    fields = changed_fields(as_data(before) if before else None, as_data(proc))
    audit.record(
        db,
        user_id=actor[0],
        username=actor[1],
        action=action,
        target_type="procedure",
        target_id=proc.code,
        summary=f"{proc.name} — phiên bản {version}{note}; sửa: {', '.join(FIELD_LABELS.get(f, f) for f in fields)}",
        before=as_data(before) if before else None,
        after=as_data(proc),
    )
    db.commit()
    return SaveResult(outcome, proc, version)


def set_status(db: Session, code: str, status: str, actor: Actor) -> SaveResult:
    current = get(db, code)
    if current is None:
        raise NotFound(code)
    action = "procedure.retire" if status == "retired" else "procedure.restore"
    changed = Procedure.model_validate({**as_data(current), "status": status})
    return save(db, changed, actor, action=action)


def versions(db: Session, code: str) -> list[ProcedureVersion]:
    stmt = select(ProcedureVersion).where(ProcedureVersion.code == code).order_by(ProcedureVersion.version.desc())
    return list(db.scalars(stmt))


def version(db: Session, code: str, number: int) -> ProcedureVersion | None:
    stmt = select(ProcedureVersion).where(ProcedureVersion.code == code, ProcedureVersion.version == number)
    return db.scalar(stmt)


def restore_version(db: Session, code: str, number: int, actor: Actor) -> SaveResult:
    """Make version `number` the current content again: saved as a new version, audited with before/after."""
    old = version(db, code, number)
    if old is None or fetch_row(db, code) is None:
        raise NotFound(code)
    proc = Procedure.model_validate(old.data)
    return save(db, proc, actor, action="procedure.revert", note=f" (khôi phục bản v{number})")


def yaml_diff(before: dict | None, after: dict | None) -> list[tuple[str, str]]:
    """Line diff of the YAML forms, as (kind, line) with kind in ' ', '+', '-', '@'."""
    a = dump_procedure(Procedure.model_validate(before)).splitlines() if before else []
    b = dump_procedure(Procedure.model_validate(after)).splitlines() if after else []
    out: list[tuple[str, str]] = []
    for line in difflib.unified_diff(a, b, lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        out.append((line[0] if line[0] in "+-@" else " ", line[1:] if line[0] in "+- " else line))
    return out


@dataclass
class ExportResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0


def export_files(db: Session, directory: Path, actor: Actor) -> ExportResult:
    """Write every procedure (active and retired) back to <code>.yaml; only files whose content changed, keeping
    the text of their unchanged fields (an export of an unchanged catalogue leaves every file byte-identical)."""
    directory.mkdir(parents=True, exist_ok=True)
    result = ExportResult()
    for proc in all_procedures(db):
        path = directory / f"{proc.code}.yaml"
        existing = path.read_text(encoding="utf-8") if path.exists() else None
        text = file_text(proc, existing)
        if existing == text:
            result.unchanged += 1
            continue
        path.write_text(text, encoding="utf-8")
        result.written.append(proc.code)
    audit.record(
        db,
        user_id=actor[0],
        username=actor[1],
        action="catalog.export",
        target_type="catalog",
        target_id=str(directory.name),
        summary=f"{len(result.written)} tệp ghi, {result.unchanged} không đổi",
    )
    db.commit()
    return result


@dataclass
class ImportResult:
    inserted: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def import_files(db: Session, directory: Path, actor: Actor) -> ImportResult:
    """Validate every file first; import nothing if any file is invalid (same rule as `bot.cli load`)."""
    report = load_catalog(directory)
    result = ImportResult(errors=list(report.errors))
    if not report.ok:
        return result
    for proc in report.procedures:
        saved = save(db, proc, actor, action="procedure.import")
        if saved.outcome == "inserted":
            result.inserted.append(proc.code)
        elif saved.outcome == "updated":
            result.updated.append(proc.code)
        else:
            result.unchanged += 1
    return result
