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
