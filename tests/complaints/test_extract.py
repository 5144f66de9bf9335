"""Details given before the form asks for them, and the short consent question of the chat."""

from __future__ import annotations

import pytest

from bot.complaints.consent import CHAT_MAX_CHARS, chat_consent_text
from bot.complaints.extract import extract_details


@pytest.mark.parametrize(
    ("text", "name", "contact"),
    [
        ("tôi là Nguyễn Văn An, sđt 0912 345 678, phản ánh việc cán bộ gây khó dễ", "Nguyễn Văn An", "0912345678"),
        ("Họ tên: Trần Thị Bích, email bich.tran@gmail.com", "Trần Thị Bích", "bich.tran@gmail.com"),
        ("tui là Lê Văn Tám nè, số đt 0987.654.321", "Lê Văn Tám", "0987654321"),
        ("em muốn phản ánh cửa hàng xăng bán thiếu 2 lít", None, None),
        ("hồ sơ 000.00.18.H12-251103-0147 trễ hạn 10 ngày", None, None),  # a dossier code is no phone
    ],
)
def test_only_unmistakable_details_are_taken(text, name, contact):
    found = extract_details(text)
    assert (found.name, found.contact) == (name, contact)


@pytest.mark.parametrize(
    ("text", "name", "contact"),
    [
        ("Nguyễn Thị Hoa", "Nguyễn Thị Hoa", None),
        ("tran duc anh", "tran duc anh", None),
        ("Phạm Quang Huy, sdt 0904 112 233", "Phạm Quang Huy", "0904112233"),
        ("0983 456 721", None, "0983456721"),
    ],
)
def test_a_message_of_only_a_name_or_contact_is_that_and_no_content(text, name, contact):
    found = extract_details(text)
    assert (found.name, found.contact, found.only_details) == (name, contact, True)


@pytest.mark.parametrize(
    "text",
    ["đồng ý", "ok gửi đi", "Mai tôi nộp hồ sơ ở đâu", "Lê Chân có cửa hàng bán rượu giả", "Hoàng hôn ở biển?"],
)
def test_a_sentence_or_a_yes_is_no_name(text):
    found = extract_details(text)
    assert found.name is None and not found.only_details


def test_the_chat_asks_consent_in_a_few_lines_linking_the_full_notice():
    text = chat_consent_text("Sở Công Thương thành phố Hải Phòng", "http://127.0.0.1:8000/chinh-sach-du-lieu")
    assert len(text) <= CHAT_MAX_CHARS
    assert "13/2023/NĐ-CP" in text and "/chinh-sach-du-lieu" in text and text.endswith("?")


def test_consent_endpoint_and_full_notice_page(client):
    body = client.get("/bot/complaints/consent-text").json()
    assert len(body["short_text"]) <= CHAT_MAX_CHARS and len(body["reminder"]) <= CHAT_MAX_CHARS
    page = client.get("/chinh-sach-du-lieu")
    assert page.status_code == 200 and body["version"] in page.text and "Quyền của anh/chị" in page.text
    found = client.post("/bot/complaints/extract", json={"text": "tôi là Nguyễn Văn An, sđt 0912345678"}).json()
    assert found == {"name": "Nguyễn Văn An", "contact": "0912345678", "only_details": True}
