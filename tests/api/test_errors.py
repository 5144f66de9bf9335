"""Errors made by the framework itself answer in Vietnamese; the API's own errors pass through unchanged."""

from __future__ import annotations


def test_unreadable_body_is_explained_in_vietnamese(client):
    res = client.post("/bot/answer", content=b"\xff\xfe{not json", headers={"content-type": "application/json"})
    assert res.status_code == 400
    assert res.json()["detail"].startswith("Nội dung gửi lên không đọc được")


def test_unknown_address_and_wrong_method_say_where_to_look(client):
    missing = client.get("/khong-co")
    assert missing.status_code == 404 and "/docs" in missing.json()["detail"]
    wrong = client.delete("/procedures")
    assert wrong.status_code == 405 and "DELETE" in wrong.json()["detail"] and "/docs" in wrong.json()["detail"]
    assert wrong.headers["allow"]


def test_the_apis_own_errors_are_unchanged(client):
    res = client.get("/procedures/1.000000")
    assert res.status_code == 404
    assert res.json()["detail"] == "Không tìm thấy thủ tục mã 1.000000."
