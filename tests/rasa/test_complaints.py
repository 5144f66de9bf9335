"""Complaints (PAKN) end to end through Rasa's REST channel: the form, corrections, cancel, status, crashes."""

from __future__ import annotations

import os
import re
import signal
import uuid

import httpx

from bot.identifiers import COMPLAINT_CODE
from bot.stack import Stack

CODE = re.compile(COMPLAINT_CODE)


def _say(stack: Stack, sender: str, text: str) -> list[dict]:
    res = httpx.post(
        f"{stack.config.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30
    )
    assert res.status_code == 200, res.text
    return res.json()


def _text(reply: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in reply)


def _tracker(stack: Stack, sender: str) -> dict:
    return httpx.get(
        f"{stack.config.rasa_url}/conversations/{sender}/tracker", params=stack.rasa_params, timeout=10
    ).json()


def _fill_until_summary(stack: Stack, sender: str) -> str:
    assert "nội dung phản ánh" in _text(_say(stack, sender, "tôi muốn gửi phản ánh"))
    consent = _say(stack, sender, "Hồ sơ cấp giấy phép bán lẻ rượu của tôi đã quá hẹn 10 ngày mà chưa có kết quả")
    assert "13/2023/NĐ-CP" in _text(consent)
    assert [b["payload"] for b in consent[-1]["buttons"]] == ["/affirm", "/deny"]
    assert "họ và tên" in _text(_say(stack, sender, "/affirm"))
    contact = _say(stack, sender, "Nguyễn Thị Mẫu")
    assert "số điện thoại" in _text(contact)
    assert any(m.get("custom") == {"ask": "contact"} for m in contact)  # Telegram shows a share-contact button
    summary = _say(stack, sender, "0912 345 678")
    text = _text(summary)
    assert "Nguyễn Thị Mẫu" in text and "0912345678" in text and "quá hẹn 10 ngày" in text
    return text


def _status(stack: Stack, code: str, sender: str) -> httpx.Response:
    return httpx.get(
        f"{stack.config.api_url}/bot/complaints/{code}",
        params={"sender": sender},
        headers=stack.bot_headers,
        timeout=10,
    )


def test_happy_path_stores_before_confirming_and_status_by_code(stack):
    sender = f"pakn-{uuid.uuid4().hex[:8]}"
    _fill_until_summary(stack, sender)
    done = _text(_say(stack, sender, "/affirm"))
    code = CODE.search(done).group(0)
    stored = _status(stack, code, sender)
    assert stored.status_code == 200 and stored.json()["status"] == "received"
    asked = _text(_say(stack, sender, f"phản ánh {code.lower().replace('-', ' ')} xử lý chưa"))
    assert code in asked
    assert _tracker(stack, sender)["slots"]["complaint_content"] is None  # the draft is cleared


def test_a_field_can_be_corrected_before_sending(stack):
    sender = f"pakn-{uuid.uuid4().hex[:8]}"
    _fill_until_summary(stack, sender)
    again = _text(_say(stack, sender, '/correct_complaint{"complaint_field":"complaint_contact"}'))
    assert "số điện thoại" in again
    summary = _text(_say(stack, sender, "0987654321"))
    assert "0987654321" in summary and "0912345678" not in summary
    assert CODE.search(_text(_say(stack, sender, "/affirm")))


def test_invalid_phone_is_asked_again_with_a_hint(stack):
    sender = f"pakn-{uuid.uuid4().hex[:8]}"
    _say(stack, sender, "tôi muốn gửi phản ánh")
    _say(stack, sender, "Cán bộ tiếp nhận hướng dẫn không rõ ràng, tôi phải đi lại ba lần")
    _say(stack, sender, "/affirm")
    _say(stack, sender, "Trần Văn Mẫu")
    retry = _text(_say(stack, sender, "12345"))
    assert "số điện thoại" in retry.lower() or "email" in retry.lower()
    assert _tracker(stack, sender)["slots"]["complaint_contact"] is None


def test_cancel_and_refused_consent_store_nothing(stack):
    sender = f"pakn-{uuid.uuid4().hex[:8]}"
    _say(stack, sender, "tôi muốn gửi phản ánh")
    _say(stack, sender, "Thủ tục cấp giấy phép quá nhiều giấy tờ, đề nghị đơn giản hóa")
    assert "không được lưu" in _text(_say(stack, sender, "hủy"))
    other = f"pakn-{uuid.uuid4().hex[:8]}"
    _say(stack, other, "tôi muốn gửi phản ánh")
    _say(stack, other, "Thủ tục cấp giấy phép quá nhiều giấy tờ, đề nghị đơn giản hóa")
    assert "chưa ghi nhận" in _text(_say(stack, other, "/deny"))
    for who in (sender, other):
        slots = _tracker(stack, who)["slots"]
        assert slots["last_complaint_code"] is None and slots["complaint_content"] is None


def test_duplicate_delivery_of_the_confirmation_creates_one_record(stack):
    sender = f"dup{uuid.uuid4().hex[:8]}"
    hub = f"{stack.config.api_url}/chat/messages"
    steps = [
        "tôi muốn gửi phản ánh",
        "Cửa hàng xăng dầu gần nhà bán thiếu lít, đề nghị Sở kiểm tra",
        "/affirm",
        "Lê Văn Mẫu",
        "mau.le@example.com",
    ]
    for i, text in enumerate(steps):
        httpx.post(hub, json={"channel": "web", "sender": sender, "text": text, "message_id": str(i)}, timeout=30)
    confirm = {"channel": "web", "sender": sender, "text": "/affirm", "message_id": "confirm"}
    first = httpx.post(hub, json=confirm, timeout=30).json()
    second = httpx.post(hub, json=confirm, timeout=30).json()
    assert second["status"] == "duplicate" and second["messages"] == first["messages"]
    code = CODE.search(first["messages"][0]["text"]).group(0)
    events = _tracker(stack, f"web-{sender}")["events"]
    assert sum(1 for e in events if e["event"] == "action" and e["name"] == "action_submit_complaint") == 1
    assert _status(stack, code, f"web-{sender}").status_code == 200


def _kill_backend(stack: Stack) -> None:
    for name, proc in list(stack.procs):
        if name == "backend":
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            stack.procs.remove((name, proc))


def test_backend_killed_at_confirmation_never_says_recorded(stack):
    sender = f"pakn-{uuid.uuid4().hex[:8]}"
    _fill_until_summary(stack, sender)
    _kill_backend(stack)
    try:
        reply = _text(_say(stack, sender, "/affirm"))
        assert not CODE.search(reply)
        assert "chưa ghi nhận" in reply and "Xác nhận gửi" in reply
    finally:
        stack.start_backend()
    done = _text(_say(stack, sender, "/affirm"))  # the kept draft, same idempotency key
    assert CODE.search(done), done
    code = CODE.search(done).group(0)
    assert _status(stack, code, sender).status_code == 200


def test_a_detailed_opening_message_is_kept_as_the_content(stack):
    sender = f"pakn-{uuid.uuid4().hex[:8]}"
    opening = "tôi muốn phản ánh việc cán bộ một cửa hẹn tôi đến ba lần mà hồ sơ vẫn chưa được tiếp nhận"
    first = _text(_say(stack, sender, opening))
    assert "13/2023/NĐ-CP" in first and "quá ngắn" not in first
    assert _tracker(stack, sender)["slots"]["complaint_content"] == opening


def test_details_typed_before_they_are_asked_are_kept_and_filed(stack):
    """A citizen answers in their own order: yes, name, phone, then the complaint; nothing is lost or misread
    (the phone is no dossier code, the name no complaint) and the complaint is stored once confirmed."""
    sender = f"pakn-{uuid.uuid4().hex[:8]}"
    _say(stack, sender, "tôi muốn phản ánh")
    assert "quá ngắn" not in _text(_say(stack, sender, "đồng ý"))
    assert "họ tên" in _text(_say(stack, sender, "Nguyễn Thị Mẫu"))
    phone = _text(_say(stack, sender, "0912 345 678"))
    assert "chưa nhận ra mã hồ sơ" not in phone and "số điện thoại" in phone  # not read as a dossier code
    consent = _say(stack, sender, "cây xăng trên đường Lạch Tray bơm thiếu, đổ 100 nghìn mà đồng hồ chỉ được 90")
    assert "13/2023/NĐ-CP" in _text(consent)
    summary = _text(_say(stack, sender, "ok đồng ý"))
    assert "Nguyễn Thị Mẫu" in summary and "0912345678" in summary and "Lạch Tray" in summary
    code = CODE.search(_text(_say(stack, sender, "ok gửi đi"))).group(0)
    assert _status(stack, code, sender).json()["status"] == "received"
