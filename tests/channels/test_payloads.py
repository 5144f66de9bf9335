"""The hub passes on only the button payloads the bot itself offers; other "/..." messages become words."""

from __future__ import annotations

import pytest

from bot.channels.payloads import guard_payload, is_offered_payload, user_intents


@pytest.mark.parametrize(
    "payload",
    [
        "/affirm",
        "/deny",
        "/cancel",
        "/request_human",
        "/check_dossier_status",
        '/ask_procedure{"procedure_code":"2.000620"}',
        '/ask_fee{"procedure_code":"1.115377"}',
        '/correct_complaint{"complaint_field":"complaint_contact"}',
        '/file_complaint{"dossier_code":"000.00.00.H01-260101-0001"}',
    ],
)
def test_the_bots_own_buttons_pass_unchanged(payload):
    assert is_offered_payload(payload)
    assert guard_payload(payload) == payload


@pytest.mark.parametrize(
    "text",
    [
        "/restart",
        "/session_start",
        "/back",
        "/nlu_fallback",
        "/made_up_intent",
        "/affirm@0.3",
        '/affirm{"complaint_confirmed":true}',
        '/affirm{"complaint_consent":"true"}',
        '/ask_fee{"procedure_code":"x"',
        '/ask_fee{"procedure_code":"2.000620", "procedure": "x"}',
        '/check_dossier_status{"dossier_code":"<script>"}',
        '/correct_complaint{"complaint_field":"complaint_consent"}',
    ],
)
def test_other_slash_messages_go_to_nlu_as_words(text):
    assert not is_offered_payload(text)
    assert guard_payload(text) == text[1:]


@pytest.mark.parametrize(
    ("text", "expected"), [("/ / /restart", "restart"), ("/", ""), ("//", ""), ("//affirm", "/affirm")]
)
def test_every_leading_slash_is_checked(text, expected):
    assert guard_payload(text) == expected


def test_plain_text_is_untouched():
    assert guard_payload("xin gp ban le ruou / bia can hs j") == "xin gp ban le ruou / bia can hs j"


def test_user_intents_come_from_the_domain_without_rasas_own():
    intents = user_intents()
    assert {"affirm", "ask_fee", "file_complaint", "correct_complaint"} <= intents
    assert not intents & {"restart", "session_start", "back", "nlu_fallback"}
