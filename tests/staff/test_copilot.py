"""Copilot without Rasa: the resolver alone still finds the procedure, and the page is told NLU is missing."""

from __future__ import annotations


def test_copilot_falls_back_to_the_resolver_when_rasa_is_down(role_clients):
    op = role_clients["staff"]
    response = op.client.post(
        "/staff/api/copilot/analyze", headers={"X-CSRF-Token": op.csrf}, json={"text": "xin gp bán lẻ rượu cần hs j"}
    )
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
        assert response.json()["status"] in ("answered", "choose", "ask_procedure", "out_of_scope", "not_in_catalogue")
    too_long = op.client.post("/staff/api/copilot/analyze", headers=h, json={"text": "a" * 5001})
    assert too_long.status_code == 422


def _analyze(op, text: str) -> dict:
    response = op.client.post("/staff/api/copilot/analyze", headers={"X-CSRF-Token": op.csrf}, json={"text": text})
    assert response.status_code == 200, response.text
    return response.json()


def test_a_dossier_code_in_the_question_goes_to_the_dossier_box_not_to_a_procedure(role_clients):
    op = role_clients["staff"]
    for text, code in [
        ("hồ sơ mã 000.00.18.H12-250412-0007 đến đâu rồi", "000.00.18.H12-250412-0007"),
        ("hồ sơ mã H05.22-251103-0147 đến đâu rồi", "000.00.22.H05-251103-0147"),
        ("kiểm tra giúp hồ sơ 22.h05 251103 0147", "000.00.22.H05-251103-0147"),
    ]:
        body = _analyze(op, text)
        assert body["status"] == "dossier" and body["dossier_code"] == code, text
        assert body["procedure"] is None and body["related"] == []
        assert code in body["readout"] and "Hỏi người gọi mã hồ sơ" not in (body["suggested_answer"] or "")
    assert _analyze(op, "xin gp bán lẻ rượu cần hs j")["dossier_code"] is None


def test_every_answer_has_a_read_out_line_above_the_details(role_clients):
    op = role_clients["staff"]
    body = _analyze(op, "giấy phép bán lẻ rượu")
    said = body["readout"]
    assert said.startswith("Dạ, thủ tục «Cấp Giấy phép bán lẻ rượu»") and "8 ngày làm việc" in said
    assert "200.000 đồng" in said and "1.200.000 đồng" in said
    assert said.count(". ") <= 1 and len(said) < len(body["suggested_answer"])
    assert said not in body["suggested_answer"]  # a line of its own, not the first line of the details


def test_related_procedures_of_a_liquor_question_are_liquor_procedures_first(role_clients):
    op = role_clients["staff"]
    related = _analyze(op, "lệ phí giấy phép bán lẻ rượu bao nhiêu")["related"]
    names = [r["name"] for r in related]
    assert len(names) == 5 and all("rượu" in n for n in names), names
    assert all(r["topic"] for r in related)
