"""Real Chromium (Debian's, through Playwright) on staff pages that need no Rasa: the staff app served by uvicorn
on a free port with its own SQLite database (Rasa's URL points nowhere, so the copilot uses the resolver alone).
Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from bot.db.base import session_factory
from bot.dossiers.samples import build_samples, load_samples
from bot.settings import ROOT
from tests.servers import ThreadedServer
from tests.staff.conftest import PASSWORD, StaffEnv, make_staff_env

SHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def env(tmp_path_factory, catalog) -> StaffEnv:
    made = make_staff_env(tmp_path_factory.mktemp("pages"), catalog)
    with session_factory(made.url)() as db:
        load_samples(db, catalog)  # the sample dossiers, for the copilot's dossier box
    return made


@pytest.fixture(scope="module")
def base_url(env) -> Iterator[str]:
    server = ThreadedServer(env.app).start()
    yield server.url
    server.stop()


@pytest.fixture
def page(browser, base_url) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1440, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
    yield page
    context.close()


def shot(page: Page, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def login(page: Page, username: str, next_url: str = "") -> None:
    page.goto(f"/staff/login?next={next_url}" if next_url else "/staff/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator(".who")).to_be_visible()


def test_handoff_page_with_nobody_waiting_says_so_without_an_error(page):
    login(page, "staff1", "/staff/handoff")
    expect(page).to_have_url(re.compile(r"/staff/handoff$"))
    expect(page.locator("#ho-queue tbody td.empty")).to_have_text("Chưa có người dân nào đang chờ.")
    expect(page.locator("#ho-count")).to_have_text("(0 đang chờ)")
    page.wait_for_timeout(3500)  # one more poll of the queue: still no banner
    expect(page.locator("#ho-error")).to_be_hidden()
    expect(page.locator("#ho-queue tbody tr")).to_have_count(1)
    shot(page, "20-handoff-empty-queue")
    assert page.errors == []  # type: ignore[attr-defined]


LONG_TIME = "3.000620"  # its official processing-time wording is about 1,500 characters
UNLABELLED = """() => [...document.querySelectorAll('table.rows input, table.rows textarea, table.rows select')]
  .filter(e => !(e.getAttribute('aria-label') || '').trim() && !e.labels.length).map(e => e.name)"""


def test_editor_reads_long_notes_in_text_areas_and_every_table_control_has_a_name(page, env):
    login(page, "editor1", f"/staff/catalog/{LONG_TIME}/edit")
    expect(page).to_have_url(re.compile(rf"/staff/catalog/{LONG_TIME}/edit$"))
    for name in ("pt_text", "fee_note", "online_level_note", "agency", "src_title", "name"):
        assert page.locator(f"[name={name}]").evaluate("e => e.tagName") == "TEXTAREA", name
    wording = page.locator("[name=pt_text]")
    assert len(wording.input_value()) > 1400
    assert int(wording.get_attribute("rows")) >= 8
    controls = page.locator("table.rows input, table.rows textarea")
    assert controls.count() >= 15
    assert page.evaluate(UNLABELLED) == []
    page.get_by_role("textbox", name="Văn bản 1: Số hiệu").wait_for()
    page.click("button.add-row[data-for=fee]")
    rows = page.locator("table.rows[data-prefix=fee] tbody tr").count()
    expect(page.get_by_role("textbox", name=f"Khoản phí {rows}: Loại (phí / lệ phí)")).to_be_focused()
    expect(page.get_by_role("textbox", name=f"Khoản phí {rows}: Số tiền (đồng)")).to_be_visible()
    assert page.evaluate(UNLABELLED) == []
    shot(page, "21-editor-text-areas", full=True)

    page.fill("[name=fee_note]", "Dòng thứ nhất của ghi chú.\nDòng thứ hai của ghi chú.")
    page.click("button.primary[type=submit]")
    expect(page.locator(".alert.ok")).to_contain_text("Đã lưu")
    rc = page.context.request.get(f"/staff/api/procedures/{LONG_TIME}")
    assert rc.json()["procedure"]["fees"]["note"] == "Dòng thứ nhất của ghi chú.\nDòng thứ hai của ghi chú."
    assert page.errors == []  # type: ignore[attr-defined]


def test_versions_page_restores_an_earlier_version_with_an_audit_entry(page):
    code = "2.000001"
    login(page, "editor1", f"/staff/catalog/{code}")
    csrf = page.locator('meta[name="csrf-token"]').get_attribute("content")
    api = page.context.request
    original = api.get(f"/staff/api/procedures/{code}").json()["procedure"]
    edited = {**original, "result": "Kết quả đã sửa để thử khôi phục"}
    saved = api.put(f"/staff/api/procedures/{code}", data={"procedure": edited}, headers={"X-CSRF-Token": csrf})
    assert saved.ok, saved.text()
    versions = api.get(f"/staff/api/procedures/{code}/versions").json()
    first = min(v["version"] for v in versions)

    page.goto(f"/staff/catalog/{code}/versions?v={versions[0]['version']}")
    expect(page.locator(".tag.ok", has_text="Đang áp dụng")).to_be_visible()
    expect(page.locator("#restore-version")).to_have_count(0)
    page.goto(f"/staff/catalog/{code}/versions?v={first}")
    page.once("dialog", lambda d: d.accept())
    page.click("#restore-version")
    expect(page.locator(".alert.ok")).to_contain_text(f"Đã khôi phục nội dung bản v{first}")
    shot(page, "22-version-restored")
    assert api.get(f"/staff/api/procedures/{code}").json()["procedure"] == original
    entry = api.get("/staff/api/audit", params={"target": code}).json()[0]
    assert entry["action"] == "procedure.revert" and entry["username"] == "editor1"
    assert entry["before"]["result"] == "Kết quả đã sửa để thử khôi phục"
    assert entry["after"]["result"] == original["result"]
    page.goto("/staff/audit")
    expect(page.locator("table.audit tbody tr").first).to_contain_text("Khôi phục phiên bản")
    assert page.errors == []  # type: ignore[attr-defined]


NARROW = 360


def _box(page: Page, selector: str) -> dict:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_copilot_on_a_narrow_screen_keeps_the_question_box_clear(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": NARROW, "height": 780}, locale="vi-VN")
    page = context.new_page()
    try:
        login(page, "staff1", "/staff/copilot")
        page.fill("#cp-text", "xin giấy phép bán lẻ rượu cần giấy tờ gì")
        page.press("#cp-text", "Enter")
        expect(page.locator("#cp-card")).to_be_visible()
        form = _box(page, "#cp-form")
        assert form["width"] >= NARROW - 40
        for card in page.locator("aside.cp-right > .card:visible").all():
            box = card.bounding_box()
            assert box is not None and not _overlap(form, box)
            assert box["y"] >= form["y"] + form["height"]  # below the question box, not beside or over it
            assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW + 1
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW + 1
        shot(page, "23-copilot-360px", full=True)
    finally:
        context.close()


def test_copilot_opens_the_dossier_box_with_a_code_typed_in_the_question(page, catalog):
    code = next(s.code for s in build_samples(catalog) if s.role == "overdue")  # 000.00.18.H12-YYMMDD-NNNN
    agency, day, seq = code.split("-")
    short = f"{agency.split('.')[3]}.{agency.split('.')[2]}-{day}-{seq}"  # H12.18-YYMMDD-NNNN, as some receipts
    login(page, "staff1", "/staff/copilot")
    for typed in (f"hồ sơ mã {short} đến đâu rồi", f"cho hỏi hồ sơ {code.lower()} sao chưa có kết quả"):
        page.fill("#cp-text", typed)
        page.press("#cp-text", "Enter")
        expect(page.locator("#dl-code")).to_have_value(code)
        expect(page.locator("#dl-status")).to_have_text("Đã tìm thấy")
        expect(page.locator("#cp-readout")).to_contain_text(code)
        expect(page.locator("#cp-answer-text")).not_to_contain_text("Hỏi người gọi mã hồ sơ")
        expect(page.locator("#cp-card")).to_be_hidden()
        expect(page.locator("#cp-related")).to_be_hidden()  # no petrol procedures proposed for a dossier
        expect(page.locator("#dl-last4")).to_be_focused()
    shot(page, "24-copilot-dossier-code-in-question", full=True)
    assert page.errors == []  # type: ignore[attr-defined]


def _citizen_widget(browser, base_url: str):
    """A citizen on the demo site with the chat widget open; returns (context, page, widget session id)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    citizen = context.new_page()
    citizen.goto(f"{base_url}/demo")
    citizen.get_by_role("button", name=re.compile("^Mở cửa sổ hỏi đáp")).click()
    expect(citizen.get_by_role("textbox", name="Nhập câu hỏi của bạn")).to_be_visible()
    # the backend opens the conversation (POST /chat/sessions) just after the chat opens: wait for its id and token
    read = """() => { const k = Object.keys(localStorage).find(k => k.startsWith('sct-chat:v1:'));
        const s = k && JSON.parse(localStorage.getItem(k));
        return s && s.sessionId && s.token ? s.sessionId : null; }"""
    citizen.wait_for_function(read, timeout=20_000)
    session = citizen.evaluate(read)
    assert session
    return context, citizen, session


WIDGET_WAIT = 20_000  # ms: the open widget polls every 4 s


def test_a_complaint_answer_reaches_the_widget_and_the_desk_prompts_a_call_back(page, browser, base_url):
    context, citizen, session = _citizen_widget(browser, base_url)
    try:
        filed = page.context.request.post(
            "/bot/complaints",
            data={  # what the bot's complaint form sends
                "idempotency_key": f"widget-{session}",
                "sender": f"web-{session}",
                "channel": "web",
                "content": "Hồ sơ cấp phép bán lẻ rượu của tôi quá hạn mà chưa có kết quả, đề nghị Sở kiểm tra.",
                "name": "Trần Văn Bình",
                "contact": "0912 345 678",
                "consent": True,
            },
        )
        assert filed.status == 201, filed.text()
        code, promise = filed.json()["code"], filed.json()["text"]
        assert "vào khung trò chuyện này" in promise and "gọi điện tới số 091*****78" in promise
        assert "email" not in promise and "SMS" not in promise  # neither is configured here

        login(page, "staff1", "/staff/complaints")
        todo_before = int(page.locator("#pk-todo .n").inner_text())
        page.goto(f"/staff/complaints/{code}")
        expect(page.locator("#pk-planned")).to_contain_text("Tin nhắn vào cuộc trò chuyện")
        expect(page.locator("#pk-planned")).to_contain_text("Cán bộ liên hệ lại")
        answer = "Sở đã kiểm tra: hồ sơ của anh/chị có kết quả, mời anh/chị nhận tại Bộ phận Một cửa từ thứ Hai."
        page.fill("textarea[name=answer]", answer)
        page.click("#pk-answer-form button[type=submit]")
        expect(page.locator(".alert.ok")).to_contain_text("bắt đầu gửi")
        chat_row = page.locator("#pk-deliveries tr[data-route=chat] .dl-status")
        for _ in range(40):  # the sending runs just after the answer is saved
            if chat_row.inner_text() == "Đã gửi":
                break
            page.wait_for_timeout(250)
            page.reload()
        expect(chat_row).to_have_text("Đã gửi")
        callback = page.locator("#pk-deliveries tr[data-route=callback]")
        expect(callback).to_contain_text("Gọi số 0912345678, đọc câu trả lời cho Trần Văn Bình")
        expect(callback.locator(".dl-status")).to_have_text("Đang chờ cán bộ")
        page.goto("/staff/complaints?todo=1")
        expect(page.locator("table.complaints")).to_contain_text(code)
        assert int(page.locator("#pk-todo .n").inner_text()) == todo_before + 1
        shot(page, "25-desk-call-back-task", full=True)

        staff_label = citizen.locator("#sct-chat-widget .sct-msg--staff")
        expect(staff_label.locator(".sct-text").last).to_contain_text(answer, timeout=WIDGET_WAIT)
        expect(staff_label.last).to_contain_text(code)
        shot(citizen, "26-widget-complaint-answer")

        page.goto(f"/staff/complaints/{code}")
        callback.locator("input[name=note]").fill("Đã gọi lúc 9h, người dân đã nắm.")
        callback.get_by_role("button", name="Đã liên hệ").click()
        expect(page.locator(".alert.ok")).to_contain_text("đã liên hệ lại")
        expect(callback.locator(".dl-status")).to_have_text("Đã liên hệ")
        expect(callback).to_contain_text("staff1: Đã gọi lúc 9h, người dân đã nắm.")
        expect(page.locator("#pk-audit")).to_contain_text("Đã liên hệ lại người gửi")
        shot(page, "28-complaint-deliveries", full=True)
        page.goto("/staff/complaints")
        assert int(page.locator("#pk-todo .n").inner_text()) == todo_before
        assert page.errors == [] and citizen.url.endswith("/demo")  # type: ignore[attr-defined]
    finally:
        context.close()


def test_citizens_see_the_team_not_the_login_of_a_staff_member_without_a_display_name(page, browser, base_url, env):
    from bot.staff.users import by_username, create_user

    with session_factory(env.url)() as db:
        if by_username(db, "motcua7") is None:
            create_user(db, "motcua7", PASSWORD, "staff", None)
    context, citizen, session = _citizen_widget(browser, base_url)
    try:
        login(page, "motcua7", "/staff/handoff")
        page.select_option("#ho-mode", "open")  # on duty now, whatever the real time of day
        expect(page.locator("#ho-desk")).to_have_text("Đang nhận yêu cầu")
        asked = page.context.request.post(
            "/bot/handoff",
            data={  # what the bot's action sends
                "sender": f"web-{session}",
                "reason": "asked",
                "turns": [{"role": "citizen", "text": "cho tôi gặp cán bộ"}],
            },
        )
        assert asked.ok and asked.json()["status"] == "queued", asked.text()
        row = page.locator("#ho-queue tbody tr", has_text="cho tôi gặp cán bộ").last
        row.locator("button.ho-claim").click()
        expect(page.locator("#ho-reply")).to_be_visible()
        page.fill("#ho-text", "Dạ, em là cán bộ Bộ phận Một cửa, anh/chị cần hỏi gì ạ?")
        page.press("#ho-text", "Enter")

        joined = citizen.locator("#sct-chat-widget .sct-msg--system").last
        expect(joined).to_have_text(
            "Cán bộ Bộ phận Một cửa đã tham gia cuộc trò chuyện và sẽ trả lời anh/chị ngay sau đây.",
            timeout=WIDGET_WAIT,
        )
        reply = citizen.locator("#sct-chat-widget .sct-msg--staff").last
        expect(reply.locator(".sct-name")).to_have_text("Cán bộ Bộ phận Một cửa", timeout=WIDGET_WAIT)
        expect(citizen.locator("#sct-chat-widget")).not_to_contain_text("motcua7")
        shot(citizen, "27-widget-staff-team-name")
        page.once("dialog", lambda d: d.accept())
        page.click("#ho-close")
        page.select_option("#ho-mode", "auto")
        expect(page.locator("#ho-mode")).to_have_value("auto")
        assert page.errors == []  # type: ignore[attr-defined]
    finally:
        context.close()
