"""The users page (admins) and one's own account page: accounts, passwords shown once, API tokens."""
from __future__ import annotations

import re

import pytest

from tms.services import users as user_service
from tests.web.conftest import PASSWORD, WebUser, bearer, csrf_token, login

SECRET = re.compile(r'<code class="secret-value">([^<]+)</code>')


def _post(client, url: str, **data):
    return client.post(url, data={"csrf_token": csrf_token(client), **data})


def _secret(response) -> str:
    found = SECRET.findall(response.get_data(as_text=True))
    assert len(found) == 1, "the page should show exactly one secret"
    return found[0]


@pytest.fixture
def admin(client, users):
    assert login(client, users.admin).status_code == 302
    return client


# -- who may see what -----------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["translator", "reviewer", "approver"])
def test_only_admins_manage_accounts(client, users, role):
    login(client, getattr(users, role))
    assert client.get("/users/").status_code == 403
    assert client.get("/users/tina").status_code == 403
    assert _post(client, "/users/", name="mallory", role="admin", all_languages="y").status_code == 403
    assert _post(client, "/users/tina", role="admin", all_languages="y", is_active="y").status_code == 403
    assert _post(client, "/users/tina/password").status_code == 403
    assert _post(client, "/users/ada/delete", confirm="ada").status_code == 403
    assert "Users</a>" not in client.get("/").get_data(as_text=True)
    assert not user_service.user_exists(client.application.extensions["tms.project"], "mallory")


def test_signed_out_people_are_sent_to_sign_in(client):
    for url in ("/users/", "/account"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_admin_sees_every_account_with_its_tokens(admin):
    page = admin.get("/users/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for name in ("tina", "rita", "alex", "ada", "dirk"):
        assert f'<a href="/users/{name}">{name}</a>' in html
    assert re.search(r'/users/dirk">dirk</a></td>\s*<td>translator</td>\s*<td>de</td>\s*<td>active</td>\s*<td>1</td>',
                     html)
    assert 'aria-current="page">Users</a>' in html


# -- adding and changing accounts -----------------------------------------------------------------
def test_an_added_account_gets_a_password_shown_once_that_signs_in(admin, app, users):
    response = _post(admin, "/users/", name="nora", role="translator", languages=["zh", "vi"], is_active="y")
    assert response.status_code == 201
    password = _secret(response)
    assert "shown this once" in response.get_data(as_text=True)
    assert SECRET.search(admin.get("/users/nora").get_data(as_text=True)) is None     # never again
    fresh = app.test_client()
    assert login(fresh, WebUser("nora", "translator", password, "")).status_code == 302
    assert fresh.get("/api/me").get_json() == {"name": "nora", "role": "translator", "languages": ["zh", "vi"]}


@pytest.mark.parametrize("data, status, message", [
    ({"name": "tina", "role": "translator", "all_languages": "y"}, 409, "already exists"),
    ({"name": "nora", "role": "translator"}, 400, "choose the languages"),
    ({"name": "no way", "role": "translator", "all_languages": "y"}, 400, "user name"),
    ({"name": "nora", "role": "emperor", "all_languages": "y"}, 400, "Not a valid choice"),
    ({"name": "", "role": "translator", "all_languages": "y"}, 400, "This field is required"),
])
def test_a_bad_new_account_is_refused_on_the_form(admin, data, status, message):
    response = _post(admin, "/users/", is_active="y", **data)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert SECRET.search(response.get_data(as_text=True)) is None


def test_the_admin_changes_role_languages_and_state(admin, app, users, web_project):
    tina = app.test_client()
    login(tina, users.translator)
    response = _post(admin, "/users/tina", role="reviewer", languages=["ja", "ar"], is_active="y")
    assert response.status_code == 302
    account = user_service.get_user(web_project, "tina")
    assert (account.role.slug, account.languages) == ("reviewer", ("ja", "ar"))
    assert tina.get("/api/me").get_json()["role"] == "reviewer"          # applies to her next request
    page = admin.get("/users/tina").get_data(as_text=True)
    assert "Saved tina." in page
    assert re.search(r'<option selected value="reviewer">|<option value="reviewer" selected>', page)
    assert _post(admin, "/users/tina", role="reviewer", languages=["ja"]).status_code == 302   # unticked: disabled
    assert not user_service.get_user(web_project, "tina").is_active
    assert tina.get("/api/me").status_code == 401                        # her session ended
    assert tina.get("/api/me", headers=bearer(users.translator)).status_code == 403     # and her token


def test_the_last_admin_keeps_the_role(admin, web_project):
    response = _post(admin, "/users/ada", role="approver", all_languages="y", is_active="y")
    assert response.status_code == 409
    assert "ada is the last active admin" in response.get_data(as_text=True)
    assert _post(admin, "/users/ada/delete", confirm="ada").status_code == 409
    assert user_service.get_user(web_project, "ada").role.slug == "admin"


def test_a_new_password_is_shown_once_and_ends_the_old_one(admin, app, users):
    response = _post(admin, "/users/rita/password")
    assert response.status_code == 200
    password = _secret(response)
    fresh = app.test_client()
    assert login(fresh, users.reviewer).status_code == 401
    assert login(fresh, WebUser("rita", "reviewer", password, "")).status_code == 302


def test_revoking_an_accounts_tokens_stops_its_api_calls(admin, client, users):
    assert client.get("/api/me", headers=bearer(users.reviewer)).status_code == 200
    page = admin.get("/users/rita").get_data(as_text=True)
    assert "<td>tests</td>" in page and "Revoke every token" in page
    response = _post(admin, "/users/rita/tokens/revoke")
    assert response.status_code == 302
    assert "Revoked 1 API token of rita." in admin.get("/users/rita").get_data(as_text=True)
    assert client.get("/api/me", headers=bearer(users.reviewer)).status_code == 403


def test_deleting_an_account_needs_its_name_typed(admin, web_project):
    response = _post(admin, "/users/dirk/delete", confirm="dir")
    assert response.status_code == 400 and "type its name (dirk)" in response.get_data(as_text=True)
    assert user_service.user_exists(web_project, "dirk")
    response = _post(admin, "/users/dirk/delete", confirm="dirk")
    assert response.status_code == 302 and response.headers["Location"] == "/users/"
    assert not user_service.user_exists(web_project, "dirk")
    assert admin.get("/users/dirk").status_code == 404


def test_forms_without_the_csrf_token_change_nothing(admin, web_project):
    assert admin.post("/users/", data={"name": "nora", "role": "admin", "all_languages": "y"}).status_code == 400
    assert admin.post("/users/dirk/delete", data={"confirm": "dirk"}).status_code == 400
    assert admin.post("/account/tokens", data={"label": "x"}).status_code == 400
    assert not user_service.user_exists(web_project, "nora") and user_service.user_exists(web_project, "dirk")


# -- one's own account ----------------------------------------------------------------------------
def test_changing_ones_password_keeps_this_session_and_ends_the_others(client, app, users):
    login(client, users.translator)
    other = app.test_client()
    login(other, users.translator)
    assert _post(client, "/account/password", current="wrong password", new="a new passphrase",
                 confirm="a new passphrase").status_code == 400
    mismatch = _post(client, "/account/password", current=PASSWORD, new="a new passphrase", confirm="another one")
    assert mismatch.status_code == 400 and "the two new passwords differ" in mismatch.get_data(as_text=True)
    short = _post(client, "/account/password", current=PASSWORD, new="short", confirm="short")
    assert short.status_code == 400
    common = _post(client, "/account/password", current=PASSWORD, new="password123", confirm="password123")
    assert common.status_code == 400 and "common password" in common.get_data(as_text=True)
    spaces = _post(client, "/account/password", current=PASSWORD, new=" " * 10, confirm=" " * 10)
    assert spaces.status_code == 400
    response = _post(client, "/account/password", current=PASSWORD, new="a new passphrase",
                     confirm="a new passphrase")
    assert response.status_code == 302
    assert client.get("/api/me").get_json()["name"] == "tina"             # still signed in here
    assert other.get("/api/me").status_code == 401                       # not there
    fresh = app.test_client()
    assert login(fresh, WebUser("tina", "translator", "a new passphrase", "")).status_code == 302


def test_signing_out_everywhere_ends_every_session_of_ones_account(client, app, users):
    login(client, users.translator)
    laptop, phone, someone_else = app.test_client(), app.test_client(), app.test_client()
    login(laptop, users.translator, remember="y")
    login(phone, users.translator)
    login(someone_else, users.reviewer)
    page = client.get("/account").get_data(as_text=True)
    assert 'action="/account/sessions/end"' in page and "Sign out everywhere" in page
    response = _post(client, "/account/sessions/end")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    for browser in (client, laptop, phone):
        assert browser.get("/api/me").status_code == 401
    assert someone_else.get("/api/me").status_code == 200


def test_the_admin_signs_an_account_out_everywhere(admin, app, users):
    tina = app.test_client()
    login(tina, users.translator)
    assert "Signed in in 1 browser;" in admin.get("/users/tina").get_data(as_text=True)
    response = _post(admin, "/users/tina/sessions/end")
    assert response.status_code == 302
    assert "Ended 1 session of tina." in admin.get("/users/tina").get_data(as_text=True)
    assert tina.get("/api/me").status_code == 401
    assert tina.get("/api/me", headers=bearer(users.translator)).status_code == 200    # tokens keep working
    assert admin.get("/api/me").status_code == 200                                  # the admin's own session
    translator = app.test_client()
    login(translator, users.translator)
    assert _post(translator, "/users/rita/sessions/end").status_code == 403


def test_pages_that_show_a_new_password_or_token_are_never_stored(admin):
    created = _post(admin, "/users/", name="nora", role="translator", languages="ja")
    password = _post(admin, "/users/nora/password")
    token = _post(admin, "/account/tokens", label="laptop")
    for response in (created, password, token):
        assert response.status_code in (200, 201) and _secret(response)
        assert response.headers["Cache-Control"] == "no-store"
    assert admin.get("/account").headers["Cache-Control"] == "no-store"


def test_ones_own_tokens_are_made_shown_once_and_revoked(client, users, web_project):
    login(client, users.translator)
    page = client.get("/account").get_data(as_text=True)
    assert "<td>tests</td>" in page and 'for="label">Label</label>' in page
    response = _post(client, "/account/tokens", label="laptop")
    assert response.status_code == 201
    token = _secret(response)
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).get_json()["name"] == "tina"
    listed = {t.label: t.id for t in user_service.list_tokens(web_project, "tina")}
    rita_token = user_service.list_tokens(web_project, "rita")[0].id
    assert _post(client, f"/account/tokens/{rita_token}/revoke").status_code == 404    # not hers
    assert _post(client, f"/account/tokens/{listed['laptop']}/revoke").status_code == 302
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 403
    assert client.get("/api/me", headers=bearer(users.translator)).status_code == 200   # her other token
    assert client.get("/api/me", headers=bearer(users.reviewer)).status_code == 200


def test_every_account_page_links_ones_own_account(client, users):
    login(client, users.approver)
    html = client.get("/").get_data(as_text=True)
    assert '<a href="/account" title="Your account">alex</a>' in html
