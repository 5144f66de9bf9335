"""Bot messages -> Telegram messages (real PTB markup objects), the payload store, contacts and log masking."""

from __future__ import annotations

import logging

import pytest
from telegram import InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove

from bot.channels.hub import BotMessage, Button
from bot.channels.telegram import texts
from bot.channels.telegram.app import ConfigError, check_config
from bot.channels.telegram.contact import phone_from_contact
from bot.channels.telegram.payload_store import MAX_CALLBACK_BYTES, PayloadStore
from bot.channels.telegram.render import render, render_all
from bot.privacy import configure_process_logging, mask_personal_data
from bot.settings import Settings


def test_buttons_become_an_inline_keyboard_with_short_callback_data_resolved_by_the_store():
    store = PayloadStore()
    long_payload = '/ask_procedure{"procedure_code": "2.000620", "procedure": "' + "rượu " * 40 + '"}'
    message = BotMessage("Chọn thủ tục:", [Button("Bán lẻ rượu", long_payload), Button("Bán buôn rượu", "/b")])
    [out] = render(message, store)
    assert isinstance(out.markup, InlineKeyboardMarkup)
    data = [row[0].callback_data for row in out.markup.inline_keyboard]
    assert all(len(d.encode()) <= MAX_CALLBACK_BYTES for d in data)
    assert [store.get(d) for d in data] == [long_payload, "/b"]
    assert [row[0].text for row in out.markup.inline_keyboard] == ["Bán lẻ rượu", "Bán buôn rượu"]


def test_keyboard_goes_on_the_last_chunk_of_a_long_reply():
    message = BotMessage("\n".join(["dòng " + "x" * 100] * 100), [Button("Lệ phí", "/ask_fee")])
    out = render(message, PayloadStore())
    assert len(out) == 3
    assert [o.markup is None for o in out] == [True, True, False]


def test_buttons_without_text_get_a_short_prompt():
    [out] = render(BotMessage("", [Button("Có", "/affirm")]), PayloadStore())
    assert out.text == texts.CHOOSE


def test_asking_for_contact_shows_a_one_time_share_phone_keyboard():
    [out] = render(BotMessage("Số điện thoại của anh/chị là gì?", custom={"ask": "contact"}), PayloadStore())
    assert out.text == "Số điện thoại của anh/chị là gì?"
    keyboard = out.markup
    assert isinstance(keyboard, ReplyKeyboardMarkup) and keyboard.one_time_keyboard
    button = keyboard.keyboard[0][0]
    assert button.text == "Chia sẻ số điện thoại" and button.request_contact


def test_a_custom_only_contact_request_from_rasa_gets_a_hint_with_the_keyboard():
    # Rasa's REST channel sends a response's text and its custom payload as two messages
    out = render_all([BotMessage("Số điện thoại?"), BotMessage("", custom={"ask": "contact"})], PayloadStore())
    assert [o.text for o in out] == ["Số điện thoại?", texts.SHARE_CONTACT_HINT]
    assert out[0].markup is None and isinstance(out[1].markup, ReplyKeyboardMarkup)


def test_a_contact_request_with_inline_buttons_gets_the_keyboard_on_a_hint():
    out = render(BotMessage("Số điện thoại?", [Button("Hủy", "/cancel")], {"ask": "contact"}), PayloadStore())
    assert isinstance(out[0].markup, InlineKeyboardMarkup)
    assert out[1].text == texts.SHARE_CONTACT_HINT and isinstance(out[1].markup, ReplyKeyboardMarkup)


def test_keyboard_is_removed_after_the_contact_was_shared():
    out = render_all([BotMessage("Cảm ơn, đã ghi nhận.")], PayloadStore(), remove_keyboard=True)
    assert isinstance(out[0].markup, ReplyKeyboardRemove)
    out = render_all([BotMessage("Chọn:", [Button("A", "/a")])], PayloadStore(), remove_keyboard=True)
    assert out[0].text == texts.CONTACT_RECEIVED and isinstance(out[0].markup, ReplyKeyboardRemove)


def test_payload_store_is_bounded_and_forgets_the_oldest():
    store = PayloadStore(size=3)
    ids = [store.put(f"/p{i}") for i in range(5)]
    assert len(store) == 3
    assert store.get(ids[0]) is None and store.get(ids[1]) is None
    assert store.get(ids[4]) == "/p4"
    assert store.put("/p4") == ids[4]
    assert store.get("garbage") is None and store.get(None) is None and store.get("b:") is None


def test_shared_phone_numbers_are_normalised():
    assert phone_from_contact("84912345678") == "0912345678"
    assert phone_from_contact("+84 912 345 678") == "0912345678"
    assert phone_from_contact("+1 202 555 0100") == "+12025550100"


def test_the_gateway_process_logs_masked_personal_data_and_no_client_urls(caplog):
    """The gateway's log set-up is the one every process uses: phones, ID numbers and emails masked."""
    configure_process_logging()
    assert logging.getLogger("httpx").level == logging.WARNING  # its URLs carry the bot token
    assert mask_personal_data("chat 5004: 1 reply") == "chat 5004: 1 reply"
    with caplog.at_level(logging.INFO, logger="bot.channels.telegram"):
        logging.getLogger("bot.channels.telegram").info(
            "contact %s, CCCD %s, mail %s", "+84 912 345 679", "001203004005", "an.nguyen@example.vn"
        )
    line = caplog.records[-1].getMessage()
    assert "912 345 679" not in line and "912345679" not in line and line.count("79") == 1
    assert "001203004005" not in line and "005" in line
    assert "an.nguyen@" not in line and "a***@example.vn" in line


def test_gateway_configuration_errors_say_which_variable_to_set():
    cases = [
        ({}, "SCT_TELEGRAM_TOKEN"),
        ({"telegram_token": "1:a", "telegram_mode": "push"}, "SCT_TELEGRAM_MODE"),
        ({"telegram_token": "1:a", "telegram_mode": "webhook", "telegram_webhook_url": "http://x"}, "WEBHOOK_URL"),
        (
            {"telegram_token": "1:a", "telegram_mode": "webhook", "telegram_webhook_url": "https://x/h"},
            "SCT_TELEGRAM_WEBHOOK_SECRET",
        ),
        (
            {
                "telegram_token": "1:a",
                "telegram_mode": "webhook",
                "telegram_webhook_url": "https://x/h",
                "telegram_webhook_secret": "bad secret!",
            },
            "SCT_TELEGRAM_WEBHOOK_SECRET",
        ),
    ]
    for fields, variable in cases:
        with pytest.raises(ConfigError, match=variable):
            check_config(Settings(_env_file=None, **fields))
    check_config(Settings(_env_file=None, telegram_token="1:a"))
