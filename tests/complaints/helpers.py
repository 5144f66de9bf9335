"""Shared builders for the complaint tests."""

from __future__ import annotations

import uuid

from bot.complaints.service import NewComplaint


def body(**overrides) -> dict:
    data = {
        "idempotency_key": f"test-{uuid.uuid4().hex}",
        "sender": f"web-{uuid.uuid4().hex[:12]}",
        "channel": "web",
        "content": "Hồ sơ cấp giấy phép bán lẻ rượu của tôi đã quá hạn hai tuần mà chưa có kết quả.",
        "procedure_code": "2.000620",
        "dossier_code": None,
        "name": "Nguyễn Văn An",
        "contact": "0912 345 678",
        "consent": True,
    }
    data.update(overrides)
    return data


def new_complaint(**overrides) -> NewComplaint:
    data = {
        "idempotency_key": f"svc-{uuid.uuid4().hex}",
        "sender": "web-service-test",
        "channel": "web",
        "content": "Thủ tục cấp lại giấy phép bị yêu cầu bổ sung nhiều lần, đề nghị Sở xem xét.",
        "name": "Lê Thị Hoa",
        "contact": "0987654321",
        "contact_kind": "phone",
        "consent": True,
    }
    data.update(overrides)
    return NewComplaint(**data)
