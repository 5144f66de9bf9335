"""Dossier status look-up end to end through Rasa's REST channel, on the stack's sample dossiers (marked MẪU)."""

from __future__ import annotations

import uuid

import httpx
import pytest

from bot.catalog.files import load_catalog
from bot.dossiers.samples import build_samples
from bot.stack import Stack


@pytest.fixture(scope="module")
def overdue():
    samples = [s for s in build_samples(load_catalog().procedures) if s.role == "overdue"]
    assert samples
    return samples[0]


def _say(stack: Stack, sender: str, text: str) -> list[dict]:
    res = httpx.post(
        f"{stack.config.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30
    )
    assert res.status_code == 200, res.text
    return res.json()


def _text(reply: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in reply)


def _pasted(code: str) -> str:
    """How people paste a code: lower case, spaces around the dashes."""
    return code.lower().replace("-", " - ")


def test_asks_for_the_code_then_status_then_details_after_verification(stack, overdue):
    sender = f"hs-{uuid.uuid4().hex[:8]}"
    assert "mã hồ sơ" in _text(_say(stack, sender, "hồ sơ của tôi đến đâu rồi")).lower()
    status = _text(_say(stack, sender, _pasted(overdue.code)))
    assert overdue.code in status and "MẪU" in status
    assert "4 số cuối" in status and "Người nộp" not in status  # no details before verification
    details = _text(_say(stack, sender, overdue.applicant_phone[-4:]))
    assert "Người nộp" in details and "Quá trình xử lý" in details
    assert overdue.applicant_phone not in details and overdue.applicant_name not in details  # masked even then


def test_a_code_on_its_own_is_looked_up_even_as_the_first_message(stack, overdue):
    """A bare code is `inform_digits` (the intent list's convention); the look-up reads the code all the same."""
    sender = f"hs-{uuid.uuid4().hex[:8]}"
    status = _text(_say(stack, sender, f"mã là {overdue.code}"))
    assert overdue.code in status and "4 số cuối" in status
    details = _text(_say(stack, sender, overdue.applicant_phone[-4:]))
    assert "Người nộp" in details


def test_wrong_digits_and_unknown_code_are_explained(stack, overdue):
    sender = f"hs-{uuid.uuid4().hex[:8]}"
    _say(stack, sender, f"tra cứu hồ sơ {overdue.code}")
    wrong = "0000" if overdue.applicant_phone[-4:] != "0000" else "1111"
    assert "không khớp" in _text(_say(stack, sender, wrong))
    unknown = _text(_say(stack, sender, "mã hồ sơ 000.00.18.H12-260101-9999"))
    assert "000.00.18.H12-260101-9999" in unknown and "Người nộp" not in unknown


def test_late_dossier_offers_a_prefilled_complaint_that_is_stored(stack, overdue):
    sender = f"hs-{uuid.uuid4().hex[:8]}"
    reply = _say(stack, sender, f"hồ sơ {overdue.code} tới đâu rồi")
    button = next(b for m in reply for b in m.get("buttons") or [] if b["payload"].startswith("/file_complaint"))
    started = _text(_say(stack, sender, button["payload"]))
    assert overdue.code in started and "13/2023/NĐ-CP" in started  # content pre-filled: consent comes next
    _say(stack, sender, "/affirm")
    _say(stack, sender, "Nguyễn Văn Mẫu")
    summary = _text(_say(stack, sender, "0912345678"))
    assert f"Hồ sơ liên quan: {overdue.code}" in summary
    done = _text(_say(stack, sender, "/affirm"))
    code = done[done.index("PAKN-") :][:16]
    stored = httpx.get(
        f"{stack.config.api_url}/bot/complaints/{code}",
        params={"sender": sender},
        headers=stack.bot_headers,
        timeout=10,
    )
    assert stored.status_code == 200
