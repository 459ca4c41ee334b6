"""Browser fixtures: the application served by a real server thread on 127.0.0.1, and Debian's chromium."""
from __future__ import annotations

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from tests.web.conftest import _accounts_db, app, users, web_project  # noqa: F401  (shared fixtures)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def chromium_path() -> str:
    """Debian's chromium, or skip (fail on CI, where the README's test command installs it)."""
    path = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    if not path:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing on CI: the README's test command must install it")
        pytest.skip("Debian's chromium is not installed (scripts/bootstrap.sh --browser installs it)")
    return path


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the session."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def live_server(app):  # noqa: F811
    """The application on a free port of 127.0.0.1, served by a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def page(browser):
    """A fresh browser page (own cookies) that fails the test on any script error."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # A refused request (403, 409) is logged by the browser too; the tests check those themselves.
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and "Failed to load resource" not in msg.text else None)
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert not errors, f"errors in the browser: {errors}"


def sign_in(page, base_url: str, user) -> None:
    """Sign in through the login form as a person would."""
    page.goto(f"{base_url}/")
    page.get_by_label("Username").fill(user.name)
    page.get_by_label("Password").fill(user.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/")
