"""The monthly reform report: it reproduces the seed's one-stop figures (seed 004, tháng 4/2025) from the
October 2026 sample dossiers, in every format, through the CLI and the API."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest

from bot.cli import report as report_command
from bot.complaints.service import NewComplaint, answer_complaint, create_complaint
from bot.db.base import session_factory
from bot.reports.complaints import ComplaintStoreFigures
from bot.reports.monthly import monthly_figures
from bot.reports.period import parse_month
from bot.reports.render import table_rows, to_csv, to_html, to_markdown
from tests.staff.conftest import bearer_headers, ensure_user

# The sentence of seed 004 (Sở Công Thương Bắc Giang, báo cáo CCHC tháng 4/2025) that the report mirrors.
SEED_004 = (
    "Tháng 4/2025¹, Sở Công Thương đã tiếp nhận tổng số: 331 hồ sơ, trong đó: kỳ trước chuyển sang là 6 hồ sơ, "
    "trong kỳ là 325 hồ sơ; đã trả kết quả 322 hồ sơ, trong đó hồ sơ giải quyết trước hạn là: 319; đúng hạn là 3 "
    "hồ sơ, quá hạn là 0 hồ sơ; hồ sơ đang giải quyết là 9 trong đó: chưa đến hạn là 9, quá hạn là 0 hồ sơ; hồ sơ "
    "yêu cầu bổ sung là 0 hồ sơ; hồ sơ trả lại cho tổ chức, cá nhân là 0 hồ sơ; hồ sơ liên thông là 0 hồ sơ, hồ sơ "
    "giải quyết dịch vụ công toàn trình và một phần là 325 hồ sơ (đạt tỷ lệ dịch vụ công trực tuyến là 100%)."
    " Kết quả tiếp nhận, xử lý phản ánh, kiến nghị của người dân, tổ chức liên quan đến quy định TTHC: 0 phản ánh"
)
SEED_FIELDS = {  # report row -> the seed's wording just before the figure
    "received_total": r"tiếp nhận tổng số: (\d+)",
    "carried_over": r"kỳ trước chuyển sang là (\d+)",
    "new_total": r"trong kỳ là (\d+)",
    "resolved_total": r"đã trả kết quả (\d+)",
    "resolved_early": r"trước hạn là: (\d+)",
    "resolved_on_time": r"đúng hạn là (\d+)",
    "resolved_late": r"đúng hạn là \d+ hồ sơ, quá hạn là (\d+)",
    "in_progress_total": r"đang giải quyết là (\d+)",
    "in_progress_within_time": r"chưa đến hạn là (\d+)",
    "in_progress_overdue": r"chưa đến hạn là \d+, quá hạn là (\d+)",
    "waiting_for_citizen": r"yêu cầu bổ sung là (\d+)",
    "returned_or_withdrawn": r"trả lại cho tổ chức, cá nhân là (\d+)",
    "new_online": r"toàn trình và một phần là (\d+)",
    "online_share": r"trực tuyến là (\d+)%",
    "complaints_received": r"TTHC: (\d+) phản ánh",
}


def seed_figures() -> dict[str, float]:
    out = {}
    for key, pattern in SEED_FIELDS.items():
        match = re.search(pattern, SEED_004)
        assert match, key
        out[key] = int(match.group(1)) / (100 if key == "online_share" else 1)
    return out


@pytest.fixture(scope="module")
def october(sample_db):
    with session_factory(sample_db)() as session:
        return monthly_figures(session, parse_month("2026-10"))


def test_october_samples_reproduce_the_seed_table(october):
    rows = {r.key: r.value for r in table_rows(october)}
    seed = seed_figures()
    for key, value in seed.items():
        if key == "complaints_received":
            continue  # comes from the complaint module: "not available" here, never a made-up zero
        assert rows[key] == pytest.approx(value), key
    assert rows["complaints_received"] is None and rows["complaints_answered"] is None
    assert october.samples == 331


def test_figures_add_up(sample_db):
    with session_factory(sample_db)() as session:
        for month in ("2026-02", "2026-03", "2026-10", "2026-11"):
            f = monthly_figures(session, parse_month(month))
            assert f.received_total == f.resolved_total + f.returned_or_withdrawn + f.in_progress_total, month
    with session_factory(sample_db)() as session:
        november = monthly_figures(session, parse_month("2026-11"))
    assert november.carried_over == 9  # October's 9 in progress
    assert november.resolved_late >= 2 and november.in_progress_overdue >= 2
    assert november.new_direct > 0 and november.new_postal > 0 and november.returned_or_withdrawn == 3
    assert november.waiting_for_citizen == 2


def test_formats_say_complaints_are_not_available(october):
    md = to_markdown(october)
    assert "| 1 | Tổng số hồ sơ tiếp nhận | 331 |" in md
    assert "| 2.1 | Trước hạn | 319 | 99,1% |" in md
    assert "| 6 | Phản ánh, kiến nghị về TTHC đã tiếp nhận | chưa có số liệu |" in md
    assert "331 hồ sơ MẪU" in md
    rows = list(csv.reader(io.StringIO(to_csv(october))))
    assert rows[0] == ["ma", "STT", "Chỉ tiêu", "Số lượng", "Tỷ lệ"]
    by_key = {r[0]: r for r in rows[1:]}
    assert by_key["resolved_total"][3] == "322" and by_key["complaints_received"][3] == ""
    html = to_html(october)
    assert html.startswith("<!doctype html>") and "<svg" in html and "Trước hạn: 319" in html
    assert "<script" not in html and "http" not in html.replace("http://www.w3.org/2000/svg", "")


def _complaint(session, key: str, when: dt.datetime) -> str:
    data = NewComplaint(
        idempotency_key=key,
        sender="report-test",
        channel="web",
        content="Hồ sơ MẪU chậm trả kết quả, đề nghị Sở kiểm tra.",
        name="Nguyễn Văn Mẫu",
        contact="0912345678",
        contact_kind="phone",
        consent=True,
    )
    row, _created = create_complaint(session, data, now=when)
    return row.code


def test_complaint_figures_come_from_the_complaint_store(sample_db):
    sessions = session_factory(sample_db)
    when = dt.datetime(2026, 10, 20, 3, 0, tzinfo=dt.UTC)
    with sessions() as session:
        codes = [_complaint(session, f"report-{i}", when) for i in range(3)]
        answer_complaint(session, codes[0], "Sở đã kiểm tra và trả lời.", "staff-test", now=when)
    f = monthly_figures(sessions(), parse_month("2026-10"), ComplaintStoreFigures(sessions))
    rows = {r.key: r for r in table_rows(f)}
    assert rows["complaints_received"].value == 3 and rows["complaints_answered"].value == 1
    assert "chưa có số liệu" not in to_markdown(f)
    september = monthly_figures(sessions(), parse_month("2026-09"), ComplaintStoreFigures(sessions))
    assert {r.key: r for r in table_rows(september)}["complaints_received"].value == 0


def test_periods():
    p = parse_month("2026-10")
    assert (p.first_day, p.last_day) == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    p = parse_month("2025-04", start_day=15)  # as seed 004 counts: 15/3 to 14/4
    assert (p.first_day, p.last_day, p.label) == (dt.date(2025, 3, 15), dt.date(2025, 4, 14), "4/2025")
    assert parse_month("2026-01", 15).first_day == dt.date(2025, 12, 15)
    assert parse_month("2026-12").last_day == dt.date(2026, 12, 31)
    for bad in ("2026-13", "2026-1", "", "tháng 10", "1999-01"):
        with pytest.raises(ValueError, match="không hợp lệ"):
            parse_month(bad)


def test_report_command_prints_the_month(sample_db, capsys):
    assert report_command(sample_db, "2026-10", "md", 1) == 0
    out = capsys.readouterr().out
    assert "tháng 10/2026" in out and "| 2 | Đã giải quyết, trả kết quả | 322 |" in out
    assert report_command(sample_db, "2026-99", "md", 1) == 2
    assert "không hợp lệ" in capsys.readouterr().err


@pytest.fixture(scope="module")
def staff_auth(client, sample_db) -> dict[str, str]:
    """The report is staff-only: a staff account's bearer token."""
    return bearer_headers(client, ensure_user(sample_db, "report-staff", "staff"))


def test_report_needs_a_staff_account(client, sample_db):
    anonymous = client.get("/reports/monthly", params={"month": "2026-10"})
    assert anonymous.status_code == 401 and "đăng nhập" in anonymous.json()["detail"]
    editor = bearer_headers(client, ensure_user(sample_db, "report-editor", "editor"))
    assert client.get("/reports/monthly", params={"month": "2026-10"}, headers=editor).status_code == 403


def test_report_endpoint(client, sample_db, staff_auth):
    client = AuthClient(client, staff_auth)
    body = client.get("/reports/monthly", params={"month": "2026-10"}).json()
    rows = {r["key"]: r["value"] for r in body["rows"]}
    assert rows["received_total"] == 331 and rows["online_share"] == 1.0
    assert isinstance(rows["complaints_received"], int)  # wired to the complaint store
    assert body["complaints_available"] is True and body["columns"] == ["STT", "Chỉ tiêu", "Số lượng", "Tỷ lệ"]
    csv_resp = client.get("/reports/monthly", params={"month": "2026-10", "format": "csv"})
    assert (
        csv_resp.headers["content-type"].startswith("text/csv")
        and "bao-cao-cchc-2026-10.csv" in csv_resp.headers["content-disposition"]
    )
    html = client.get("/reports/monthly", params={"month": "2026-10", "format": "html"})
    assert html.headers["content-type"].startswith("text/html") and "<svg" in html.text
    assert "| 3 | Đang giải quyết | 9 |" in client.get("/reports/monthly?month=2026-10&format=md").text
    bad = client.get("/reports/monthly", params={"month": "10/2026"})
    assert bad.status_code == 422 and "không hợp lệ" in bad.json()["detail"]
    assert [e["field"] for e in bad.json()["errors"]] == ["query.month"]  # which parameter to fix
    assert client.get("/reports/monthly", params={"month": "2026-10", "format": "xml"}).status_code == 422
    assert client.get("/reports/monthly").status_code == 422


class AuthClient:
    """The session TestClient with a staff bearer token on every call (no cookie left behind)."""

    def __init__(self, client, headers: dict[str, str]) -> None:
        self.client, self.headers = client, headers

    def get(self, url: str, **kwargs):
        return self.client.get(url, headers=self.headers, **kwargs)
