"""The handoff backend on SQLite and PostgreSQL: action endpoint, hub hold, staff API, database-enforced claim.

Rasa is not running here (its URL points to a closed port): a message that reaches Rasa answers "unavailable",
one held for a person answers "handoff". The clock is injected through app.state.handoff_clock.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import IntegrityError

from bot.api.main import create_app
from bot.db.base import session_factory
from bot.handoff import service, texts
from bot.handoff.models import Handoff
from bot.identifiers import VIETNAM_TZ
from bot.settings import Settings
from bot.staff.users import by_username, create_user

PASSWORD = "mat-khau-ban-giao-1"
WORKING = dt.datetime(2026, 11, 25, 9, 0, tzinfo=VIETNAM_TZ)  # a Wednesday morning
SATURDAY = dt.datetime(2026, 11, 28, 9, 0, tzinfo=VIETNAM_TZ)
NATIONAL_DAY = dt.datetime(2026, 9, 2, 9, 0, tzinfo=VIETNAM_TZ)


class Clock:
    def __init__(self) -> None:
        self.at = WORKING

    def __call__(self) -> dt.datetime:
        return self.at


class Env:
    def __init__(self, db_url: str) -> None:
        self.url = db_url
        self.clock = Clock()
        settings = Settings(database_url=db_url, environment="test", rasa_url="http://127.0.0.1:9", rasa_timeout=1)
        self.app = create_app(settings)
        self.app.state.handoff_clock = self.clock
        self.client = TestClient(self.app)
        with session_factory(db_url)() as db:
            for name, role in (("ho-staff1", "staff"), ("ho-staff2", "staff"), ("ho-editor", "editor")):
                if by_username(db, name) is None:
                    create_user(db, name, PASSWORD, role, f"Nguyễn Văn {name[-1].upper()}")
            if by_username(db, "ho-noname") is None:  # an account without a display name
                create_user(db, "ho-noname", PASSWORD, "staff", None)
        self.tokens = {n: self._login(n) for n in ("ho-staff1", "ho-staff2", "ho-editor", "ho-noname")}

    def _login(self, username: str) -> dict:
        answer = self.client.post("/staff/api/login", json={"username": username, "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        return {"Authorization": f"Bearer {answer.json()['token']}"}

    def ask(self, sender: str, turns: list | None = None, reason: str = "asked"):
        return self.client.post(
            "/bot/handoff", json={"sender": f"web-{sender}", "reason": reason, "turns": turns or []}
        )

    def say(self, sender: str, text: str) -> dict:
        return self.client.post("/chat/messages", json={"channel": "web", "sender": sender, "text": text}).json()

    def staff(self, method: str, path: str, who: str = "ho-staff1", **kw):
        return self.client.request(method, f"/staff/api{path}", headers=self.tokens[who], **kw)

    def updates(self, sender: str) -> dict:
        token = self.client.app.state.conversation_keys.token(sender)  # what POST /chat/sessions gave the widget
        params = {"channel": "web", "sender": sender}
        return self.client.get("/chat/updates", params=params, headers={"X-SCT-Conversation-Token": token}).json()


@pytest.fixture(scope="module")
def env(db_url) -> Iterator[Env]:
    running = Env(db_url)
    yield running
    running.client.close()


def new_sender() -> str:
    return f"ho-{uuid.uuid4().hex[:12]}"


@pytest.mark.parametrize(("when", "why"), [(SATURDAY, "ngoài giờ làm việc"), (NATIONAL_DAY, "ngày nghỉ (Quốc khánh)")])
def test_outside_office_hours_a_complaint_is_offered_and_nothing_is_queued(env, when, why):
    env.clock.at = when
    sender = new_sender()
    answer = env.ask(sender).json()
    env.clock.at = WORKING
    assert answer["status"] == "closed" and answer["handoff_id"] is None
    assert why in answer["text"] and "7:30–11:30 và 13:30–17:00" in answer["text"]
    assert answer["buttons"] == [{"title": texts.CLOSED_BUTTON, "payload": "/file_complaint"}]
    assert env.say(sender, "alo")["status"] == "unavailable"  # not held: went to (the stopped) Rasa


def test_zalo_cannot_receive_staff_messages_yet_so_a_complaint_is_offered(env):
    answer = env.client.post("/bot/handoff", json={"sender": "zalo-12345"}).json()
    assert answer["status"] == "closed" and answer["text"] == texts.NOT_ON_CHANNEL
    assert answer["buttons"][0]["payload"] == "/file_complaint"


def test_desk_mode_overrides_the_hours(env):
    env.clock.at = SATURDAY
    assert env.staff("POST", "/handoff-desk", json={"mode": "open"}).json() == {"mode": "open", "open": True}
    assert env.ask(new_sender()).json()["status"] == "queued"
    env.clock.at = WORKING
    assert env.staff("POST", "/handoff-desk", json={"mode": "closed"}).json()["open"] is False
    assert env.ask(new_sender()).json()["status"] == "closed"
    assert env.staff("POST", "/handoff-desk", json={"mode": "auto"}).json() == {"mode": "auto", "open": True}
    assert env.staff("POST", "/handoff-desk", json={"mode": "always"}).status_code == 422


def test_full_handoff_cycle(env):
    sender = new_sender()
    turns = [
        {"role": "citizen", "text": "lệ phí giấy phép rượu?"},
        {"role": "bot", "text": "Lệ phí là ..."},
        {"role": "citizen", "text": "cho tôi gặp cán bộ"},
    ]
    first = env.ask(sender, turns).json()
    assert first["status"] == "queued" and first["text"] == texts.QUEUED
    again = env.ask(sender).json()
    assert again["status"] == "waiting" and again["handoff_id"] == first["handoff_id"]
    hid = first["handoff_id"]

    queue = env.staff("GET", "/handoffs").json()
    item = next(h for h in queue["handoffs"] if h["id"] == hid)
    assert item["status"] == "queued" and item["channel_label"] == "Web"
    assert item["first_question"] == "lệ phí giấy phép rượu?" and item["summary"] == turns

    # while queued: held, with a waiting note on the 1st and 4th message only
    held = [env.say(sender, f"tin nhắn {i}") for i in range(4)]
    assert [h["status"] for h in held] == ["handoff"] * 4
    assert [[m["text"] for m in h["messages"]] for h in held] == [[texts.WAITING], [], [], [texts.WAITING]]
    assert env.updates(sender)["handoff"]["status"] == "queued"

    assert env.staff("POST", f"/handoffs/{hid}/reply", json={"text": "chưa nhận"}).status_code == 409
    assert env.staff("POST", f"/handoffs/{hid}/claim", who="ho-editor").status_code == 403
    claimed = env.staff("POST", f"/handoffs/{hid}/claim")
    assert claimed.status_code == 200 and claimed.json()["claimed_by"] == "Nguyễn Văn 1"
    lost = env.staff("POST", f"/handoffs/{hid}/claim", who="ho-staff2")
    assert lost.status_code == 409 and "Nguyễn Văn 1" in lost.json()["detail"]
    assert env.staff("POST", f"/handoffs/{hid}/reply", who="ho-staff2", json={"text": "x"}).status_code == 403
    assert env.staff("POST", f"/handoffs/{hid}/reply", json={"text": "  \u200b "}).status_code == 422

    assert env.say(sender, "tôi cần hỏi về lệ phí") == {"status": "handoff", "messages": []}
    reply = env.staff("POST", f"/handoffs/{hid}/reply", json={"text": "Chào anh/chị, lệ phí là 1.200.000 đồng."})
    assert reply.status_code == 200
    detail = env.staff("GET", f"/handoffs/{hid}").json()
    roles = [(m["role"], m["text"]) for m in detail["messages"]]
    assert ("citizen", "tôi cần hỏi về lệ phí") in roles and roles[-1][0] == "staff"
    after = env.staff("GET", f"/handoffs/{hid}", params={"after": detail["messages"][-2]["id"]}).json()
    assert [m["role"] for m in after["messages"]] == ["staff"]

    closed = env.staff("POST", f"/handoffs/{hid}/close")
    assert closed.json()["status"] == "closed"
    pushed = env.updates(sender)
    assert [(m["sender_role"], m["text"], m["author"]) for m in pushed["messages"]] == [
        ("system", texts.JOINED.format(name="Nguyễn Văn 1"), None),
        ("staff", "Chào anh/chị, lệ phí là 1.200.000 đồng.", "Nguyễn Văn 1"),  # signed as the notice said
        ("system", texts.LEFT.format(name="Nguyễn Văn 1"), None),
    ]
    assert pushed["handoff"] is None
    assert env.say(sender, "cảm ơn")["status"] == "unavailable"  # back to the bot (Rasa stopped here)
    assert env.staff("POST", f"/handoffs/{hid}/close").status_code == 409
    assert all(h["id"] != hid for h in env.staff("GET", "/handoffs").json()["handoffs"])


def test_citizens_never_see_a_login_name_only_the_display_name_or_the_team(env):
    sender = new_sender()
    hid = env.ask(sender).json()["handoff_id"]
    assert env.staff("POST", f"/handoffs/{hid}/claim", who="ho-noname").status_code == 200
    replied = env.staff("POST", f"/handoffs/{hid}/reply", who="ho-noname", json={"text": "Dạ, em nghe ạ."})
    assert replied.status_code == 200
    assert env.staff("POST", f"/handoffs/{hid}/close", who="ho-noname").status_code == 200
    pushed = env.updates(sender)["messages"]
    assert [(m["text"], m["author"]) for m in pushed] == [
        (texts.JOINED.format(name="Bộ phận Một cửa"), None),
        ("Dạ, em nghe ạ.", "Bộ phận Một cửa"),
        (texts.LEFT.format(name="Bộ phận Một cửa"), None),
    ]
    assert pushed[0]["text"] == "Cán bộ Bộ phận Một cửa đã tham gia cuộc trò chuyện và sẽ trả lời anh/chị ngay sau đây."
    assert not any("ho-noname" in f"{m['text']} {m['author']}" for m in pushed)
    queue_view = env.staff("GET", f"/handoffs/{hid}").json()  # staff still see who it was
    assert queue_view["claimed_by"] == "ho-noname"


def test_only_one_of_two_simultaneous_claims_wins(env):
    hid = env.ask(new_sender()).json()["handoff_id"]
    sessions = session_factory(env.url)
    results: list[str] = []
    barrier = threading.Barrier(2)

    def attempt(user: str, name: str) -> None:
        with sessions() as db:
            who = service.Staffer(by_username(db, user).id, name)
            barrier.wait()
            try:
                service.claim(db, hid, who, service.utc(WORKING))
                results.append("won")
            except service.HandoffError as exc:
                results.append(f"lost {exc.status}")

    threads = [threading.Thread(target=attempt, args=(u, u)) for u in ("ho-staff1", "ho-staff2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["lost 409", "won"]


def test_database_refuses_a_second_open_handoff_for_one_user(env):
    sender = new_sender()
    env.ask(sender)
    with session_factory(env.url)() as db:
        db.add(
            Handoff(
                channel="web",
                sender=sender,
                status="claimed",
                reason="asked",
                summary="[]",
                created_at=WORKING,
                last_activity_at=WORKING,
                unanswered=0,
                outbox_cursor=0,
            )
        )
        with pytest.raises(IntegrityError):
            db.commit()


def test_unanswered_request_expires_and_the_bot_takes_over(env):
    sender = new_sender()
    env.ask(sender)
    env.clock.at = WORKING + dt.timedelta(minutes=31)
    try:
        assert env.say(sender, "có ai không?")["status"] == "unavailable"  # to Rasa again
    finally:
        env.clock.at = WORKING
    assert [m["text"] for m in env.updates(sender)["messages"]] == [texts.EXPIRED]
    assert env.updates(sender)["handoff"] is None


@pytest.mark.parametrize(
    "body",
    [
        {"sender": "default"},
        {"sender": "web-"},
        {"sender": "sms-123"},
        {"sender": "web-a b"},
        {"sender": "web-x", "turns": [{"role": "citizen", "text": "x"}] * 51},
        {"sender": "web-x", "turns": [{"role": "hacker", "text": "x"}]},
        {"sender": "web-x", "reason": "x" * 100},
        {"sender": 12},
    ],
)
def test_bad_requests_are_refused_politely(env, body):
    answer = env.client.post("/bot/handoff", json=body)
    assert answer.status_code == 422 and isinstance(answer.json()["detail"], str)


def test_unknown_handoff_and_bad_ids(env):
    assert env.staff("GET", "/handoffs/999999").status_code == 404
    assert env.staff("GET", "/handoffs/0").status_code == 422
    assert env.staff("GET", "/handoffs/abc").status_code == 422
    assert env.staff("POST", "/handoffs/999999/claim").status_code == 404
