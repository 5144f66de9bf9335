"""Telegram update payloads as the Bot API sends them, for injecting into the fake server."""

from __future__ import annotations

import itertools
import time

_ids = itertools.count(1)


def user(user_id: int) -> dict:
    return {"id": user_id, "is_bot": False, "first_name": "Lan", "language_code": "vi"}


def message(chat_id: int, **content) -> dict:
    return {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Lan"},
        "from": user(chat_id),
        **content,
    }


def text(chat_id: int, body: str) -> dict:
    content: dict = {"text": body}
    if body.startswith("/"):
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(body.split()[0])}]
    return {"message": message(chat_id, **content)}


def edited_text(chat_id: int, body: str) -> dict:
    return {"edited_message": {**message(chat_id, text=body), "edit_date": int(time.time())}}


def contact(chat_id: int, phone: str, owner_id: int) -> dict:
    return {"message": message(chat_id, contact={"phone_number": phone, "first_name": "Lan", "user_id": owner_id})}


def sticker(chat_id: int) -> dict:
    file = {"file_id": "CAACAgIAAx", "file_unique_id": "AgADx", "width": 512, "height": 512}
    return {"message": message(chat_id, sticker={**file, "type": "regular", "is_animated": False, "is_video": False})}


def photo(chat_id: int) -> dict:
    return {
        "message": message(chat_id, photo=[{"file_id": "AgAC", "file_unique_id": "AQAD", "width": 90, "height": 90}])
    }


def voice(chat_id: int) -> dict:
    return {"message": message(chat_id, voice={"file_id": "AwAC", "file_unique_id": "AgAD", "duration": 3})}


def document(chat_id: int) -> dict:
    return {"message": message(chat_id, document={"file_id": "BQAC", "file_unique_id": "AgAE", "file_name": "a.pdf"})}


def location(chat_id: int) -> dict:
    return {"message": message(chat_id, location={"latitude": 21.18, "longitude": 106.07})}


def callback(chat_id: int, data: str) -> dict:
    bot_message = {"message_id": next(_ids), "date": int(time.time()), "chat": {"id": chat_id, "type": "private"}}
    return {
        "callback_query": {
            "id": f"cq{next(_ids)}",
            "from": user(chat_id),
            "chat_instance": f"ci{chat_id}",
            "message": {**bot_message, "text": "…"},
            "data": data,
        }
    }
