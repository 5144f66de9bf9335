"""Real Chromium (Debian's, through Playwright) on the real stack: a citizen in the web widget asks for a person,
a staff member on /staff/handoff (second browser context) claims the request and replies, the reply appears in
the widget, and closing hands the conversation back to the bot. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from bot.db.base import session_factory
from bot.handoff import texts
from bot.settings import ROOT
from bot.staff.users import by_username, create_user

SHOTS = ROOT / "artifacts" / "screenshots"
PASSWORD = "mat-khau-ban-giao-1"
WAIT = 20_000  # ms: the widget polls every 4 s, the staff page every 2-3 s


@pytest.fixture(scope="module")
def staff_user(stack) -> str:
    with session_factory(stack.config.env["SCT_DATABASE_URL"])() as db:
        if by_username(db, "ho-browser") is None:
            create_user(db, "ho-browser", PASSWORD, "staff", "Lê Văn Hùng")
    return "ho-browser"


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def widget(page: Page, kind: str):
    if kind == "system":  # a system notice is one line, without the text/time parts of a message
        return page.locator("#sct-chat-widget .sct-msg--system")
    return page.locator(f"#sct-chat-widget .sct-msg--{kind} .sct-text")


def test_widget_request_reaches_staff_and_the_reply_reaches_the_widget(browser, stack, staff_user):
    base = stack.config.api_url
    staff_ctx = browser.new_context(base_url=base, viewport={"width": 1440, "height": 900}, locale="vi-VN")
    citizen_ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    errors: list[str] = []
    try:
        staff = staff_ctx.new_page()
        staff.on("pageerror", lambda e: errors.append(str(e)))
        staff.goto("/staff/login?next=/staff/handoff")
        staff.fill("input[name=username]", staff_user)
        staff.fill("input[name=password]", PASSWORD)
        staff.click("button[type=submit]")
        expect(staff).to_have_url(re.compile(r"/staff/handoff$"))
        staff.select_option("#ho-mode", "open")  # on duty now, whatever the real time of day
        expect(staff.locator("#ho-desk")).to_have_text("Đang nhận yêu cầu", timeout=WAIT)

        citizen = citizen_ctx.new_page()
        citizen.on("pageerror", lambda e: errors.append(str(e)))
        citizen.goto(f"{base}/demo")
        citizen.get_by_role("button", name=re.compile("^Mở cửa sổ hỏi đáp")).click()
        box = citizen.get_by_role("textbox", name="Nhập câu hỏi của bạn")
        box.fill("cho tôi gặp cán bộ")
        box.press("Enter")
        expect(widget(citizen, "bot").last).to_have_text(texts.QUEUED, timeout=WAIT)

        row = staff.locator("#ho-queue tbody tr", has_text="cho tôi gặp cán bộ").last
        expect(row).to_contain_text("Đang chờ", timeout=WAIT)
        expect(row).to_contain_text("Web")
        row.locator("button.ho-claim").click()
        expect(staff.locator("#ho-reply")).to_be_visible(timeout=WAIT)
        expect(staff.locator("#ho-summary")).to_contain_text("Người dân: cho tôi gặp cán bộ")

        joined = texts.JOINED.format(name="Lê Văn Hùng")
        expect(widget(citizen, "system").last).to_have_text(joined, timeout=WAIT)
        box.fill("Tôi muốn hỏi hồ sơ cấp giấy phép bán lẻ rượu nộp ở đâu?")
        box.press("Enter")
        expect(staff.locator("#ho-messages .ho-msg.citizen").last).to_contain_text(
            "Tôi muốn hỏi hồ sơ cấp giấy phép bán lẻ rượu nộp ở đâu?", timeout=WAIT
        )

        answer = "Dạ, anh/chị nộp tại Trung tâm Phục vụ hành chính công tỉnh, quầy Sở Công Thương ạ."
        staff.fill("#ho-text", answer)
        staff.press("#ho-text", "Enter")
        expect(staff.locator("#ho-messages .ho-msg.staff").last).to_contain_text(answer, timeout=WAIT)
        expect(widget(citizen, "staff").last).to_have_text(answer, timeout=WAIT)
        # signed with the name the joining notice gave, never the login
        expect(citizen.locator("#sct-chat-widget .sct-msg--staff .sct-name").last).to_have_text("Cán bộ Lê Văn Hùng")
        expect(citizen.locator("#sct-chat-widget")).not_to_contain_text(staff_user)
        shot(staff, "handoff-staff-conversation")
        shot(citizen, "handoff-widget-staff-reply")

        staff.once("dialog", lambda d: d.accept())
        staff.click("#ho-close")
        expect(widget(citizen, "system").last).to_have_text(texts.LEFT.format(name="Lê Văn Hùng"), timeout=WAIT)
        expect(staff.locator("#ho-reply")).to_be_hidden()
        staff.select_option("#ho-mode", "auto")
        expect(staff.locator("#ho-mode")).to_have_value("auto")
    finally:
        staff_ctx.close()
        citizen_ctx.close()
    assert not errors, errors
