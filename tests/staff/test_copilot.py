"""Copilot without Rasa: the resolver alone still finds the procedure, and the page is told NLU is missing."""

from __future__ import annotations


def test_copilot_falls_back_to_the_resolver_when_rasa_is_down(role_clients):
    op = role_clients["staff"]
    response = op.client.post("/staff/api/copilot/analyze", headers={"X-CSRF-Token": op.csrf},
                              json={"text": "xin gp bán lẻ rượu cần hs j"})
    assert response.status_code == 200
    body = response.json()
    assert body["understanding"]["source"] == "resolver"
    assert "Rasa" in body["understanding"]["note"]
    assert body["procedure"]["code"] == "2.000620"
    assert body["procedure"]["portal_url"].endswith("2.000620")
    assert "Nguồn:" in body["suggested_answer"]
    assert all(r["code"] != "2.000620" for r in body["related"])


def test_copilot_rejects_empty_and_survives_hostile_input(role_clients):
    op = role_clients["staff"]
    h = {"X-CSRF-Token": op.csrf}
    empty = op.client.post("/staff/api/copilot/analyze", headers=h, json={"text": "   "})
    assert empty.status_code == 422 and "Vui lòng nhập" in empty.json()["detail"]
    for text in ["<script>alert(1)</script>", "\x00\x01\x02", "' OR 1=1 --", "ư" * 4999]:
        response = op.client.post("/staff/api/copilot/analyze", headers=h, json={"text": text})
        assert response.status_code == 200, text[:20]
        assert response.json()["status"] in ("answered", "choose", "ask_procedure", "out_of_scope")
    too_long = op.client.post("/staff/api/copilot/analyze", headers=h, json={"text": "a" * 5001})
    assert too_long.status_code == 422
