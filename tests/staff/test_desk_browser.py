"""Real Chromium (Debian's, through Playwright) on the complaints desk, the copilot's dossier box and hotline
complaint form, and the report page; uvicorn in-process on a free port, temp SQLite, no Rasa needed.
Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from bot.complaints.models import ComplaintRow
from bot.complaints.service import NewComplaint, answer_complaint, create_complaint, set_status
from bot.db.base import session_factory
from bot.dossiers.samples import build_samples, load_samples
from bot.identifiers import COMPLAINT_CODE
from tests.dossiers.conftest import phone_of
from tests.servers import ThreadedServer
from tests.staff.conftest import make_staff_env
from tests.staff.test_browser import login, shot

DEMO = [  # channel, content, name, contact, procedure, dossier, day of November 2026, what happens next
    (
        "web",
        "Hồ sơ cấp Giấy phép bán lẻ rượu tôi nộp trực tuyến ngày 03/11 đã quá hạn trả kết quả nhưng chưa "
        "nhận được thông báo nào. Đề nghị Sở kiểm tra.",
        "Nguyễn Văn An",
        "0912345678",
        "2.000620",
        None,
        24,
        None,
    ),
    (
        "zalo",
        "Cán bộ Bộ phận một cửa yêu cầu bổ sung giấy tờ không có trong danh mục hồ sơ của thủ tục cấp "
        "Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai.",
        "Trần Thị Bích",
        "0987654321",
        None,
        None,
        23,
        "processing",
    ),
    (
        "telegram",
        "Đề nghị Sở hướng dẫn rõ mức phí thẩm định khi cấp lại giấy phép bán lẻ rượu do bị mất.",
        "Lê Minh Châu",
        "chau.le@example.vn",
        "2.000620",
        None,
        21,
        "answered",
    ),
    (
        "hotline",
        "Người gọi phản ánh cổng dịch vụ công báo lỗi khi tải tệp đính kèm lớn hơn 5 MB.",
        "Phạm Quốc Dũng",
        "0903123456",
        None,
        None,
        20,
        None,
    ),
    (
        "web",
        "Cảm ơn Sở đã giải quyết hồ sơ nhanh, đề nghị bổ sung hướng dẫn nộp phí trực tuyến.",
        "Hoàng Thu Hà",
        "0977111222",
        None,
        None,
        18,
        "closed",
    ),
]


@dataclass
class Desk:
    base_url: str
    db_url: str
    first_code: str
    overdue_dossier: str


def _seed(db_url: str, catalog) -> tuple[str, str]:
    sessions = session_factory(db_url)
    codes = []
    with sessions() as db:
        load_samples(db, catalog)
        for i, (channel, content, name, contact, proc, dossier, day, then) in enumerate(DEMO):
            when = dt.datetime(2026, 11, day, 2 + i, 15, tzinfo=dt.timezone.utc)
            row, _ = create_complaint(
                db,
                NewComplaint(
                    idempotency_key=f"demo-{i}-{day}",
                    sender=f"{channel}-demo-{i}",
                    channel=channel,
                    content=content,
                    name=name,
                    contact=contact,
                    contact_kind="email" if "@" in contact else "phone",
                    consent=True,
                    procedure_code=proc,
                    dossier_code=dossier,
                ),
                now=when,
            )
            codes.append(row.code)
            later = when + dt.timedelta(hours=20)
            if then == "processing":
                set_status(db, row.code, "processing", "staff1", "chuyển phòng Quản lý thương mại", now=later)
            elif then in ("answered", "closed"):
                answer_complaint(db, row.code, "Sở đã tiếp thu và trả lời anh/chị qua email.", "staff1", now=later)
                if then == "closed":
                    set_status(db, row.code, "closed", "staff1", now=later + dt.timedelta(hours=2))
    overdue = next(s.code for s in build_samples(catalog) if s.role == "overdue")
    return codes[0], overdue


@pytest.fixture(scope="module")
def desk(tmp_path_factory, catalog) -> Iterator[Desk]:
    env = make_staff_env(tmp_path_factory.mktemp("desk-browser"), catalog)
    first, overdue = _seed(env.url, catalog)
    server = ThreadedServer(env.app).start()
    yield Desk(server.url, env.url, first, overdue)
    server.stop()


@pytest.fixture
def page(browser, desk) -> Iterator[Page]:
    context = browser.new_context(base_url=desk.base_url, viewport={"width": 1440, "height": 900}, locale="vi-VN")
    yield context.new_page()
    context.close()


def test_staff_answers_a_complaint_and_sees_status_and_audit_entry(page, desk):
    login(page, "staff1")
    page.click("nav >> text=Phản ánh, kiến nghị")
    expect(page).to_have_url(re.compile(r"/staff/complaints$"))
    expect(page.locator("table.complaints tbody tr")).to_have_count(len(DEMO))
    expect(page.locator(".tabs")).to_contain_text("Đã tiếp nhận 2")
    shot(page, "10-complaints-list")

    page.fill("input[name=q]", desk.first_code.lower())
    page.click("form.filters button")
    expect(page.locator("table.complaints tbody tr")).to_have_count(1)
    page.click(f"text={desk.first_code}")
    expect(page.locator("#pk-status")).to_have_text("Đã tiếp nhận")
    page.fill(
        "textarea[name=answer]",
        "Sở đã kiểm tra: hồ sơ của anh/chị được trả kết quả ngày 27/11/2026 tại "
        "Bộ phận một cửa. Sở thành thật xin lỗi vì sự chậm trễ.",
    )
    page.click("#pk-answer-form button[type=submit]")
    expect(page.locator(".alert.ok")).to_contain_text("Đã lưu câu trả lời")
    expect(page.locator("#pk-status")).to_have_text(re.compile("đã trả lời", re.IGNORECASE))
    expect(page.locator("#pk-audit .hist").first).to_contain_text("Trả lời phản ánh")
    expect(page.locator("#pk-audit .hist").first).to_contain_text("staff1")
    expect(page.locator(".timeline li").first).to_contain_text("Đã trả lời")
    shot(page, "11-complaint-detail", full=True)


def test_copilot_dossier_box_and_hotline_complaint(page, desk):
    login(page, "staff1")
    expect(page).to_have_url(re.compile(r"/staff/copilot$"))
    page.fill("#dl-code", desk.overdue_dossier.lower().replace("-", " "))
    page.fill("#dl-last4", phone_of(desk.db_url, desk.overdue_dossier)[-4:])
    page.click("#dl-form button[type=submit]")
    expect(page.locator("#dl-status")).to_have_text("Đã tìm thấy")
    expect(page.locator("#dl-result")).to_contain_text("Quá hạn")
    expect(page.locator("#dl-result")).to_contain_text("Đã xác minh")
    expect(page.locator("#dl-text")).to_contain_text("MẪU")
    expect(page.locator("#dl-text")).to_contain_text("Quá trình xử lý")
    shot(page, "12-copilot-dossier-box", full=True)

    with page.context.expect_page() as popup:
        page.click("#dl-result button")
    form = popup.value
    form.wait_for_load_state()
    expect(form.locator("input[name=dossier_code]")).to_have_value(desk.overdue_dossier)
    form.fill("input[name=name]", "Đỗ Thị Gọi")
    form.fill("input[name=contact]", "0904 555 666")
    form.click("button.primary[type=submit]")
    expect(form.locator("fieldset.consent .ferr")).to_contain_text("Chưa đánh dấu sự đồng ý")
    shot(form, "13-hotline-complaint-form", full=True)
    form.check("input[name=consent]")
    form.click("button.primary[type=submit]")
    code = form.locator("#cf-code").inner_text()
    assert re.fullmatch(COMPLAINT_CODE, code)
    with session_factory(desk.db_url)() as db:
        row = db.scalar(select(ComplaintRow).where(ComplaintRow.code == code))
    assert (row.channel, row.sender, row.dossier_code) == ("hotline", "hotline:staff1", desk.overdue_dossier)


def test_report_page_with_month_picker_and_downloads(page, desk):
    login(page, "staff1")
    page.goto("/staff/reports?month=2026-10")
    expect(page.locator("table.report")).to_contain_text("Tổng số hồ sơ tiếp nhận")
    expect(page.locator("table.report tr.lvl0").first).to_contain_text("331")
    expect(page.locator(".card.chart svg")).to_be_visible()
    expect(page.locator("#kpi-received_total .v")).to_have_text("331")
    shot(page, "14-report", full=True)
    page.click("#rp-month a[title='Tháng sau']")
    expect(page).to_have_url(re.compile(r"month=2026-11"))
    csv_link = page.locator("#rp-csv").get_attribute("href")
    download = page.request.get(csv_link)
    assert download.status == 200 and download.headers["content-type"].startswith("text/csv")
    assert "Tổng số hồ sơ tiếp nhận" in download.text()
    page.goto("/staff/reports?month=2026-13")
    expect(page.locator(".alert.error")).to_contain_text("Tháng không hợp lệ")
