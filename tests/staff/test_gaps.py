"""Questions about procedures the catalogue lacks: answered honestly, recorded masked, listed for staff."""

from __future__ import annotations

from fastapi.testclient import TestClient
from pydantic import SecretStr

from tests.conftest import TEST_BOT_KEY
from tests.staff.conftest import make_staff_env


def test_an_absent_procedure_is_answered_honestly_recorded_masked_and_listed(tmp_path, catalog):
    env = make_staff_env(tmp_path, catalog)
    env.settings.bot_api_key = SecretStr(TEST_BOT_KEY)
    bot = TestClient(env.app, headers={"X-SCT-Bot-Key": TEST_BOT_KEY})
    asked = "xin giấy phép kinh doanh dịch vụ karaoke, sđt tôi 0912345678"
    for _ in range(2):
        body = bot.post("/bot/answer", json={"text": asked, "intent": "ask_documents", "mention": asked}).json()
        assert body["status"] == "not_in_catalogue", body
        assert body["procedure_code"] is None
        assert "không có trong danh mục" in body["text"] and "dichvucong.gov.vn" in body["text"]
    from tests.staff.conftest import logged_in

    staff = logged_in(env.app, "staff")
    page = staff.client.get("/staff/gaps")
    assert page.status_code == 200
    assert "karaoke" in page.text and "0912345678" not in page.text
    row = page.text[page.text.index("karaoke") :]
    assert "<td>2</td>" in row[:400]


def test_a_procedure_we_hold_is_not_a_gap(tmp_path, catalog):
    env = make_staff_env(tmp_path, catalog)
    env.settings.bot_api_key = SecretStr(TEST_BOT_KEY)
    bot = TestClient(env.app, headers={"X-SCT-Bot-Key": TEST_BOT_KEY})
    body = bot.post(
        "/bot/answer", json={"text": "cấp giấy phép bán lẻ rượu cần giấy tờ gì", "intent": "ask_documents"}
    ).json()
    assert body["status"] == "answered" and body["procedure_code"] == "2.000620"
