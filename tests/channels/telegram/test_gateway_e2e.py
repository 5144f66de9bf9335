"""The real gateway process (python-telegram-bot) against the fake Bot API and the real backend + Rasa stack."""

from __future__ import annotations

import httpx

from bot.channels import messages
from bot.channels.telegram import texts
from bot.channels.telegram.payload_store import MAX_CALLBACK_BYTES
from tests.channels.telegram import updates


def _tracker_user_texts(stack, chat_id: int) -> list[str]:
    tracker = httpx.get(
        f"{stack.config.rasa_url}/conversations/telegram-{chat_id}/tracker", params=stack.rasa_params, timeout=10
    ).json()
    return [e.get("text") for e in tracker["events"] if e["event"] == "user"]


def _texts(calls) -> list[str]:
    return [c.params["text"] for c in calls]


def test_start_and_help_explain_what_the_bot_does_in_vietnamese(fake_api, gateway):
    chat = 5001
    fake_api.inject(gateway.token, updates.text(chat, "/start"))
    [welcome] = fake_api.wait_for(gateway.token, "sendMessage", chat)
    for topic in ("thủ tục", "Giấy tờ", "Lệ phí", "thời hạn", "trực tuyến", "tình trạng hồ sơ", "phản ánh", "cán bộ"):
        assert topic in welcome.params["text"]
    fake_api.inject(gateway.token, updates.text(chat, "/help"))
    replies = fake_api.wait_for(gateway.token, "sendMessage", chat, count=2)
    assert replies[1].params["text"] == welcome.params["text"]


def test_question_with_choices_gets_an_inline_keyboard_and_a_pressed_button_answers(fake_api, gateway, stack):
    chat = 5002
    fake_api.inject(gateway.token, updates.text(chat, "giấy phép thuốc lá"))
    sent = fake_api.wait_for(gateway.token, "sendMessage", chat)
    assert fake_api.calls_of(gateway.token, "sendChatAction", chat)[0].params["action"] == "typing"
    keyboard = sent[-1].markup()["inline_keyboard"]
    buttons = [row[0] for row in keyboard]
    assert len(buttons) >= 2
    assert all(len(b["callback_data"].encode()) <= MAX_CALLBACK_BYTES for b in buttons)
    assert all(b["text"] for b in buttons)

    chosen = buttons[0]
    fake_api.inject(gateway.token, updates.callback(chat, chosen["callback_data"]))
    answers = fake_api.wait_for(gateway.token, "sendMessage", chat, count=len(sent) + 1)
    assert fake_api.calls_of(gateway.token, "answerCallbackQuery")
    reply = answers[len(sent)].params["text"]
    assert chosen["text"].split(" (")[0].lower() in reply.lower(), (chosen["text"], reply)
    tracker = httpx.get(
        f"{stack.config.rasa_url}/conversations/telegram-{chat}/tracker", params=stack.rasa_params, timeout=10
    ).json()
    assert f"(mã {tracker['slots']['procedure_code']})" in reply
    assert _tracker_user_texts(stack, chat)[-1].startswith("/")  # the payload, not the title, went to Rasa


def test_unknown_or_expired_button_asks_to_type_again(fake_api, gateway):
    chat = 5003
    fake_api.inject(gateway.token, updates.callback(chat, "b:expired1"))
    [reply] = fake_api.wait_for(gateway.token, "sendMessage", chat)
    assert reply.params["text"] == texts.BUTTON_EXPIRED


def test_own_contact_is_relayed_as_the_phone_number_and_never_logged_in_full(fake_api, gateway, stack):
    chat = 5004
    fake_api.inject(gateway.token, updates.contact(chat, "84912345678", owner_id=chat))
    sent = fake_api.wait_for(gateway.token, "sendMessage", chat)
    assert any((c.markup() or {}).get("remove_keyboard") for c in sent)
    assert _tracker_user_texts(stack, chat) == ["0912345678"]
    log = gateway.log()
    assert "shared own phone 091*****78" in log  # the masking every process uses (bot.privacy)
    assert "912345678" not in log and "0912345678" not in log


def test_someone_elses_contact_is_politely_refused(fake_api, gateway, stack):
    chat = 5005
    fake_api.inject(gateway.token, updates.contact(chat, "84987654321", owner_id=999))
    [reply] = fake_api.wait_for(gateway.token, "sendMessage", chat)
    assert reply.params["text"] == texts.NOT_OWN_CONTACT
    assert _tracker_user_texts(stack, chat) == []


def test_media_edits_and_huge_messages_get_a_polite_answer_and_the_gateway_lives_on(fake_api, gateway, stack):
    chat = 5006
    for make in (updates.sticker, updates.photo, updates.voice, updates.document, updates.location):
        fake_api.inject(gateway.token, make(chat))
    replies = fake_api.wait_for(gateway.token, "sendMessage", chat, count=5)
    assert _texts(replies) == [messages.UNSUPPORTED] * 5

    fake_api.inject(gateway.token, updates.edited_text(chat, "xin chào (đã sửa)"))
    fake_api.inject(gateway.token, updates.text(chat, "a" * 10_000))
    replies = fake_api.wait_for(gateway.token, "sendMessage", chat, count=6)
    assert _texts(replies)[5] == messages.TOO_LONG.format(limit=2000)

    fake_api.inject(gateway.token, updates.text(chat, "xin chào"))
    replies = fake_api.wait_for(gateway.token, "sendMessage", chat, count=7)
    assert len(replies) == 7  # the edited message got no reply of its own
    assert _tracker_user_texts(stack, chat) == ["xin chào"]  # and never reached Rasa
    assert gateway.alive()
    log = gateway.log()
    assert "SECRETVALUE" not in log and "Traceback" not in log


def test_webhook_refuses_a_wrong_secret_and_processes_the_right_one(fake_api, webhook_gateway, stack):
    gw, chat = webhook_gateway, 5007
    registered = fake_api.webhook_of(gw.token)
    assert registered["secret_token"] == "s3cr3t_Hook-value"
    assert registered["url"].startswith("https://bot.example.gov.vn/telegram/hook-")

    header = "X-Telegram-Bot-Api-Secret-Token"
    forged = {**updates.text(chat, "tin giả mạo"), "update_id": 90001}
    assert httpx.post(gw.webhook_url, json=forged, headers={header: "wrong"}, timeout=10).status_code == 403
    assert httpx.post(gw.webhook_url, json=forged, timeout=10).status_code == 403

    genuine = {**updates.text(chat, "xin chào"), "update_id": 90002}
    assert (
        httpx.post(gw.webhook_url, json=genuine, headers={header: "s3cr3t_Hook-value"}, timeout=10).status_code == 200
    )
    [reply] = fake_api.wait_for(gw.token, "sendMessage", chat)
    assert reply.params["text"]
    assert _tracker_user_texts(stack, chat) == ["xin chào"]
    bad = httpx.post(gw.webhook_url, content=b"\x00not json", headers={header: "s3cr3t_Hook-value"}, timeout=10)
    assert bad.status_code == 400 and gw.alive()


def test_complaint_form_takes_the_phone_from_the_share_contact_button(fake_api, gateway, stack):
    chat = 5010
    seen = 0

    def exchange(update: dict, replies: int) -> list:
        nonlocal seen
        fake_api.inject(gateway.token, update)
        sent = fake_api.wait_for(gateway.token, "sendMessage", chat, count=seen + replies)
        new, seen = sent[seen:], len(sent)
        return new

    asked = exchange(updates.text(chat, "tôi muốn gửi phản ánh"), 2)
    assert "nội dung phản ánh" in asked[-1].params["text"]
    consent = exchange(updates.text(chat, "Cửa hàng xăng dầu bán thiếu lít, đề nghị Sở kiểm tra giúp"), 1)[-1]
    agree = consent.markup()["inline_keyboard"][0][0]
    assert agree["text"] == "Đồng ý"
    assert "họ và tên" in exchange(updates.callback(chat, agree["callback_data"]), 1)[-1].params["text"]
    contact_question = exchange(updates.text(chat, "Phạm Văn Mẫu"), 1)[-1]
    keyboard = contact_question.markup()["keyboard"]
    assert keyboard[0][0]["request_contact"] is True
    summary = exchange(updates.contact(chat, "84912345678", owner_id=chat), 1)
    assert "0912345678" in summary[-1].params["text"] and "Phạm Văn Mẫu" in summary[-1].params["text"]
