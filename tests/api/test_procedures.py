import pytest

from bot.catalog.schema import FeeStatus, province_key


def test_health_and_openapi_docs(client):
    assert client.get("/health").json() == {"status": "ok"}
    spec = client.get("/openapi.json").json()
    assert "/procedures/resolve" in spec["paths"]
    assert client.get("/docs").status_code == 200


def test_list_and_filters(client, catalog):
    mine = province_key(client.app.state.settings.province_name)
    catalog = [
        p for p in catalog if p.status == "active" and (p.province is None or province_key(p.province) == mine)
    ]  # what the province offers today
    body = client.get("/procedures", params={"limit": 500}).json()
    assert body["total"] == len(catalog)
    gas = client.get("/procedures", params={"field": "Kinh doanh khí", "limit": 500}).json()
    assert gas["total"] == sum(1 for p in catalog if p.field == "Kinh doanh khí") > 0
    assert all(item["field"] == "Kinh doanh khí" for item in gas["items"])
    xa = client.get("/procedures", params={"level": "xã"}).json()
    assert all("xã" in item["levels"] for item in xa["items"])
    full = client.get("/procedures", params={"online_level": "toàn trình"}).json()
    assert full["total"] == sum(1 for p in catalog if p.online_level == "toàn trình")
    assert client.get("/procedures", params={"level": "quận"}).status_code == 422
    fields = client.get("/procedures/fields").json()
    assert sum(f["count"] for f in fields) == len(catalog)


def test_get_procedure_by_code(client, catalog):
    proc = next(p for p in catalog if p.documents and p.fees.status == FeeStatus.known.value)
    body = client.get(f"/procedures/{proc.code}").json()
    assert body["name"] == proc.name
    assert body["portal_url"].endswith(proc.code)
    assert body["documents"][0]["items"][0]["name"] == proc.documents[0].items[0].name
    assert body["fees"]["status"] == "known"
    assert body["source"]["accessed"]


def test_unknown_and_malformed_codes(client):
    missing = client.get("/procedures/9.999999")
    assert missing.status_code == 404
    assert "Không tìm thấy" in missing.json()["detail"]
    bad = client.get("/procedures/abc")
    assert bad.status_code == 422
    assert "không hợp lệ" in bad.json()["detail"]


def test_resolve_confident_and_ambiguous(client):
    body = client.get("/procedures/resolve", params={"q": "xin giay phep ban le ruou can giay to gi"}).json()
    assert body["confident"] is True
    assert body["best"]["code"] == "2.000620"
    assert body["candidates"][0]["score"] >= body["candidates"][-1]["score"]
    vague = client.get("/procedures/resolve", params={"q": "giấy phép thuốc lá"}).json()
    assert vague["confident"] is False
    assert len(vague["candidates"]) >= 2


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE procedures; --",
        "<script>alert(1)</script>",
        "\x00\x01\x02",
        "😀😀😀",
        "what is the weather today",
        "%%%%",
    ],
)
def test_resolve_odd_input_gives_a_clean_answer(client, query):
    res = client.get("/procedures/resolve", params={"q": query})
    assert res.status_code == 200
    body = res.json()
    assert body["confident"] is False or body["best"] is not None
    assert client.get("/procedures", params={"limit": 1}).json()["total"] > 0  # table still there


def test_resolve_rejects_empty_and_huge_queries(client):
    empty = client.get("/procedures/resolve", params={"q": ""})
    assert empty.status_code == 422
    assert "không hợp lệ" in empty.json()["detail"]
    huge = client.get("/procedures/resolve", params={"q": "rượu " * 2000})
    assert huge.status_code in (414, 422)
    assert "detail" in huge.json()


def test_invalid_utf8_query_is_not_a_server_error(client):
    res = client.get("/procedures/resolve?q=%ff%fe%fa")
    assert res.status_code in (200, 422)


def test_security_headers_and_body_limit(client):
    res = client.get("/health")
    assert res.headers["x-content-type-options"] == "nosniff"
    assert res.headers["x-frame-options"] == "DENY"
    big = client.post("/procedures", content=b"x" * (70 * 1024))
    assert big.status_code == 413
