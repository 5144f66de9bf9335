"""Catalogue administration: edits through the form and the API reach the bot's answers, with audit, versions,
Vietnamese validation errors, stale-edit protection, retire/restore, export and import of the YAML files."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import yaml

from bot.staff.forms import state_from

CODE = "2.000620"  # Cấp Giấy phép bán lẻ rượu


def form_fields(state: dict, csrf: str, base_hash: str = "") -> list[tuple[str, str]]:
    """What the browser would post for this form state."""
    fields: list[tuple[str, str]] = [("csrf_token", csrf), ("base_hash", base_hash)]
    for key, value in state.items():
        if key in ("levels", "channels"):
            fields += [(key, v) for v in value]
        elif key == "pt":
            fields += [(f"pt_{k}", v) for k, v in value.items()]
        elif key == "src":
            fields += [(f"src_{k}", v) for k, v in value.items()]
        elif key in ("fees", "docs", "laws"):
            prefix = {"fees": "fee", "docs": "doc", "laws": "law"}[key]
            fields += [(f"{prefix}-{i}-{k}", v) for i, row in enumerate(value) for k, v in row.items()]
        else:
            fields.append((key, value))
    return fields


def post_form(client, url: str, fields: list[tuple[str, str]], **kwargs):
    return client.post(
        url, content=urlencode(fields), headers={"Content-Type": "application/x-www-form-urlencoded"}, **kwargs
    )


def current(client, code: str = CODE) -> tuple[dict, str]:
    body = client.get(f"/staff/api/procedures/{code}").json()
    return body["procedure"], body["content_hash"]


def bot_fee_answer(client, text: str = "bán lẻ rượu mất bao nhiêu tiền") -> str:
    return client.post("/bot/answer", json={"text": text, "intent": "ask_fee"}).json()["text"]


def test_form_edit_of_a_fee_reaches_the_bot_with_audit_and_versions(role_clients):
    ed = role_clients["editor"]
    data, digest = current(ed.client)
    assert "1.234.000 đồng" not in bot_fee_answer(ed.client)
    state = state_from(data)
    state["fees"] = [
        {
            "kind": "Phí thẩm định",
            "amount_vnd": "1.234.000",
            "per": "giấy phép",
            "text": "",
            "legal_basis": "Thông tư 168/2016/TT-BTC",
        }
    ]
    response = post_form(
        ed.client, f"/staff/catalog/{CODE}/edit", form_fields(state, ed.csrf, digest), follow_redirects=False
    )
    assert response.status_code == 303, response.text[:2000]
    assert "Phí thẩm định: 1.234.000 đồng" in bot_fee_answer(ed.client)  # same process, next request: no retraining

    audit = ed.client.get("/staff/api/audit", params={"target": CODE}).json()[0]
    assert audit["username"] == "editor1" and audit["action"] == "procedure.update"
    assert audit["before"]["fees"] == data["fees"] and audit["after"]["fees"]["items"][0]["amount_vnd"] == 1234000
    assert "phí, lệ phí" in audit["summary"]
    versions = ed.client.get(f"/staff/api/procedures/{CODE}/versions").json()
    assert [v["action"] for v in versions][:2] == ["procedure.update", "baseline"]
    first = ed.client.get(f"/staff/api/procedures/{CODE}/versions/{versions[-1]['version']}").json()
    assert first["procedure"]["fees"] == data["fees"]
    page = ed.client.get(f"/staff/catalog/{CODE}/versions").text
    assert "amount_vnd: 1234000" in page and "dadd" in page
    assert "Sửa thủ tục" in ed.client.get("/staff/audit").text

    restored = ed.client.put(
        f"/staff/api/procedures/{CODE}", json={"procedure": data}, headers={"X-CSRF-Token": ed.csrf}
    )
    assert restored.status_code == 200 and restored.json()["outcome"] == "updated"
    assert "1.234.000" not in bot_fee_answer(ed.client)


def test_form_errors_are_vietnamese_and_next_to_their_fields(role_clients):
    ed = role_clients["editor"]
    data, digest = current(ed.client)
    state = state_from(data)
    state["name"] = ""
    state["fee_status"] = "known"
    state["fees"] = [{"kind": "Lệ phí", "amount_vnd": "một triệu", "per": "", "text": "", "legal_basis": ""}]
    state["pt"]["working_days"] = "-3"
    state["last_reviewed"] = "hôm qua"
    response = post_form(ed.client, f"/staff/catalog/{CODE}/edit", form_fields(state, ed.csrf, digest))
    assert response.status_code == 422
    html = response.text
    assert "Chưa lưu" in html

    def error_after(field: str) -> str:
        pattern = rf'name="{re.escape(field)}"[^>]*>.*?<div class="ferr" role="alert">([^<]+)</div>'
        match = re.search(pattern, html, re.S)
        assert match, field
        return match.group(1)

    assert "Không được để trống" in error_after("name")
    assert "chữ số" in error_after("fee-0-amount_vnd")
    assert "lớn hơn 0" in error_after("pt_working_days")
    assert "Ngày không hợp lệ" in error_after("last_reviewed")
    assert current(ed.client)[1] == digest  # nothing saved


def test_fee_status_without_amounts_is_explained(role_clients):
    ed = role_clients["editor"]
    data, digest = current(ed.client)
    state = state_from(data)
    state["fees"] = []
    response = post_form(ed.client, f"/staff/catalog/{CODE}/edit", form_fields(state, ed.csrf, digest))
    assert response.status_code == 422
    assert "chưa nhập khoản phí nào" in response.text


def test_a_stale_edit_is_refused_instead_of_overwriting(role_clients):
    ed = role_clients["editor"]
    data, digest = current(ed.client, "2.000621")
    state = state_from(data)
    state["conditions"] = "Điều kiện thử nghiệm A"
    first = post_form(
        ed.client, "/staff/catalog/2.000621/edit", form_fields(state, ed.csrf, digest), follow_redirects=False
    )
    assert first.status_code == 303
    state["conditions"] = "Điều kiện thử nghiệm B"
    second = post_form(ed.client, "/staff/catalog/2.000621/edit", form_fields(state, ed.csrf, digest))
    assert second.status_code == 409 and "vừa được người khác sửa" in second.text
    assert current(ed.client, "2.000621")[0]["conditions"] == "Điều kiện thử nghiệm A"
    ed.client.put("/staff/api/procedures/2.000621", json={"procedure": data}, headers={"X-CSRF-Token": ed.csrf})


def test_retire_hides_a_procedure_from_the_bot_and_restore_brings_it_back(role_clients):
    ed = role_clients["editor"]
    code = "2.000150"
    assert ed.client.get(f"/procedures/{code}").status_code == 200
    assert (
        ed.client.post(
            f"/staff/catalog/{code}/retire", data={"csrf_token": ed.csrf}, follow_redirects=False
        ).status_code
        == 303
    )
    assert ed.client.get(f"/procedures/{code}").status_code == 404
    resolved = ed.client.get("/procedures/resolve", params={"q": "cấp lại giấy phép bán lẻ thuốc lá"}).json()
    assert code not in [c["code"] for c in resolved["candidates"]]
    listing = ed.client.get("/staff/catalog", params={"status": "retired"}).text
    assert code in listing
    assert (
        ed.client.post(
            f"/staff/catalog/{code}/restore", data={"csrf_token": ed.csrf}, follow_redirects=False
        ).status_code
        == 303
    )
    assert ed.client.get(f"/procedures/{code}").status_code == 200
    actions = [e["action"] for e in ed.client.get("/staff/api/audit", params={"target": code}).json()]
    assert actions[:2] == ["procedure.restore", "procedure.retire"]


def test_create_a_procedure_from_the_form_and_find_it_by_vietnamese_search(role_clients):
    ed = role_clients["editor"]
    data, _ = current(ed.client)
    state = state_from(
        {
            **data,
            "code": "9.000001",
            "name": "Cấp Giấy xác nhận thử nghiệm đèn lồng Hội An",
            "aliases": ["giấy đèn lồng"],
        }
    )
    response = post_form(ed.client, "/staff/catalog/new", form_fields(state, ed.csrf), follow_redirects=False)
    assert response.status_code == 303, response.text[:1000]
    again = post_form(ed.client, "/staff/catalog/new", form_fields(state, ed.csrf))
    assert again.status_code == 409 and "đã có trong danh mục" in again.text
    found = ed.client.get("/staff/catalog", params={"q": "giay xac nhan den long"}).text
    assert "9.000001" in found
    assert ed.client.get("/procedures/resolve", params={"q": "den long hoi an"}).json()["best"]["code"] == "9.000001"
    ed.client.post("/staff/catalog/9.000001/retire", data={"csrf_token": ed.csrf})


def test_api_validation_errors_are_vietnamese_with_their_location(role_clients):
    ed = role_clients["editor"]
    data, _ = current(ed.client)
    bad = {**data, "online_level": "đôi khi", "code": CODE}
    bad["fees"] = {"status": "known", "items": [{"kind": "Phí"}]}
    response = ed.client.put(
        f"/staff/api/procedures/{CODE}", json={"procedure": bad}, headers={"X-CSRF-Token": ed.csrf}
    )
    assert response.status_code == 422
    errors = {e["loc"]: e["message"] for e in response.json()["detail"]["errors"]}
    assert "danh sách" in errors["online_level"]
    assert "số tiền hoặc cách ghi" in errors["fees.items.0"]
    garbage = ed.client.put(
        f"/staff/api/procedures/{CODE}", json={"procedure": {"code": "\x00" * 10}}, headers={"X-CSRF-Token": ed.csrf}
    )
    assert garbage.status_code == 422


def test_export_writes_yaml_files_and_import_reads_them_back(staff_env, role_clients):
    ed = role_clients["editor"]
    h = {"X-CSRF-Token": ed.csrf}
    code = "2.000001"
    data, _ = current(ed.client, code)
    changed = {**data, "result": "Kết quả sau khi xuất tệp"}
    assert ed.client.put(f"/staff/api/procedures/{code}", json={"procedure": changed}, headers=h).status_code == 200
    exported = ed.client.post("/staff/api/catalog/export", headers=h).json()
    assert code in exported["written"]
    path = staff_env.catalog_dir / f"{code}.yaml"
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["result"] == "Kết quả sau khi xuất tệp"

    on_disk = yaml.safe_load(path.read_text(encoding="utf-8"))
    on_disk["result"] = "Kết quả sửa trong tệp"
    path.write_text(yaml.safe_dump(on_disk, allow_unicode=True, sort_keys=False), encoding="utf-8")
    imported = ed.client.post("/staff/api/catalog/import", headers=h).json()
    assert imported["updated"] == [code] and not imported["errors"]
    assert current(ed.client, code)[0]["result"] == "Kết quả sửa trong tệp"
    assert ed.client.get("/staff/api/audit", params={"target": code}).json()[0]["action"] == "procedure.import"

    broken = staff_env.catalog_dir / "2.000004.yaml"
    original = broken.read_text(encoding="utf-8")
    broken.write_text(original.replace("online_level:", "online_level: sometimes\nx_online_level:"), encoding="utf-8")
    refused = ed.client.post("/staff/api/catalog/import", headers=h)
    assert refused.status_code == 422 and any("2.000004.yaml" in e for e in refused.json()["errors"])
    broken.write_text(original, encoding="utf-8")
    ed.client.put(f"/staff/api/procedures/{code}", json={"procedure": data}, headers=h)


def test_form_keeps_supplementary_sources_and_checks_them(role_clients):
    ed = role_clients["editor"]
    data, digest = current(ed.client)
    state = state_from(data)
    state["other_sources"] = (
        "- title: Nghị định 105/2017/NĐ-CP\n  accessed: '2026-12-01'\n  covers: [documents]\n  locator: Điều 25\n"
    )
    response = post_form(
        ed.client, f"/staff/catalog/{CODE}/edit", form_fields(state, ed.csrf, digest), follow_redirects=False
    )
    assert response.status_code == 303, response.text[:2000]
    saved, digest = current(ed.client)
    assert saved["other_sources"][0]["covers"] == ["documents"]
    assert "Nghị định 105/2017/NĐ-CP" in state_from(saved)["other_sources"]  # shown again in the next form

    state = state_from(saved)
    state["other_sources"] = "- title: thiếu ngày truy cập\n  covers: [documents]\n"
    page = post_form(ed.client, f"/staff/catalog/{CODE}/edit", form_fields(state, ed.csrf, digest)).text
    assert 'name="other_sources" rows="6" class="mono bad"' in page  # refused, the field marked
    state["other_sources"] = "covers: [documents"
    page = post_form(ed.client, f"/staff/catalog/{CODE}/edit", form_fields(state, ed.csrf, digest)).text
    assert "không đúng định dạng YAML" in page
    restored = ed.client.put(
        f"/staff/api/procedures/{CODE}", json={"procedure": data}, headers={"X-CSRF-Token": ed.csrf}
    )
    assert restored.status_code == 200
