"""Fixtures of the engine tests: the local LibreTranslate-compatible server, and no pause carried over."""
from __future__ import annotations

import pytest

from tests.mt.libre_server import libre_server  # noqa: F401  (a fixture)
from tms.mt.base import Engine


@pytest.fixture(autouse=True)
def no_pauses():
    """Forget engine failures and pauses between tests (they are kept per process on purpose)."""
    yield
    Engine._paused_until.clear()
    Engine._failures.clear()
    Engine._pause_reasons.clear()
