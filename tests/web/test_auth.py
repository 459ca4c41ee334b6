"""Signing in and out: the form, CSRF, cookies, throttling, redirects and security headers."""
from __future__ import annotations

import re

from tms.services import users as user_service
from tests.web.conftest import csrf_token, login


def test_login_form_is_labelled_and_protected(client):
    response = client.get("/login")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r'<label for="username">Username</label>', html)
    assert re.search(r'<label for="password">Password</label>', html)
    assert re.search(r'<input[^>]*type="submit"[^>]*value="Sign in"|<button[^>]*>\s*Sign in\s*</button>', html)
    assert 'name="csrf_token"' in html
    assert response.headers["Cache-Control"] == "no-store"


def test_sign_in_sets_a_safe_session_cookie(client, users):
    response = login(client, users.translator)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("tms_session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    me = client.get("/api/me").get_json()
    assert me == {"name": "tina", "role": "translator", "languages": ["ja"]}


def test_sign_in_without_csrf_token_is_refused(client, users):
    response = client.post("/login", data={"username": users.translator.name, "password": users.translator.password})
    assert response.status_code == 400
    assert client.get("/api/me").status_code == 401


def test_wrong_password_is_refused(client, users):
    response = login(client, users.translator, password="not the password")
    assert response.status_code == 401
    assert "wrong user name or password" in response.get_data(as_text=True)
    assert client.get("/api/me").status_code == 401


def test_sign_ins_are_throttled(client, users, monkeypatch):
    monkeypatch.setattr(user_service, "MAX_FAILURES_PER_NAME", 2)
    for _ in range(2):
        assert login(client, users.translator, password="guess-guess").status_code == 401
    response = login(client, users.translator)
    assert response.status_code == 429
    assert "too many failed sign-ins" in response.get_data(as_text=True)
    assert client.get("/api/me").status_code == 401


def test_next_goes_only_to_this_site(client, users):
    token = csrf_token(client)
    data = {"username": users.reviewer.name, "password": users.reviewer.password, "csrf_token": token}
    response = client.post("/login?next=/api/me", data=data)
    assert response.headers["Location"] == "/api/me"
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    for evil in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        token = csrf_token(client)
        response = client.post(f"/login?next={evil}", data={**data, "csrf_token": token})
        assert response.headers["Location"] == "/", evil
        client.post("/logout", data={"csrf_token": token})


def test_logout_needs_post_with_csrf(client, users):
    login(client, users.translator)
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400            # no CSRF token: a foreign site cannot do it
    assert client.get("/api/me").status_code == 200
    token = csrf_token(client)
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    assert client.get("/api/me").status_code == 401


def _copy(client, app, *names):
    """A new client holding copies of ``client``'s cookies called ``names``, as a thief would."""
    thief = app.test_client()
    for name in names:
        cookie = client.get_cookie(name)
        assert cookie is not None, name
        thief.set_cookie(name, cookie.value)
    return thief


def test_a_copied_session_cookie_stops_working_at_sign_out(client, app, users):
    login(client, users.translator)
    thief = _copy(client, app, "tms_session")
    assert thief.get("/api/me").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    assert thief.get("/api/me").status_code == 401
    assert thief.get("/").status_code == 302


def test_a_copied_keep_me_signed_in_cookie_stops_working_at_sign_out(client, app, users):
    login(client, users.translator, remember="y")
    assert _copy(client, app, "remember_token").get("/api/me").status_code == 200    # the 365-day cookie alone
    thief = _copy(client, app, "remember_token")
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    assert client.get_cookie("remember_token") is None
    assert thief.get("/api/me").status_code == 401


def test_signing_in_again_starts_a_new_session(client, app, users):
    login(client, users.translator)
    first = client.get_cookie("tms_session").value
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    login(client, users.translator)
    assert client.get("/api/me").status_code == 200
    assert client.get_cookie("tms_session").value != first


def test_password_change_ends_the_session(client, users, web_project):
    login(client, users.translator)
    assert client.get("/api/me").status_code == 200
    user_service.update_user(web_project, users.translator.name, password="a brand new password")
    assert client.get("/api/me").status_code == 401


def test_disabling_an_account_ends_its_sessions(client, app, users, web_project):
    login(client, users.translator, remember="y")
    thief = _copy(client, app, "remember_token")
    assert _copy(client, app, "remember_token").get("/api/me").status_code == 200
    user_service.update_user(web_project, users.translator.name, is_active=False)
    user_service.update_user(web_project, users.translator.name, is_active=True)     # and back: still ended
    assert client.get("/api/me").status_code == 401
    assert thief.get("/api/me").status_code == 401


def test_disabled_account_cannot_sign_in(client, users, web_project):
    user_service.update_user(web_project, users.translator.name, is_active=False)
    assert login(client, users.translator).status_code == 401


def test_security_headers(client):
    headers = client.get("/login").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "same-origin"


def test_shared_secret_is_made_once_per_project(web_project):
    from tms.web import create_app

    first = create_app(project_root=web_project.root).config["SECRET_KEY"]
    second = create_app(project_root=web_project.root).config["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (web_project.state_dir / "secret_key").stat().st_mode & 0o077 == 0


def test_starting_the_server_removes_what_killed_writers_left(web_project):
    import os
    import time

    from tms.web import create_app

    folder = web_project.po_path("demo", "ja").parent
    left = [folder / ".demo.po.0123456789.tmp", web_project.root / "originals" / ".demo.md.abcdefabcd.tmp"]
    for path in left:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half a save")
        os.utime(path, (time.time() - 60, time.time() - 60))
    create_app({"TESTING": True, "SECRET_KEY": "x"}, project_root=web_project.root)
    assert not any(path.exists() for path in left)
    assert web_project.po_path("demo", "ja").is_file()


# -- the client's address behind a proxy ----------------------------------------------------------
def _guess_names(client, users, count: int, forwarded: str) -> list[int]:
    codes = []
    for i in range(count):
        token = csrf_token(client)
        codes.append(client.post("/login", headers={"X-Forwarded-For": forwarded},
                                 data={"username": f"nobody{i}", "password": "guess", "csrf_token": token}).status_code)
    return codes


def test_without_the_proxy_setting_a_forwarded_address_is_ignored(client, users, monkeypatch):
    monkeypatch.setattr(user_service, "MAX_FAILURES_PER_REMOTE", 2)
    assert _guess_names(client, users, 2, "203.0.113.5") == [401, 401]
    # a client cannot escape its address's limit by claiming another one
    assert login(client, users.translator, headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(web_project, users, monkeypatch):
    from tms.web import create_app

    monkeypatch.setattr(user_service, "MAX_FAILURES_PER_REMOTE", 2)
    monkeypatch.setenv("TMS_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret"}, project_root=web_project.root)
    guesser, colleague = app.test_client(), app.test_client()
    assert _guess_names(guesser, users, 3, "203.0.113.5, 10.0.0.3") == [401, 401, 429]
    # everyone else comes through the same proxy, and is not blocked by one guesser
    assert login(colleague, users.translator, headers={"X-Forwarded-For": "198.51.100.7, 10.0.0.3"}).status_code == 302
    # what a client puts in front of the proxy's own entry is not believed
    assert _guess_names(app.test_client(), users, 1, "198.51.100.99, 203.0.113.5") == [429]


def test_client_address_takes_the_nearest_untrusted_hop(web_project):
    from tms.web import create_app
    from tms.web.views import client_address

    app = create_app({"TESTING": True, "SECRET_KEY": "x", "TRUSTED_PROXIES": "127.0.0.1,10.0.0.0/8"},
                     project_root=web_project.root)
    cases = {
        "": "127.0.0.1",
        "198.51.100.2": "198.51.100.2",
        "1.2.3.4, 198.51.100.2, 10.0.0.2": "198.51.100.2",
        "10.0.0.5, 10.0.0.2": "10.0.0.5",
        "not-an-address, 10.0.0.2": "10.0.0.2",
        "2001:db8::1": "2001:db8::1",
    }
    for header, expected in cases.items():
        with app.test_request_context("/", headers={"X-Forwarded-For": header} if header else {},
                                      environ_base={"REMOTE_ADDR": "127.0.0.1"}):
            assert client_address() == expected, header
    with app.test_request_context("/", headers={"X-Forwarded-For": "198.51.100.2"},
                                  environ_base={"REMOTE_ADDR": "192.0.2.1"}):
        assert client_address() == "192.0.2.1"          # not from a trusted proxy: the header is ignored


def test_a_bad_proxy_setting_stops_the_start(web_project, monkeypatch):
    import pytest

    from tms.errors import InputError
    from tms.web import create_app

    monkeypatch.setenv("TMS_TRUSTED_PROXIES", "127.0.0.1, proxy.example")
    with pytest.raises(InputError, match="TMS_TRUSTED_PROXIES"):
        create_app({"TESTING": True, "SECRET_KEY": "x"}, project_root=web_project.root)
