"""Hypothesis strategies for Telegram updates as the Bot API could post them (and as it never would).

Each generated item is (raw request body, expectation): `answer` — the gateway must send this chat at least one
message; `ignore` — it must send nothing (edited messages, group chats, channel posts, service messages,
update kinds the bot does not handle, invalid JSON); `any` — malformed objects Telegram never sends, where only
"no crash, no 5xx" is required. Chat ids are unique per update, so replies are counted per update.
"""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from tests.reliability.fuzz_inputs import message_text, sometimes

ANSWER, IGNORE, ANY = "answer", "ignore", "any"
_chat_ids = itertools.count(random.SystemRandom().randrange(10**9, 2 * 10**9, 10**6))
ENTITY_TYPES = ["bold", "italic", "mention", "hashtag", "bot_command", "url", "text_link", "code", "pre",
                "text_mention", "custom_emoji", "spoiler", "blockquote", "nonsense"]  # fmt: skip
EMOJI = st.text(alphabet=st.sampled_from("😀🇻🇳👍🏽🤖❤️‍🔥🧑‍🤝‍🧑\u200d\ufe0f"), min_size=1, max_size=40)
RTL = st.sampled_from(["\u202eتحويل\u202c", "مرحبا بكم", "שלום עולם", "\u200fسلام\u200e ok"])
HUGE = st.builds(lambda piece, n: piece * n, st.sampled_from(["hồ sơ ", "😀", "a\u0301"]), st.integers(4096, 30000))
TEXT = st.one_of(message_text, EMOJI, RTL, HUGE)
MEDIA = {
    "sticker": {
        "file_id": "CAAC",
        "file_unique_id": "AgAD",
        "width": 512,
        "height": 512,
        "type": "regular",
        "is_animated": False,
        "is_video": False,
    },  # fmt: skip
    "photo": [{"file_id": "AgAC", "file_unique_id": "AQAD", "width": 90, "height": 90}],
    "document": {"file_id": "BQAC", "file_unique_id": "AgAE", "file_name": "don-phan-anh.pdf"},
    "voice": {"file_id": "AwAC", "file_unique_id": "AgAD", "duration": 3},
    "audio": {"file_id": "CQAC", "file_unique_id": "AgAF", "duration": 30},
    "video": {"file_id": "BAAC", "file_unique_id": "AgAG", "width": 1, "height": 1, "duration": 1},
    "location": {"latitude": 21.18, "longitude": 106.07},
    "venue": {"location": {"latitude": 21.18, "longitude": 106.07}, "title": "Sở", "address": "Bắc Ninh"},
    "dice": {"emoji": "🎲", "value": 3},
}
SERVICE = {
    "new_chat_title": "nhóm mới",
    "pinned_message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}},
    "delete_chat_photo": True,
}


@dataclass
class Delivery:
    body: bytes
    expect: str
    chat_id: int | None
    kind: str


def user(user_id: int, **extra: Any) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Lan", "language_code": "vi", **extra}


@st.composite
def entities(draw, text: str) -> list[dict[str, Any]]:
    found = []
    for _ in range(draw(st.integers(0, 3))):
        entity: dict[str, Any] = {
            "type": draw(st.sampled_from(ENTITY_TYPES)),
            "offset": draw(st.integers(-3, len(text) + 5)),
            "length": draw(st.integers(-3, len(text) + 5)),
        }
        if entity["type"] == "text_link":
            entity["url"] = draw(st.sampled_from(["https://dichvucong.gov.vn", "javascript:alert(1)", ""]))
        if entity["type"] == "text_mention" and draw(st.booleans()):
            entity["user"] = user(draw(st.integers(1, 10**9)))
        found.append(entity)
    return found


def _message(chat_id: int, chat_type: str, message_id: int, **content: Any) -> dict[str, Any]:
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    chat.update({"first_name": "Lan"} if chat_type == "private" else {"title": "Nhóm hỏi thủ tục"})
    message = {"message_id": message_id, "date": 1764547200, "chat": chat, **content}
    if chat_type != "channel":
        message["from"] = user(abs(chat_id))
    return message


@st.composite
def deliveries(draw) -> Delivery:
    chat_id = next(_chat_ids)
    mid = draw(st.integers(1, 2**31 - 1))
    kind = draw(st.sampled_from(
        ["text"] * 8 + ["command", "media", "contact_own", "contact_other", "callback", "callback_inline",
         "edited", "group", "channel_post", "service", "other_kind", "no_content", "bad_json", "not_an_update",
         "wrong_types"]
    ))  # fmt: skip
    expect, update = ANSWER, None
    if kind == "text":
        text = draw(TEXT)
        content: dict[str, Any] = {"text": text}
        if draw(sometimes(4)):
            content["entities"] = draw(entities(text))
        if draw(sometimes(10)):
            content["reply_to_message"] = _message(chat_id, "private", max(1, mid - 1), text=draw(TEXT))
        update = {"message": _message(chat_id, "private", mid, **content)}
    elif kind == "command":
        cmd = draw(st.sampled_from(["/start", "/help", "/start@sct_test_bot", "/xyz", "/start payload"]))
        entity = {"type": "bot_command", "offset": 0, "length": len(cmd.split()[0])}
        update = {"message": _message(chat_id, "private", mid, text=cmd, entities=[entity])}
    elif kind == "media":
        name = draw(st.sampled_from(sorted(MEDIA)))
        extra = {"caption": draw(TEXT)} if draw(sometimes(3)) else {}
        update = {"message": _message(chat_id, "private", mid, **{name: MEDIA[name]}, **extra)}
    elif kind in ("contact_own", "contact_other"):
        owner = chat_id if kind == "contact_own" else chat_id + 1
        phone = draw(st.sampled_from(["84912345678", "+84987654321", "0912", "", "not a phone", "+1 555 0100"]))
        contact = {"phone_number": phone, "first_name": "Lan", "user_id": owner}
        update = {"message": _message(chat_id, "private", mid, contact=contact)}
    elif kind == "callback":
        data = draw(st.sampled_from(["b:expired1", "b:", "", "/affirm"]) | st.text(max_size=80))
        message = _message(chat_id, "private", mid, text="…")
        del message["from"]
        update = {"callback_query": {"id": f"cq{chat_id}", "from": user(chat_id), "chat_instance": "ci",
                                     "message": message, "data": data}}  # fmt: skip
    elif kind == "callback_inline":  # a button of an inline message: no chat to answer in
        expect = IGNORE
        update = {"callback_query": {"id": f"cq{chat_id}", "from": user(chat_id), "chat_instance": "ci",
                                     "inline_message_id": "AAA", "data": draw(st.text(max_size=64))}}  # fmt: skip
    elif kind == "edited":
        expect = IGNORE
        update = {"edited_message": {**_message(chat_id, "private", mid, text=draw(TEXT)), "edit_date": 1764547300}}
    elif kind == "group":
        expect = IGNORE
        chat_type = draw(st.sampled_from(["group", "supergroup"]))
        update = {"message": _message(-chat_id, chat_type, mid, text=draw(TEXT))}
        chat_id = -chat_id
    elif kind == "channel_post":
        expect = IGNORE
        update = {"channel_post": _message(-chat_id, "channel", mid, text=draw(TEXT))}
        chat_id = -chat_id
    elif kind == "service":
        expect = IGNORE
        name = draw(st.sampled_from(sorted(SERVICE)))
        update = {"message": _message(chat_id, "private", mid, **{name: SERVICE[name]})}
    elif kind == "other_kind":
        expect = IGNORE
        update = draw(st.sampled_from([
            {"inline_query": {"id": "iq", "from": user(chat_id), "query": "rượu", "offset": ""}},
            {"poll": {"id": "p", "question": "?", "options": [], "total_voter_count": 0, "is_closed": False,
                      "is_anonymous": True, "type": "regular", "allows_multiple_answers": False}},
            {"my_chat_member": {"chat": {"id": chat_id, "type": "private"}, "from": user(chat_id), "date": 1,
                                "old_chat_member": {"status": "member", "user": user(7000001, is_bot=True)},
                                "new_chat_member": {"status": "kicked", "user": user(7000001, is_bot=True),
                                                    "until_date": 0}}},
            {"unknown_future_kind": {"x": 1}},
        ]))  # fmt: skip
    elif kind == "no_content":  # a private message with nothing Telegram defines in it
        update = {"message": _message(chat_id, "private", mid)}
    elif kind == "bad_json":
        raw = draw(st.sampled_from([b"", b"{", b"\x00not json", b'{"update_id": 1,', "«»".encode("utf-16")]))
        return Delivery(raw, IGNORE, None, kind)
    elif kind == "not_an_update":
        value = draw(st.sampled_from([[], "update", 5, None, True, {"message": 5}, {"message": "x"}, {"message": []}]))
        return Delivery(json.dumps(value).encode(), IGNORE, None, kind)
    else:  # wrong_types: fields of the wrong type inside an otherwise plausible update
        expect = ANY
        message = _message(chat_id, "private", mid, text=draw(TEXT))
        field, value = draw(st.sampled_from([
            ("date", "hôm qua"), ("message_id", "x"), ("chat", {"id": "abc", "type": "private"}),
            ("chat", {"type": "private"}), ("from", "Lan"), ("text", 12345), ("text", ["a"]),
            ("entities", "bold"), ("contact", {"phone_number": None}), ("photo", {"file_id": 1}),
        ]))  # fmt: skip
        message[field] = value
        update = {"message": message}
    update = {"update_id": draw(st.integers(1, 2**31 - 1)), **update}
    return Delivery(json.dumps(update, ensure_ascii=True).encode("ascii"), expect, chat_id, kind)
