"""The 4-digit check of a dossier cannot be brute-forced by changing sender ids (issue 17, finding 2).

The probe rotated sender ids and reached verified details after a dozen guesses: every limit counted per sender.
Now wrong digits also count per dossier code (from anyone: then the code is locked and the citizen is sent to the
Bộ phận Một cửa) and per client (the address behind the senders). Through the real chat hub, Rasa, action server
and backend; each test speaks from its own address (X-Forwarded-For, trusted from the local proxy as behind nginx).
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import redis

from bot.catalog.files import load_catalog
from bot.db.base import session_factory
from bot.dossiers.lookup import DossierLookup
from bot.dossiers.samples import SampleDossier, build_samples
from bot.dossiers.sources import LocalDossierSource
from bot.ratelimit import InMemoryRateLimiter, RateLimiter
from bot.ratelimit.redis_store import RedisRateLimiter
from bot.stack import Stack
from tests.dossiers.conftest import phone_of


@pytest.fixture(scope="module")
def samples() -> list[SampleDossier]:
    return build_samples(load_catalog().procedures)


def _say(stack: Stack, sender: str, text: str, address: str) -> str:
    res = httpx.post(
        f"{stack.config.api_url}/chat/messages",
        json={"channel": "web", "sender": sender, "text": text},
        headers={"X-Forwarded-For": address},
        timeout=60,
    )
    assert res.status_code == 200, res.text
    return "\n".join(m["text"] for m in res.json()["messages"])


def _wrong(phone: str, i: int) -> str:
    return next(d for d in (f"{(i * 1111 + 7) % 10000:04d}", "0000", "1111", "2222") if d != phone[-4:])


def test_new_sender_ids_do_not_buy_more_guesses_at_one_dossier(stack, samples):
    target = samples[-3]  # a dossier no other test verifies: it stays locked for an hour
    for i in range(5):  # five different "citizens", each one wrong guess
        sender, address = f"bf-{uuid.uuid4().hex[:8]}", f"198.51.100.{10 + i}"
        assert "4 số cuối" in _say(stack, sender, f"tra cứu hồ sơ {target.code}", address)
        assert "không khớp" in _say(stack, sender, _wrong(target.applicant_phone, i), address)
    sender = f"bf-{uuid.uuid4().hex[:8]}"
    _say(stack, sender, f"tra cứu hồ sơ {target.code}", "198.51.100.99")
    locked = _say(stack, sender, target.applicant_phone[-4:], "198.51.100.99")  # even the right digits now
    assert "Người nộp" not in locked and "Quá trình xử lý" not in locked
    assert "tạm khoá" in locked and "Bộ phận Một cửa" in locked


def test_one_address_rotating_senders_runs_out_of_unknown_codes(stack):
    address = "203.0.113.77"
    answers = [
        _say(stack, f"bf-{uuid.uuid4().hex[:8]}", f"tra cứu hồ sơ 000.00.18.H12-260101-{9000 + i}", address)
        for i in range(21)
    ]
    assert all("không tìm thấy" in a.lower() for a in answers[:20])
    assert "tra cứu quá nhiều lần" in answers[20] and "Bộ phận Một cửa" in answers[20]
    other = _say(stack, f"bf-{uuid.uuid4().hex[:8]}", "tra cứu hồ sơ 000.00.18.H12-260101-9100", "203.0.113.78")
    assert "không tìm thấy" in other.lower()  # another address is not limited


@pytest.fixture(params=["memory", "redis"])
def limiter(request) -> RateLimiter:
    if request.param == "memory":
        yield InMemoryRateLimiter()
        return
    prefix = f"test:bf:{uuid.uuid4().hex[:8]}:"
    store = RedisRateLimiter("redis://127.0.0.1:6379/12", prefix=prefix)
    yield store
    client = redis.Redis.from_url("redis://127.0.0.1:6379/12")
    if keys := list(client.scan_iter(f"{prefix}*")):
        client.delete(*keys)
    store.close()


def test_concurrent_guesses_at_one_code_stay_within_its_attempts(sample_db, sample_roles, limiter):
    """Thirty guesses at once, each from a new sender and client: they cannot all pass the failure check before
    any is counted, because each attempt is counted atomically first (at most 10 per code)."""
    code = sample_roles["late"]
    lookup = DossierLookup(LocalDossierSource(session_factory(sample_db)), limiter)
    wrong = "0000" if phone_of(sample_db, code)[-4:] != "0000" else "1111"

    def guess(i: int) -> str:
        return lookup.lookup(code, f"web-c{i}-{uuid.uuid4().hex[:6]}", wrong, client=f"c{i}").status

    with ThreadPoolExecutor(max_workers=30) as pool:
        statuses = list(pool.map(guess, range(30)))
    assert statuses.count("verification_failed") <= lookup.limits.code_verifications.count
    assert statuses.count("rate_limited") >= 30 - lookup.limits.code_verifications.count
    right = lookup.lookup(code, "web-owner", phone_of(sample_db, code)[-4:], client="owner")
    assert right.status == "rate_limited" and "Bộ phận Một cửa" in right.text and not right.verified
