"""schemathesis against the backend's own OpenAPI, in process: every operation, generated requests.

No answer may be a server error and every answer must match the documented schema (status code, content
type, body). The app runs on a SQLite database loaded with the catalogue; its Rasa address is a closed port,
so the chat operation takes its documented "Rasa down" path (the real chat path is fuzzed in test_fuzz_hub).
Both valid (positive) and invalid (negative) requests; SCT_SCHEMATHESIS_EXAMPLES per operation and mode
(default 100).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from bot.api.main import create_app
from bot.settings import Settings
from tests.servers import free_port
from tests.staff.conftest import bearer_headers, ensure_user

EXAMPLES = int(os.environ.get("SCT_SCHEMATHESIS_EXAMPLES", "100"))
BOT_KEY = "schemathesis-bot-key-0123456789"
# invalid requests may also be refused by the size guard (413 body, 414 query string). /bot/* are called with
# the action server's key, as their security scheme says; a negative case that drops or mangles it is refused
# by the key check (401 missing, 403 wrong; tests/api/test_bot_key.py covers that check itself)
CONFIG = SchemathesisConfig.from_dict(
    {
        "auth": {"openapi": {"BotApiKey": {"api_key": BOT_KEY}}},
        "checks": {"negative_data_rejection": {"expected-statuses": [400, 401, 403, 404, 405, 413, 414, 422]}},
    }
)


@pytest.fixture(scope="module")
def api_schema(new_sqlite_db):
    url = new_sqlite_db("schemathesis")
    rasa_down = f"http://127.0.0.1:{free_port()}"
    app = create_app(
        Settings(database_url=url, environment="test", rasa_url=rasa_down, rasa_timeout=2, bot_api_key=BOT_KEY)
    )
    ensure_user(url, "schemathesis-staff", "staff")
    with TestClient(app) as client:
        STAFF_HEADERS.update(bearer_headers(client, "schemathesis-staff"))
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)


# the action server's endpoints check what a JSON Schema cannot describe (a Vietnamese phone number, a complaint
# code, content length after cleaning, a channel without handoff): a 422 with a Vietnamese hint is right there
SEMANTIC_VALIDATION = ("/bot/complaints", "/bot/dossiers", "/bot/handoff")
STAFF_HEADERS: dict[str, str] = {}  # staff-only operations (/reports) are called as a logged-in staff member


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_answers_within_its_schema(api_schema, mode):
    # schemathesis' pytest integration (from_fixture) does not run under pytest 9: one hypothesis run per operation
    operations = [result.ok() for result in api_schema.get_all_operations()]
    # the staff API (login, sessions, CSRF) answers 401/403 first by design; tests/staff/test_auth_matrix.py covers it
    operations = [op for op in operations if not op.path.startswith("/staff")]
    assert len(operations) >= 9
    checked = skipped = 0
    for operation in operations:

        @given(case=operation.as_strategy(mode))
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            headers = STAFF_HEADERS if case.path.startswith("/reports") else None
            excluded = [positive_data_acceptance] if case.path.startswith(SEMANTIC_VALIDATION) else []
            case.call_and_validate(headers=headers, excluded_checks=excluded)

        try:
            check()
        except Unsatisfiable:  # no parameters and no body: nothing can be made invalid
            assert mode is GenerationMode.NEGATIVE and not operation.query and not operation.body
            skipped += 1
            continue
        checked += 1
    assert checked == len(operations) - skipped and checked >= len(operations) // 2
