"""Shared fixtures: a throwaway project, the seed articles, the CLI runner, and no internet."""
from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.mt.libre_server import libre_server  # noqa: F401  (a fixture for every test folder)
from tms.mt.base import Engine
from tms.storage.layout import Project

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"


def _is_loopback(address) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if not isinstance(host, str):
        return True  # AF_UNIX paths and the like never leave the machine
    return host in ("localhost", "::1", "") or host.startswith("127.") or host.startswith("::ffff:127.")


@pytest.fixture(autouse=True)
def no_internet(monkeypatch, request):
    """Refuse every socket connection that does not stay on this machine."""
    if request.node.get_closest_marker("network") and os.environ.get("TMS_NETWORK_TESTS") == "1":
        return
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded(method):
        def connect(self, address):
            if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
                raise OSError(f"tests may not reach the internet (tried {address!r})")
            return method(self, address)
        return connect

    monkeypatch.setattr(socket.socket, "connect", guarded(real_connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guarded(real_connect_ex))


@pytest.fixture(autouse=True)
def no_pauses():
    """Forget engine failures and pauses between tests (they are kept per process on purpose)."""
    yield
    Engine._paused_until.clear()
    Engine._failures.clear()
    Engine._pause_reasons.clear()


def pytest_collection_modifyitems(config, items):
    if os.environ.get("TMS_NETWORK_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="needs the internet; set TMS_NETWORK_TESTS=1")
    for item in items:
        if item.get_closest_marker("network"):
            item.add_marker(skip)


@pytest.fixture
def project(tmp_path) -> Project:
    """An empty project in a temporary folder."""
    root = tmp_path / "project"
    root.mkdir()
    return Project(root)


@pytest.fixture
def seed_files() -> dict[str, Path]:
    """The two real seed articles as scraped page text."""
    return {"korea-net": SEEDS / "korea-net-article.txt", "mofa": SEEDS / "mofa-press-release.txt"}


@pytest.fixture
def seeded_project(project, seed_files) -> Project:
    """A project with both seeds imported (ids ``korea-net`` and ``mofa``)."""
    from tms.services.importing import import_files

    for article_id, path in seed_files.items():
        import_files(project, [path], lang="en", article_id=article_id)
    return project


@pytest.fixture
def runner() -> CliRunner:
    """A click runner for ``tms`` commands."""
    return CliRunner()


def gettext_tool(name: str) -> str:
    """The path of a GNU gettext tool, or skip the test where it is missing."""
    path = shutil.which(name)
    if not path:
        if os.environ.get("CI"):
            pytest.fail(f"GNU {name} is missing on CI: the README's test command must install gettext")
        pytest.skip(f"GNU {name} is not installed (the README's test command installs it)")
    return path
