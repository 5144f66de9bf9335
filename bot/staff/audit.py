"""Append-only audit log of staff actions."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.clock import now
from bot.staff.models import AuditEntry

ACTION_LABELS = {
    "procedure.create": "Thêm thủ tục",
    "procedure.update": "Sửa thủ tục",
    "procedure.retire": "Ngừng áp dụng",
    "procedure.restore": "Áp dụng lại",
    "procedure.import": "Nhập từ tệp",
    "procedure.revert": "Khôi phục phiên bản",
    "catalog.export": "Xuất ra tệp",
    "user.create": "Tạo tài khoản",
    "user.update": "Sửa tài khoản",
    "complaint.create": "Tiếp nhận phản ánh",
    "complaint.status": "Đổi trạng thái phản ánh",
    "complaint.answer": "Trả lời phản ánh",
    "complaint.delivery": "Gửi lại câu trả lời",
    "complaint.callback": "Đã liên hệ lại người gửi",
    "complaint.export": "Xuất phản ánh (CSV)",
}


def record(
    db: Session,
    *,
    user_id: int | None,
    username: str,
    action: str,
    target_type: str,
    target_id: str,
    summary: str | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Add an entry to the caller's transaction (committed with the change it describes)."""
    entry = AuditEntry(
        at=now(),
        user_id=user_id,
        username=username,
        action=action,
        target_type=target_type,
        target_id=target_id,
        summary=summary,
        before=before,
        after=after,
    )
    db.add(entry)
    return entry


def entries(
    db: Session, *, target_id: str | None = None, action: str | None = None, limit: int = 100, offset: int = 0
) -> list[AuditEntry]:
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc())
    if target_id:
        stmt = stmt.where(AuditEntry.target_id == target_id)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    return list(db.scalars(stmt.limit(limit).offset(offset)))
