"""schemathesis against the backend's own OpenAPI, in process: every operation, generated requests.

No answer may be a server error and every answer must match the documented schema (status code, content
type, body). The app runs on a SQLite database loaded with the catalogue; its Rasa address is a closed port,
so the chat operation takes its documented "Rasa down" path (the real chat path is fuzzed in test_fuzz_hub).
Both valid (positive) and invalid (negative) requests; SCT_SCHEMATHESIS_EXAMPLES per operation and mode
(default 100).
"""

from __future__ import annotations

import os
import socket

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

from bot.api.main import create_app
from bot.cli import migrate
from bot.db.base import session_factory
from bot.db.loader import load_procedures
from bot.settings import Settings

EXAMPLES = int(os.environ.get("SCT_SCHEMATHESIS_EXAMPLES", "100"))
# invalid requests may also be refused by the size guard (413 body, 414 query string)
CONFIG = SchemathesisConfig.from_dict(
    {"checks": {"negative_data_rejection": {"expected-statuses": [400, 404, 405, 413, 414, 422]}}}
)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory, catalog):
    url = f"sqlite:///{tmp_path_factory.mktemp('schemathesis') / 'sct.db'}"
    migrate(url)
    with session_factory(url)() as session:
        load_procedures(session, catalog)
    rasa_down = f"http://127.0.0.1:{_closed_port()}"
    app = create_app(Settings(database_url=url, environment="test", rasa_url=rasa_down, rasa_timeout=2))
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_answers_within_its_schema(api_schema, mode):
    # schemathesis' pytest integration (from_fixture) does not run under pytest 9: one hypothesis run per operation
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 9
    checked = 0
    for operation in operations:

        @given(case=operation.as_strategy(mode))
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            case.call_and_validate()

        try:
            check()
        except Unsatisfiable:  # no parameters and no body: nothing can be made invalid
            assert mode is GenerationMode.NEGATIVE and not operation.query and not operation.body
            continue
        checked += 1
    assert checked >= len(operations) - 3
