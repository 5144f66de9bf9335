"""The intake use case (bot.complaints.intake) that the bot's API and the hotline form share."""

from __future__ import annotations

import uuid

from bot.complaints import intake, replies
from bot.db.base import session_factory
from bot.ratelimit import InMemoryRateLimiter, Limit, Quota

GOOD = {
    "content": "Hồ sơ cấp giấy phép bán lẻ rượu của tôi đã quá hạn hai tuần mà chưa có kết quả.",
    "name": "Nguyễn Văn An",
    "contact": "0912 345 678",
}


def _form(**typed: str | None) -> intake.Form:
    data = {**GOOD, **typed}
    return intake.check_form(
        data["content"], data["name"], data["contact"], data.get("procedure_code"), data.get("dossier_code")
    )


def test_a_good_form_is_normalised() -> None:
    form = _form(procedure_code=" 2.000620 ", dossier_code="000.00.18.h12-250412-0007")
    assert not form.errors
    assert (form.contact.normalized, form.contact.kind) == ("0912345678", "phone")
    assert (form.procedure_code, form.dossier_code) == ("2.000620", "000.00.18.H12-250412-0007")
    new = form.complaint(idempotency_key="k" * 16, sender="web-a", channel="web")
    assert new.consent and new.name == "Nguyễn Văn An" and new.contact_kind == "phone"


def test_every_wrong_field_is_said_in_the_order_asked() -> None:
    form = _form(content="ngắn", name="", contact="abc", procedure_code="0.12", dossier_code="?")
    assert list(form.errors) == ["content", "name", "contact", "procedure_code", "dossier_code"]
    assert form.errors["procedure_code"] == intake.FIELD_MESSAGES["procedure_code"]


def test_a_field_the_schema_refused_gets_the_domain_message() -> None:
    assert intake.field_problem("contact", "abc").detail == intake.check_form("", "", "abc").errors["contact"]
    assert intake.field_problem("channel", "sms").detail == intake.FIELD_MESSAGES["channel"]
    assert intake.field_problem("unknown", 1).field == "body"


def test_filing_is_idempotent_and_limited_per_sender(db_url) -> None:
    quota = Quota(InMemoryRateLimiter(), Limit(1, 3600), "intake-test")
    sender = f"web-{uuid.uuid4().hex[:12]}"
    first = _form().complaint(idempotency_key=f"in-{uuid.uuid4().hex}", sender=sender, channel="web")
    with session_factory(db_url)() as session:
        filed = intake.file_complaint(session, first, quota)
        assert isinstance(filed, intake.Filed) and filed.created
        again = intake.file_complaint(session, first, quota)  # a re-delivery is answered whatever the limit
        assert isinstance(again, intake.Filed) and not again.created and again.row.code == filed.row.code
        second = _form().complaint(idempotency_key=f"in-{uuid.uuid4().hex}", sender=sender, channel="web")
        refused = intake.file_complaint(session, second, quota)
        assert isinstance(refused, intake.Problem) and refused.status == 429 and refused.retry_after
        stolen = _form().complaint(idempotency_key=first.idempotency_key, sender="web-other", channel="web")
        conflict = intake.file_complaint(session, stolen)
        assert isinstance(conflict, intake.Problem) and conflict.status == 409
        assert conflict.detail == replies.KEY_CONFLICT
        text = intake.confirmation(filed, "Sở Công Thương", "")
        assert filed.row.code in text
