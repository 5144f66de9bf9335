"""Complaint status by code: the filer's own conversation sees it at once; anyone else first gives the contact.

Codes are sequential (PAKN-<year>-<n>), so a code proves nothing. Without the contact's last 4 phone digits (or
the email), an existing and a missing code get the same answer: no existence, date or status leaks. Wrong
contacts count per sender, per client and per code; a code with too many is locked for a while, exactly as a
missing code would be, so the lock reveals nothing either.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.complaints import replies
from bot.complaints.codes import parse_code
from bot.complaints.intake import Problem
from bot.complaints.limits import ComplaintLimits
from bot.complaints.models import ComplaintRow
from bot.complaints.service import get_complaint
from bot.complaints.validation import check_contact

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StatusAnswer:
    code: str
    text: str
    status: str | None = None  # only for those allowed to see it
    needs_contact: bool = False
    retry_after: float | None = None  # set when refused by a limit (HTTP 429)


def contact_matches(row: ComplaintRow, given: str) -> bool:
    """The last 4 digits of the phone left with the complaint (a whole number also works), or the email."""
    if "@" in given:
        checked = check_contact(given)
        same = (checked.normalized or "").lower() == row.contact.lower()
        return row.contact_kind == "email" and checked.valid and same
    digits = re.sub(r"\D", "", given)
    return row.contact_kind == "phone" and len(digits) >= 4 and re.sub(r"\D", "", row.contact)[-4:] == digits[-4:]


def status_answer(
    session: Session,
    limits: ComplaintLimits,
    code: str,
    sender: str | None,
    contact: str | None,
    client: str,
    promise: Callable[[ComplaintRow], str | None] | None = None,
) -> StatusAnswer:
    """`client`: the limiter key of who asks (the hub's client tag, else the sender or the address); `promise`:
    how the filer was told the answer reaches them (said to the filer while the answer is awaited)."""
    row = get_complaint(session, code)
    if row is not None and sender and sender == row.sender:
        said = promise(row) if promise else None
        return StatusAnswer(code, replies.status_text(row, is_owner=True, promise=said), status=row.status)
    contact = (contact or "").strip()
    if not contact:
        return StatusAnswer(code, replies.ASK_CONTACT.format(code=code), needs_contact=True)
    locked = limits.code_failed_contact.check(code)
    if not locked.allowed:
        return _refused(code, replies.CODE_LOCKED.format(code=code, minutes=locked.retry_minutes), locked.retry_after)
    askers = list(dict.fromkeys(key for key in (f"sender:{sender}" if sender else "", client) if key))
    for key in askers:
        refused = limits.failed_contact.check(key)
        if not refused.allowed:
            text = replies.TOO_MANY_CONTACT.format(minutes=refused.retry_minutes)
            return _refused(code, text, refused.retry_after)
    attempt = limits.code_attempts.hit(code)  # atomic: concurrent guesses cannot all pass the checks above
    if not attempt.allowed:
        return _refused(code, replies.CODE_LOCKED.format(code=code, minutes=attempt.retry_minutes), attempt.retry_after)
    if row is not None and contact_matches(row, contact):
        return StatusAnswer(code, replies.status_text(row, is_owner=False), status=row.status)
    limits.code_failed_contact.record(code)
    for key in askers:
        limits.failed_contact.record(key)
    return StatusAnswer(code, replies.CONTACT_MISMATCH.format(code=code), needs_contact=True)


def _refused(code: str, text: str, retry_after: float) -> StatusAnswer:
    return StatusAnswer(code, text, needs_contact=True, retry_after=retry_after)


def look_up(
    sessions: Callable[[], Session],
    limits: ComplaintLimits,
    typed_code: str,
    sender: str | None,
    contact: str | None,
    client: str,
    address: str,
    promise: Callable[[ComplaintRow], str | None] | None = None,
) -> StatusAnswer | Problem:
    """The status answer to a code as typed, within the look-up limit of the sender (else of the `address`),
    or the problem to answer instead (malformed code, too many look-ups or wrong contacts, store down)."""
    code = parse_code(typed_code)
    if code is None:
        return Problem("code", replies.BAD_CODE)
    decision = limits.lookup.hit(f"sender:{sender}" if sender else f"ip:{address}")
    if not decision.allowed:
        text = replies.TOO_MANY_LOOKUP.format(minutes=decision.retry_minutes)
        return Problem("sender", text, 429, retry_after=decision.retry_after)
    with sessions() as session:
        try:
            answer = status_answer(session, limits, code, sender, contact, client, promise=promise)
        except SQLAlchemyError:
            log.exception("complaint look-up failed")
            return Problem("code", replies.LOOKUP_FAILED, 503)
    if answer.retry_after is not None:
        return Problem("sender", answer.text, 429, retry_after=answer.retry_after)
    return answer
