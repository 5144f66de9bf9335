from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.channels.zalo.fake_oa_api import FakeOaApi


@pytest.fixture()
def fake_oa() -> Iterator[FakeOaApi]:
    api = FakeOaApi().start()
    yield api
    api.stop()
