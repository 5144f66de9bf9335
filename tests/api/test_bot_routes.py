def test_answer_endpoint_documents_and_follow_up(client):
    first = client.post("/bot/answer", json={"text": "xin gp ban le ruou can hs j", "intent": "ask_documents"}).json()
    assert first["status"] == "answered"
    assert first["procedure_code"] == "2.000620"
    assert "Tra cứu:" in first["text"] and "Nguồn:" not in first["text"]
    follow = client.post(
        "/bot/answer", json={"text": "còn lệ phí thì sao", "intent": "ask_fee", "current_code": "2.000620"}
    ).json()
    assert follow["procedure_code"] == "2.000620" and "💰" in follow["text"]


def test_answer_endpoint_choice_and_validation(client):
    body = client.post("/bot/answer", json={"text": "giấy phép thuốc lá", "intent": "ask_fee"}).json()
    assert body["status"] == "choose" and len(body["buttons"]) >= 2
    chosen = client.post(
        "/bot/answer",
        json={"text": "", "intent": "ask_fee", "chosen_code": body["buttons"][0]["payload"][27:35]},
    ).json()
    assert chosen["status"] == "answered"
    assert client.post("/bot/answer", json={"text": "x", "current_code": "DROP TABLE"}).status_code == 422
    assert client.post("/bot/answer", json={"text": "x" * 6000}).status_code == 422
    assert (
        client.post("/bot/answer", content=b"\xff\xfe", headers={"content-type": "application/json"}).status_code == 422
    )


def test_fallback_and_out_of_scope_endpoints(client):
    assert client.get("/bot/fallback", params={"failures": 0}).json()["failures"] == 1
    assert client.get("/bot/fallback", params={"failures": 1}).json()["buttons"]
    assert "Công an" in client.get("/bot/out-of-scope", params={"q": "làm căn cước"}).json()["text"]


def test_catalogue_edit_reaches_the_next_answer_without_retraining(client, db_url, catalog):
    from bot.db.base import session_factory
    from bot.db.loader import load_procedures

    original = next(p for p in catalog if p.code == "2.000620")
    edited = original.model_copy(
        update={"fees": original.fees.model_copy(update={"status": "none", "items": [], "note": "thử nghiệm"})}
    )
    payload = {"text": "lệ phí giấy phép bán lẻ rượu", "intent": "ask_fee"}
    assert "1.200.000" in client.post("/bot/answer", json=payload).json()["text"]
    with session_factory(db_url)() as session:
        load_procedures(session, [edited])
    try:
        assert "không thu phí" in client.post("/bot/answer", json=payload).json()["text"]
    finally:
        with session_factory(db_url)() as session:
            load_procedures(session, [original])
    assert "1.200.000" in client.post("/bot/answer", json=payload).json()["text"]


def test_answer_endpoint_remembers_what_is_not_held(client):
    first = client.post("/bot/answer", json={"text": "giấy phép kinh doanh karaoke cần gì", "intent": "ask_documents"})
    body = first.json()
    assert body["status"] == "not_in_catalogue" and "karaoke" in body["absent_phrase"]
    follow = client.post(
        "/bot/answer",
        json={"text": "vậy nộp ở đâu", "intent": "ask_where_submit", "absent_phrase": body["absent_phrase"]},
    ).json()
    assert follow["status"] == "not_in_catalogue" and follow["procedure_code"] is None
    assert client.post("/bot/answer", json={"text": "x", "absent_phrase": "y" * 400}).status_code == 422
