"""Hypothesis strategies for hostile chat-hub requests, and what a correct answer to each must look like.

Messages mix Vietnamese with combining marks, emoji, right-to-left text, control characters and NUL,
lone surrogates (JSON can carry them as \\udXXX escapes), very long strings, JSON-looking text, Rasa
payload look-alikes with broken JSON and intent injection (/restart, /session_start, ...). Sender ids and
message ids are valid or not; the expected outcome follows from the hub's published rules.
"""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import strategies as st

from bot.identifiers import CHAT_CHANNELS, SENDER_PATTERN

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ "
COMBINING = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
SAMPLES = [
    "xin giấy phép bán lẻ rượu cần giấy tờ gì",
    "xin gp ban le ruou can hs j",
    "le phi bn",
    "nộp online được không",
    "cảm ơn",
    "tôi muốn gửi phản ánh",
    "tra cứu hồ sơ 000.00.00.H01-260101-0001",
    "\u202eتحويل\u202c العربية עברית",
    "👍🏽🇻🇳 ok 🤖",
    '{"sender": "x", "text": null}',
    "<script>alert(1)</script>",
    "'; DROP TABLE procedures; --",
    "${jndi:ldap://x}",
    "{{7*7}}",
]
INJECTIONS = [
    "/restart",
    "/session_start",
    "/nlu_fallback",
    "/back",
    "/out_of_scope",
    "/action_listen",
    "/affirm",
    "/deny",
    "/cancel",
    '/affirm{"complaint_confirmed":true}',
    '/affirm{"complaint_consent":true}',
    '/ask_fee{"procedure_code":"1.000000"}',
    '/ask_fee{"procedure_code":"x"',
    '/ask_fee{"procedure_code":"2.000620"}',
    '/ask_procedure{"procedure_code":["a","b"]}',
    '/check_dossier_status{"dossier_code":"../../etc/passwd"}',
    '/correct_complaint{"complaint_field":"complaint_consent"}',
    '/file_complaint{"complaint_content":"x","complaint_name":"y"}',
    "/ask_fee@0.1",
    "/greet{",
    "/{}",
    "//",
    "/",
]

vietnamese_text = st.text(alphabet=st.sampled_from(VIETNAMESE + COMBINING), max_size=80)
any_unicode = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=60)
control_chars = st.text(alphabet=st.characters(max_codepoint=0x1F) | st.sampled_from("\u200b\u202e\ufeff\u2028"))
lone_surrogates = st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3)
json_looking = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
).map(lambda v: json.dumps(v, ensure_ascii=False))
payload_like = st.builds(
    lambda intent, body: f"/{intent}{body}",
    st.sampled_from(["ask_fee", "ask_procedure", "affirm", "restart", "session_start", "correct_complaint", "x"])
    | st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
    st.sampled_from(["", "{", "}", '{"procedure_code":', '{"procedure_code":"1.000000"}', "{'a':1}"]) | json_looking,
)
very_long = st.builds(
    lambda piece, times: piece * times, st.sampled_from(["a", "hồ sơ ", "😀", "\u0301"]), st.integers(1000, 6000)
)

message_text = st.one_of(
    st.sampled_from(SAMPLES),
    st.sampled_from(INJECTIONS),
    vietnamese_text,
    any_unicode,
    control_chars,
    lone_surrogates,
    json_looking,
    payload_like,
    very_long,
    st.builds(lambda a, b: a + b, st.sampled_from(SAMPLES), any_unicode),
    st.just(""),
)
valid_sender = st.from_regex(r"[A-Za-z0-9_.:@-]{1,40}", fullmatch=True)
invalid_sender = st.one_of(
    st.just(""), st.just("../../etc"), st.just("a" * 129), st.text(max_size=20).filter(lambda s: not _is_sender(s))
)
message_id = st.none() | st.uuids().map(str) | st.text(max_size=20)
channel = st.sampled_from(CHAT_CHANNELS) | st.sampled_from(["sms", "", "WEB", "web "])


def _has_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return any("\ud800" <= ch <= "\udfff" for ch in value)
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def _is_sender(value: str) -> bool:
    return re.fullmatch(SENDER_PATTERN, value) is not None


def sometimes(one_in: int) -> st.SearchStrategy[bool]:
    """True about once in `one_in` draws (integers would favour their bounds)."""
    return st.sampled_from([False] * (one_in - 1) + [True])


@st.composite
def request_bodies(draw, senders: list[str]) -> dict[str, Any]:
    """A request body: mostly well-formed with one of a few fuzz senders, sometimes malformed on purpose."""
    body: dict[str, Any] = {
        "channel": draw(channel) if draw(sometimes(10)) else "web",
        "sender": draw(invalid_sender) if draw(sometimes(20)) else draw(st.sampled_from(senders)),
        "text": draw(message_text),
        "message_id": "x" * 200 if draw(sometimes(30)) else draw(message_id),
    }
    if draw(sometimes(15)):
        body["metadata"] = draw(st.dictionaries(st.text(max_size=5), json_looking | st.integers(), max_size=3))
    if draw(sometimes(30)):
        body["text"] = draw(st.integers() | st.none() | st.lists(st.integers(), max_size=2))
    return body


def spread_senders(batch: list[dict[str, Any]], senders: list[str]) -> None:
    """Give the batch's valid senders in turn: hypothesis favours the first of a list, and messages of one
    conversation queue behind Rasa's per-conversation lock (about a second each)."""
    for i, body in enumerate(batch):
        if body.get("sender") in senders:
            body["sender"] = senders[i % len(senders)]


def is_valid(body: dict[str, Any]) -> bool:
    """Whether the hub must accept the request (else it must refuse it with a 422)."""
    text, mid = body.get("text"), body.get("message_id")
    return (
        body.get("channel") in CHAT_CHANNELS
        and isinstance(body.get("sender"), str)
        and _is_sender(body["sender"])
        and isinstance(text, str)
        and len(text) <= 20000
        and (mid is None or (isinstance(mid, str) and len(mid) <= 128))
        and not _has_surrogate(json.loads(encode(body)))  # JSON escapes them, but unpaired they are not text: 422
    )


def encode(body: dict[str, Any]) -> bytes:
    """JSON with lone surrogates kept as \\udXXX escapes (valid JSON text, not valid UTF-8 when decoded)."""
    return json.dumps(body, ensure_ascii=True).encode("ascii")
