"""The chat widget in real headless Chromium, against the real stack (backend + action server + Rasa).

One browser for the module; each test gets a fresh browser context (empty localStorage). Screenshots go to
artifacts/screenshots/.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import uvicorn
from playwright.sync_api import Browser, Page, expect

from bot.api.main import create_app
from bot.db.base import session_factory
from bot.db.outbox import push
from bot.settings import ROOT, Settings

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
ANSWER_TIMEOUT = 20_000  # ms; Rasa + actions + backend answer in well under a second, CI machines can be slow
WATCH_TYPING = """() => {
  const typing = document.getElementById('sct-chat-widget').shadowRoot.querySelector('.sct-typing');
  window.__typingSeen = false;
  new MutationObserver(() => { if (!typing.hidden) window.__typingSeen = true; })
    .observe(typing, { attributes: true });
}"""
XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> <b>đậm</b>'


@contextmanager
def new_page(browser: Browser, viewport: dict = DESKTOP) -> Iterator[Page]:
    context = browser.new_context(
        viewport=viewport, locale="vi-VN", is_mobile=viewport is PHONE, has_touch=viewport is PHONE
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        yield page
    finally:
        context.close()
    assert not errors, errors  # no uncaught script errors in any scenario


def launcher(page: Page):
    return page.get_by_role("button", name=re.compile("^Mở cửa sổ hỏi đáp"))


def chat_input(page: Page):
    return page.get_by_role("textbox", name="Nhập câu hỏi của bạn")


def bot_texts(page: Page):
    return page.locator("#sct-chat-widget .sct-msg--bot .sct-text")


def user_texts(page: Page):
    return page.locator("#sct-chat-widget .sct-msg--user .sct-text")


def open_demo(page: Page, stack) -> None:
    page.goto(f"{stack.config.api_url}/demo")
    expect(launcher(page)).to_be_visible()


def ask(page: Page, text: str) -> None:
    chat_input(page).fill(text)
    chat_input(page).press("Enter")


STORED_STATE = (
    "() => JSON.parse((Object.entries(localStorage).find(([k]) => k.startsWith('sct-chat:v1:')) || [0, 'null'])[1])"
)


def session_id(page: Page) -> str:
    """The conversation's sender id, once the backend has opened it (POST /chat/sessions when the chat opens)."""
    page.wait_for_function(f"() => ({STORED_STATE})()?.sessionId")
    return page.evaluate(STORED_STATE)["sessionId"]


def shadow_focus(page: Page) -> str:
    """Class of the focused element inside the widget (or 'outside')."""
    return page.evaluate(
        "() => { const h = document.getElementById('sct-chat-widget');"
        " return document.activeElement === h ? (h.shadowRoot.activeElement || {}).className || '' : 'outside'; }"
    )


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(250)  # let the open animation and smooth scrolling finish
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_question_gets_the_answer_and_history_survives_a_reload(browser, stack):
    with new_page(browser) as page:
        open_demo(page, stack)
        shot(page, "desktop-demo-page")
        launcher(page).click()
        expect(chat_input(page)).to_be_focused()
        expect(bot_texts(page).first).to_contain_text("trợ lý ảo")  # the greeting
        box = page.locator("#sct-chat-widget .sct-panel").bounding_box()
        assert box["width"] <= 420 and box["x"] > 600  # a floating panel at the bottom right on a desktop
        page.evaluate(WATCH_TYPING)
        ask(page, "xin giấy phép bán lẻ rượu cần giấy tờ gì")
        expect(user_texts(page).last).to_have_text("xin giấy phép bán lẻ rượu cần giấy tờ gì")
        expect(bot_texts(page).nth(1)).to_contain_text("Cấp Giấy phép bán lẻ rượu", timeout=ANSWER_TIMEOUT)
        links = page.locator("#sct-chat-widget .sct-msg--bot a.sct-link")
        expect(links.first).to_have_attribute("href", re.compile(r"^https://"))
        expect(links.first).to_have_attribute("rel", re.compile("noopener"))
        expect(page.locator("#sct-chat-widget .sct-chip").first).to_be_visible()  # the other parts as buttons
        assert page.evaluate("() => window.__typingSeen")  # the typing indicator showed while waiting
        expect(page.locator("#sct-chat-widget .sct-typing")).to_be_hidden()
        shot(page, "desktop-answer")
        answer = bot_texts(page).nth(1).inner_text()
        sid = session_id(page)

        page.reload()
        expect(user_texts(page)).to_have_text(["xin giấy phép bán lẻ rượu cần giấy tờ gì"])
        expect(bot_texts(page).nth(1)).to_have_text(answer)
        assert session_id(page) == sid
        expect(chat_input(page)).to_be_visible()  # it was open: it opens again

        page.get_by_role("button", name="Cuộc trò chuyện mới").click()
        expect(user_texts(page)).to_have_count(0)
        expect(bot_texts(page)).to_have_count(1)  # the greeting only
        assert session_id(page) != sid


def test_quick_reply_sends_its_payload_and_shows_its_title(browser, stack):
    with new_page(browser, PHONE) as page:
        open_demo(page, stack)
        shot(page, "phone-demo-page")
        launcher(page).click()
        box = page.locator("#sct-chat-widget .sct-panel").bounding_box()
        assert box == {"x": 0, "y": 0, "width": PHONE["width"], "height": PHONE["height"]}  # full screen
        ask(page, "giấy phép thuốc lá")
        chips = page.locator("#sct-chat-widget .sct-chip")
        expect(chips.first).to_be_visible(timeout=ANSWER_TIMEOUT)
        titles = chips.all_inner_texts()
        assert len(titles) >= 2 and all("thuốc lá" in t for t in titles)
        shot(page, "phone-choices")
        chips.nth(0).click()
        expect(user_texts(page).last).to_have_text(titles[0])  # the title, not the /intent{...} payload
        expect(bot_texts(page).last).to_contain_text(titles[0].rstrip("…"), timeout=ANSWER_TIMEOUT)
        expect(bot_texts(page).last).to_contain_text("(mã ")
        expect(page.locator("#sct-chat-widget .sct-msg--user").last).not_to_contain_text("procedure_code")
        shot(page, "phone-answer")
        page.get_by_role("button", name="Thu nhỏ cửa sổ trò chuyện").click()
        expect(launcher(page)).to_be_focused()


def test_staff_and_system_messages_from_the_outbox_appear(browser, stack):
    with new_page(browser) as page:
        open_demo(page, stack)
        launcher(page).click()
        sid = session_id(page)
        with session_factory(stack.config.env["SCT_DATABASE_URL"])() as session:
            push(session, "web", sid, "system", "Anh/chị đã được kết nối với cán bộ Sở Công Thương.")
            push(
                session,
                "web",
                sid,
                "staff",
                "Chào anh/chị, em là cán bộ Bộ phận Một cửa.\nXem https://dichvucong.gov.vn",
            )
            push(session, "web", "w-someone-else", "staff", "không phải tin của bạn")
        staff = page.locator("#sct-chat-widget .sct-msg--staff")
        expect(staff).to_have_count(1, timeout=15_000)
        expect(staff.locator(".sct-text")).to_have_text(
            "Chào anh/chị, em là cán bộ Bộ phận Một cửa.\nXem https://dichvucong.gov.vn"
        )
        expect(staff.locator("a")).to_have_attribute("href", "https://dichvucong.gov.vn/")
        kept = staff.locator(".sct-text").evaluate("e => [e.textContent, getComputedStyle(e).whiteSpace]")
        assert kept == ["Chào anh/chị, em là cán bộ Bộ phận Một cửa.\nXem https://dichvucong.gov.vn", "pre-wrap"]
        expect(staff).to_contain_text("Cán bộ Sở Công Thương thành phố Hải Phòng")
        expect(page.locator("#sct-chat-widget .sct-msg--system")).to_have_text(
            "Anh/chị đã được kết nối với cán bộ Sở Công Thương."
        )
        shot(page, "desktop-staff-message")
        page.reload()  # shown once, kept in the history, not fetched twice
        expect(staff).to_have_count(1)
        page.wait_for_timeout(4500)
        expect(staff).to_have_count(1)


def test_html_in_messages_is_shown_as_text(browser, stack):
    with new_page(browser) as page:
        open_demo(page, stack)
        launcher(page).click()
        ask(page, XSS)
        expect(user_texts(page).last).to_have_text(XSS)
        expect(page.locator("#sct-chat-widget .sct-msg--bot").nth(1)).to_be_visible(timeout=ANSWER_TIMEOUT)
        sid = session_id(page)
        with session_factory(stack.config.env["SCT_DATABASE_URL"])() as session:
            push(session, "web", sid, "staff", XSS + " javascript:alert(1) data:text/html,<b>x</b>")
        staff = page.locator("#sct-chat-widget .sct-msg--staff .sct-text")
        expect(staff).to_have_text(XSS + " javascript:alert(1) data:text/html,<b>x</b>", timeout=15_000)
        widget = page.locator("#sct-chat-widget .sct-log")
        expect(widget.locator("img, script, b")).to_have_count(0)
        expect(staff.locator("a")).to_have_count(0)  # javascript:/data: are never links
        assert page.evaluate("() => window.__xss") is None


def test_keyboard_only(browser, stack):
    with new_page(browser) as page:
        open_demo(page, stack)
        page.locator("body").focus()
        for _ in range(60):  # Tab through the page until the launcher has focus
            page.keyboard.press("Tab")
            if "sct-launcher" in shadow_focus(page):
                break
        assert "sct-launcher" in shadow_focus(page)
        page.keyboard.press("Enter")
        assert shadow_focus(page) == "sct-input"
        page.keyboard.type("giấy phép thuốc lá")
        page.keyboard.press("Enter")
        chips = page.locator("#sct-chat-widget .sct-chip")
        expect(chips.first).to_be_visible(timeout=ANSWER_TIMEOUT)
        last_title = chips.last.inner_text()
        page.keyboard.press("Shift+Tab")  # from the input back to the last quick reply
        assert "sct-chip" in shadow_focus(page)
        shot(page, "desktop-keyboard-focus")
        page.keyboard.press("Enter")
        expect(user_texts(page).last).to_have_text(last_title)
        chosen = last_title.rstrip("…")  # long names are cut on the button
        expect(bot_texts(page).last).to_contain_text(chosen, timeout=ANSWER_TIMEOUT)
        expect(bot_texts(page).last).to_contain_text("(mã ")
        page.keyboard.press("Escape")
        expect(chat_input(page)).to_be_hidden()
        assert "sct-launcher" in shadow_focus(page)
        log = page.locator("#sct-chat-widget [role=log]")
        assert log.get_attribute("aria-live") == "polite"


def test_network_failure_offers_a_retry_with_the_same_message_id(browser, stack):
    with new_page(browser) as page:
        open_demo(page, stack)
        launcher(page).click()
        sent: list[dict] = []
        page.on("request", lambda r: sent.append(json.loads(r.post_data)) if r.url.endswith("/chat/messages") else None)

        page.route("**/chat/messages", lambda route: route.abort("internetdisconnected"))
        ask(page, "xin giấy phép bán lẻ rượu cần giấy tờ gì")
        error = page.locator("#sct-chat-widget .sct-msg--error")
        expect(error).to_contain_text("chưa gửi được")
        expect(page.locator("#sct-chat-widget .sct-msg--user")).to_contain_text("Chưa gửi được")
        shot(page, "desktop-network-error")

        page.unroute("**/chat/messages")
        page.route("**/chat/messages", lambda route: route.fulfill(status=502, body="Bad Gateway"))
        page.get_by_role("button", name="Gửi lại").click()
        expect(error).to_have_count(1)  # the HTTP error replaces the previous notice
        expect(error).to_contain_text("Gửi lại")

        page.unroute("**/chat/messages")
        page.get_by_role("button", name="Gửi lại").click()
        expect(bot_texts(page).last).to_contain_text("Cấp Giấy phép bán lẻ rượu", timeout=ANSWER_TIMEOUT)
        expect(error).to_have_count(0)
        expect(page.locator("#sct-chat-widget .sct-failed")).to_have_count(0)
        expect(user_texts(page)).to_have_count(1)
        assert len(sent) == 3 and len({m["message_id"] for m in sent}) == 1
        assert {(m["channel"], m["sender"]) for m in sent} == {("web", session_id(page))}


def test_stored_history_is_bounded_and_bad_storage_is_survived(browser, stack):
    with new_page(browser) as page:
        open_demo(page, stack)
        key = page.evaluate("() => 'sct-chat:v1:' + location.origin")
        history = [{"id": f"m{i}", "role": "user", "text": f"tin {i}", "status": "sent", "ts": 0} for i in range(150)]
        history.append({"id": "bad", "role": "bot", "text": {"html": "<img src=x onerror=alert(1)>"}})
        page.evaluate(
            "([k, v]) => localStorage.setItem(k, v)",
            [key, json.dumps({"sessionId": "w-bounded-1", "cursor": 0, "open": True, "history": history})],
        )
        page.reload()
        expect(user_texts(page)).to_have_count(100)
        expect(user_texts(page).first).to_have_text("tin 50")
        ask(page, "xin chào")
        expect(page.locator("#sct-chat-widget .sct-msg--bot")).not_to_have_count(0, timeout=ANSWER_TIMEOUT)
        stored = page.evaluate("(k) => JSON.parse(localStorage.getItem(k)).history.length", key)
        assert stored <= 100

        page.evaluate("(k) => localStorage.setItem(k, '{not json')", key)
        page.reload()
        expect(launcher(page)).to_be_visible()
        launcher(page).click()
        expect(bot_texts(page)).to_have_count(1)  # a fresh conversation with the greeting


# ---------------------------------------------------------------- embedded in another website (CORS)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def host_site(backend: str, port: int | None = None) -> Iterator[str]:
    """Another organisation's website (its own origin) that embeds the widget with the one script tag."""
    page = (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin</title></head>'
        "<body><h1>Cổng thông tin điện tử</h1>"
        f'<script src="{backend}/widget/widget.js" data-api="{backend}" '
        'data-title="Sở Công Thương thành phố Hải Phòng" defer></script></body></html>'
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *_args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port or _free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def backend_allowing(origin: str, stack) -> Iterator[str]:
    """A second backend (same database and Rasa as the stack) whose settings allow `origin`."""
    settings = Settings(
        database_url=stack.config.env["SCT_DATABASE_URL"],
        environment="test",
        rasa_url=stack.config.rasa_url,
        cors_origins=[origin],
    )
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=2
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def test_embedded_on_an_allowed_site_it_works_and_elsewhere_it_is_refused(browser, stack):
    port = _free_port()
    origin = f"http://127.0.0.1:{port}"
    with backend_allowing(origin, stack) as backend, host_site(backend, port), new_page(browser) as page:
        page.goto(origin)
        launcher(page).click()
        ask(page, "xin giấy phép bán lẻ rượu cần giấy tờ gì")
        expect(bot_texts(page).last).to_contain_text("Cấp Giấy phép bán lẻ rượu", timeout=ANSWER_TIMEOUT)
        with session_factory(stack.config.env["SCT_DATABASE_URL"])() as session:
            push(session, "web", session_id(page), "staff", "Tin nhắn của cán bộ gửi sang website khác")
        expect(page.locator("#sct-chat-widget .sct-msg--staff")).to_have_count(1, timeout=15_000)

    with new_page(browser) as page, host_site(stack.config.api_url) as other:
        page.goto(other)  # the stack's backend allows no other origin
        launcher(page).click()
        ask(page, "xin chào")
        expect(page.locator("#sct-chat-widget .sct-msg--error")).to_contain_text("Gửi lại")
        expect(bot_texts(page)).to_have_count(1)  # the greeting only: nothing came back from the backend
