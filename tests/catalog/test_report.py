"""The coverage report of `make validate`."""

from __future__ import annotations

from bot.catalog.report import build_report, first_issue_missing, foreign_local_facts, render
from tests.answers.test_compose import _proc


def test_a_reissue_needs_its_first_issue_or_a_note():
    first = _proc(code="9.000001", name="Cấp Giấy phép bán lẻ rượu")
    again = _proc(code="9.000002", name="Cấp lại Giấy phép bán lẻ rượu")
    orphan = _proc(code="9.000003", name="Cấp lại Giấy phép bán buôn thuốc lá")
    noted = _proc(
        code="9.000004",
        name="Cấp sửa đổi, bổ sung Giấy phép sản xuất thuốc lá",
        first_issue_note="Cấp mới do Bộ Công Thương thực hiện (Nghị định 67/2013/NĐ-CP Điều 23).",
    )
    assert first_issue_missing([first, again, orphan, noted]) == [("9.000003", orphan.name)]


def test_local_facts_of_another_province_are_listed():
    page = {"title": "Trang tỉnh Đỏ", "accessed": "2026-12-01", "covers": ["online_level"], "province": "Đỏ"}
    foreign = _proc(code="9.000005", other_sources=[page])
    ours = _proc(code="9.000006", other_sources=[{**page, "province": "Hải Phòng"}])
    assert foreign_local_facts([foreign, ours], "thành phố Hải Phòng") == [("9.000005", "online_level: Đỏ")]


def test_report_counts_fields_and_levels():
    report = build_report([_proc(), _proc(code="9.000007", levels=["xã"])], "thành phố Hải Phòng", None)
    assert report.per_field_level[("Lưu thông hàng hóa trong nước", "xã")] == 1
    text = render(report, "thành phố Hải Phòng")
    assert "2 active procedures" in text and "Lưu thông hàng hóa trong nước — tỉnh" in text


def test_the_catalogue_covers_the_province_with_first_issues_and_documents(catalog):
    active = [p for p in catalog if p.status == "active"]
    assert len(active) >= 220
    assert sum(1 for p in active if p.documents) / len(active) >= 0.85
    assert first_issue_missing(active) == []
    assert all(level in ("tỉnh", "xã") for p in active for level in p.levels)  # no district since 1 July 2025
