"""Accounts: creation, passwords, sign-in throttling, API tokens and the permission rules."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, event, select

from tests.concurrency import at_once, in_processes

from tms.errors import Conflict, InputError, NotFound, PermissionDenied, Throttled
from tms.services import sessions, users
from tms.services.users import Account, AccountRole, require
from tms.storage.database import ApiToken, LoginAttempt, User, close_databases, get_database

PASSWORD = "s3cret-passphrase"
#: Cheap hashing for the tests; production keeps scrypt (see test_production_hashing_is_scrypt).
FAST_HASH = "pbkdf2:sha256:1000"


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.delenv("TMS_DATABASE_URL", raising=False)
    monkeypatch.setattr(users, "PASSWORD_METHOD", FAST_HASH)
    yield
    close_databases()


def test_create_and_list_accounts(project):
    users.create_user(project, "tina", "translator", PASSWORD, "zh,ja")
    users.create_user(project, "ada", AccountRole.ADMIN, PASSWORD)
    listed = {a.name: a for a in users.list_users(project)}
    assert listed["tina"].role is AccountRole.TRANSLATOR
    assert listed["tina"].languages == ("ja", "zh")            # kept in site order
    assert listed["ada"].languages is None and listed["ada"].languages_label == "all"
    assert users.get_user(project, "tina").may_work_in("ja")
    assert not users.get_user(project, "tina").may_work_in("ar")


def test_production_hashing_is_scrypt(project, monkeypatch):
    monkeypatch.undo()
    monkeypatch.delenv("TMS_DATABASE_URL", raising=False)
    assert users.PASSWORD_METHOD == "scrypt"
    users.create_user(project, "tina", "translator", PASSWORD)
    with get_database(project).session() as session:
        stored = session.scalar(select(User.password_hash))
    assert PASSWORD not in stored and stored.startswith("scrypt:")
    assert users.authenticate(project, "tina", PASSWORD).name == "tina"


@pytest.mark.parametrize("name, role, password, langs, message", [
    ("bad name", "translator", PASSWORD, None, "invalid user name"),
    ("tina\n", "translator", PASSWORD, None, "invalid user name"),
    ("tina\x00", "translator", PASSWORD, None, "invalid user name"),
    ("../x", "translator", PASSWORD, None, "invalid user name"),
    ("tina", "boss", PASSWORD, None, "unknown role 'boss'"),
    ("tina", "translator", "short", None, "at least 8"),
    ("tina", "translator", PASSWORD, "ja,xx", "unknown language code 'xx'"),
])
def test_bad_account_data_is_refused(project, name, role, password, langs, message):
    with pytest.raises(InputError, match=message):
        users.create_user(project, name, role, password, langs)
    assert users.list_users(project) == []


def test_duplicate_name_is_a_conflict(project):
    users.create_user(project, "tina", "translator", PASSWORD)
    with pytest.raises(Conflict, match="already exists"):
        users.create_user(project, "tina", "admin", PASSWORD)


def test_unknown_user_is_not_found(project):
    with pytest.raises(NotFound, match="tms user add"):
        users.get_user(project, "nobody")


def test_authenticate(project):
    users.create_user(project, "tina", "translator", PASSWORD)
    assert users.authenticate(project, "tina", PASSWORD, "127.0.0.1").name == "tina"
    with pytest.raises(PermissionDenied, match="wrong user name or password"):
        users.authenticate(project, "tina", "wrong password", "127.0.0.1")
    with pytest.raises(PermissionDenied, match="wrong user name or password"):
        users.authenticate(project, "nobody", PASSWORD, "127.0.0.1")


def test_failed_sign_ins_are_throttled_per_name(project, monkeypatch):
    monkeypatch.setattr(users, "MAX_FAILURES_PER_NAME", 2)
    users.create_user(project, "tina", "translator", PASSWORD)
    for _ in range(2):
        with pytest.raises(PermissionDenied):
            users.authenticate(project, "tina", "wrong password", "10.0.0.1")
    with pytest.raises(Throttled, match="too many failed sign-ins"):
        users.authenticate(project, "tina", PASSWORD, "10.0.0.2")     # even the right password, for a while


def test_failed_sign_ins_are_throttled_per_address(project, monkeypatch):
    monkeypatch.setattr(users, "MAX_FAILURES_PER_REMOTE", 2)
    users.create_user(project, "tina", "translator", PASSWORD)
    for name in ("a1", "a2"):
        with pytest.raises(PermissionDenied):
            users.authenticate(project, name, "wrong password", "10.0.0.9")
    with pytest.raises(Throttled):
        users.authenticate(project, "tina", PASSWORD, "10.0.0.9")
    assert users.authenticate(project, "tina", PASSWORD, "10.0.0.10").name == "tina"


def test_forty_parallel_guesses_get_exactly_five_password_checks(project):
    users.create_user(project, "tina", "translator", PASSWORD)
    outcomes = at_once(users.authenticate, [(project, "tina", f"guess {i}", "10.0.0.1") for i in range(40)])
    checked = [o for o in outcomes if isinstance(o, PermissionDenied) and not isinstance(o, Throttled)]
    throttled = [o for o in outcomes if isinstance(o, Throttled)]
    assert (len(checked), len(throttled)) == (users.MAX_FAILURES_PER_NAME, 40 - users.MAX_FAILURES_PER_NAME)


def test_parallel_guesses_from_one_address_at_many_names_are_held_to_its_limit(project):
    outcomes = at_once(users.authenticate, [(project, f"name{i}", "guess", "10.0.0.7") for i in range(40)])
    checked = [o for o in outcomes if isinstance(o, PermissionDenied) and not isinstance(o, Throttled)]
    assert len(checked) == users.MAX_FAILURES_PER_REMOTE


def test_successful_sign_ins_do_not_count_against_the_address(project, monkeypatch):
    monkeypatch.setattr(users, "MAX_FAILURES_PER_REMOTE", 3)
    users.create_user(project, "tina", "translator", PASSWORD)
    for _ in range(6):                  # an office behind one address signs in all day
        assert users.authenticate(project, "tina", PASSWORD, "10.0.0.1").name == "tina"


def test_successful_sign_in_clears_the_failures(project):
    users.create_user(project, "tina", "translator", PASSWORD)
    with pytest.raises(PermissionDenied):
        users.authenticate(project, "tina", "wrong password")
    users.authenticate(project, "tina", PASSWORD)
    with get_database(project).session() as session:
        assert session.scalars(select(LoginAttempt).where(LoginAttempt.name == "tina")).all() == []


def test_disabled_account_cannot_sign_in(project):
    users.create_user(project, "tina", "translator", PASSWORD)
    users.update_user(project, "tina", is_active=False)
    with pytest.raises(PermissionDenied):
        users.authenticate(project, "tina", PASSWORD)


def test_new_password_ends_old_sessions(project):
    account = users.create_user(project, "tina", "translator", PASSWORD)
    session_id = sessions.start_session(project, account)
    assert sessions.user_for_session(project, session_id) == account
    users.update_user(project, "tina", password="another passphrase")
    assert sessions.user_for_session(project, session_id) is None
    assert sessions.user_for_session(project, "garbage") is None
    assert users.authenticate(project, "tina", "another passphrase").name == "tina"


def test_api_tokens_are_stored_as_digests(project):
    users.create_user(project, "tina", "translator", PASSWORD, "ja")
    token = users.create_token(project, "tina", "ci")
    assert token.startswith("tms_") and len(token) > 40
    assert users.user_for_token(project, token).name == "tina"
    with get_database(project).session() as session:
        digests = session.scalars(select(ApiToken.digest)).all()
    assert token not in digests and len(digests) == 1
    for bad in ("", "tms_nope", token + "x", "Bearer " + token):
        with pytest.raises(PermissionDenied, match="invalid API token"):
            users.user_for_token(project, bad)


def test_a_token_gives_its_owners_account_as_a_session_would(project):
    users.create_user(project, "tina", "translator", PASSWORD, "ja")
    users.create_user(project, "rita", "reviewer", PASSWORD, "ja,ar")
    for label in ("one", "two", "three"):                # token ids now differ from the user ids
        users.create_token(project, "tina", label)
    token = users.create_token(project, "rita", "ci")
    by_token = users.user_for_token(project, token)
    by_password = users.authenticate(project, "rita", PASSWORD)
    assert by_token == by_password
    assert (by_token.name, by_token.role, by_token.languages) == ("rita", users.AccountRole.REVIEWER, ("ja", "ar"))


def test_revoked_and_disabled_tokens_stop_working(project):
    users.create_user(project, "tina", "translator", PASSWORD)
    token = users.create_token(project, "tina")
    users.update_user(project, "tina", is_active=False)
    with pytest.raises(PermissionDenied):
        users.user_for_token(project, token)
    users.update_user(project, "tina", is_active=True)
    assert users.revoke_tokens(project, "tina") == 1
    with pytest.raises(PermissionDenied):
        users.user_for_token(project, token)


def test_delete_user_removes_tokens(project):
    users.create_user(project, "tina", "translator", PASSWORD)
    token = users.create_token(project, "tina")
    users.delete_user(project, "tina")
    with pytest.raises(PermissionDenied):
        users.user_for_token(project, token)
    with pytest.raises(NotFound):
        users.delete_user(project, "tina")


def test_the_last_active_admin_cannot_be_demoted_disabled_or_deleted(project):
    users.create_user(project, "ada", "admin", PASSWORD)
    for change in (lambda: users.update_user(project, "ada", role="approver"),
                   lambda: users.update_user(project, "ada", is_active=False),
                   lambda: users.delete_user(project, "ada")):
        with pytest.raises(Conflict, match="ada is the last active admin"):
            change()
    assert users.get_user(project, "ada").role is AccountRole.ADMIN and users.get_user(project, "ada").is_active
    users.update_user(project, "ada", languages="ja", password="another passphrase")     # other changes are fine
    users.create_user(project, "bob", "admin", PASSWORD)
    users.update_user(project, "bob", is_active=False)
    with pytest.raises(Conflict):                          # a disabled admin does not count
        users.delete_user(project, "ada")
    users.update_user(project, "bob", is_active=True)
    users.update_user(project, "ada", role="approver")     # bob is still an admin
    assert users.get_user(project, "ada").role is AccountRole.APPROVER
    users.create_user(project, "tina", "translator", PASSWORD)
    users.delete_user(project, "tina")                     # not an admin: no question


def test_changing_ones_own_password_needs_the_current_one(project):
    users.create_user(project, "tina", "translator", PASSWORD)
    with pytest.raises(PermissionDenied, match="wrong user name or password"):
        users.change_password(project, "tina", "not it at all", "a new passphrase")
    with get_database(project).session() as session:       # the wrong try counts as a failed sign-in
        assert session.scalars(select(LoginAttempt.name)).all() == ["tina"]
    with pytest.raises(InputError, match="too short"):
        users.change_password(project, "tina", PASSWORD, "short")
    old_session = sessions.start_session(project, users.get_user(project, "tina"))
    users.change_password(project, "tina", PASSWORD, "a new passphrase")
    assert sessions.user_for_session(project, old_session) is None
    assert users.authenticate(project, "tina", "a new passphrase").name == "tina"


def test_tokens_are_listed_counted_and_revoked_one_by_one(project):
    users.create_user(project, "tina", "translator", PASSWORD)
    users.create_user(project, "rita", "reviewer", PASSWORD)
    first = users.create_token(project, "tina", "laptop")
    second = users.create_token(project, "tina", "ci")
    other = users.create_token(project, "rita")
    users.user_for_token(project, second)
    listed = users.list_tokens(project, "tina")
    assert [t.label for t in listed] == ["laptop", "ci"]
    assert listed[0].last_used is None and listed[1].last_used is not None
    assert users.token_counts(project) == {"tina": 2, "rita": 1}
    rita_token = users.list_tokens(project, "rita")[0]
    with pytest.raises(NotFound, match="tina has no API token"):
        users.revoke_token(project, "tina", rita_token.id)     # not hers
    users.revoke_token(project, "tina", listed[1].id)
    with pytest.raises(PermissionDenied):
        users.user_for_token(project, second)                  # trusted before, refused at once now
    assert users.user_for_token(project, first).name == "tina"
    assert users.user_for_token(project, other).name == "rita"
    assert users.token_counts(project) == {"tina": 1, "rita": 1}


class _Queries:
    """Counts the statements sent to a database."""

    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args):
        self.count += 1


def test_a_checked_token_is_trusted_without_a_query_for_a_while(project, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(users, "_clock", lambda: now[0])
    users.create_user(project, "tina", "translator", PASSWORD, "ja")
    token = users.create_token(project, "tina")
    queries = _Queries(get_database(project).engine)
    assert users.user_for_token(project, token).name == "tina"
    first = queries.count
    assert first >= 1
    now[0] += users.TOKEN_TRUST_SECONDS - 1
    assert users.user_for_token(project, token).name == "tina"
    assert queries.count == first                          # trusted: no query
    now[0] += 2
    assert users.user_for_token(project, token).name == "tina"
    assert queries.count > first                           # trust ran out: asked again


def test_a_token_removed_behind_tms_back_stops_working_when_the_trust_runs_out(project, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(users, "_clock", lambda: now[0])
    users.create_user(project, "tina", "translator", PASSWORD)
    token = users.create_token(project, "tina")
    users.user_for_token(project, token)
    with get_database(project).session() as session:      # not through tms: no change stamp
        session.execute(delete(ApiToken))
    now[0] += users.TOKEN_TRUST_SECONDS + 1
    with pytest.raises(PermissionDenied):
        users.user_for_token(project, token)


@pytest.mark.parametrize("change", [
    lambda project: users.revoke_tokens(project, "tina"),
    lambda project: users.update_user(project, "tina", is_active=False),
    lambda project: users.delete_user(project, "tina"),
], ids=["revoked", "disabled", "deleted"])
def test_changes_made_through_tms_end_the_trust_at_once(project, change):
    users.create_user(project, "tina", "translator", PASSWORD)
    token = users.create_token(project, "tina")
    users.user_for_token(project, token)                   # now trusted
    change(project)
    with pytest.raises(PermissionDenied):
        users.user_for_token(project, token)


def test_a_new_role_applies_to_the_next_call(project):
    users.create_user(project, "tina", "translator", PASSWORD, "ja")
    token = users.create_token(project, "tina")
    assert users.user_for_token(project, token).role is AccountRole.TRANSLATOR
    users.update_user(project, "tina", role="reviewer", languages="ja,zh")
    account = users.user_for_token(project, token)
    assert (account.role, account.languages) == (AccountRole.REVIEWER, ("ja", "zh"))


def _revoke_in_child(root: str) -> None:
    from tms.storage.layout import Project

    users.revoke_tokens(Project(root), "tina")


def test_a_token_revoked_by_another_process_stops_working_here(project):
    users.create_user(project, "tina", "translator", PASSWORD)
    token = users.create_token(project, "tina")
    users.user_for_token(project, token)
    assert in_processes(_revoke_in_child, [(str(project.root),)]) == [0]
    with pytest.raises(PermissionDenied):
        users.user_for_token(project, token)


def _account(role: AccountRole, langs=("ja",)) -> Account:
    return Account(1, role.slug, role, langs)


@pytest.mark.parametrize("role, action, lang, allowed", [
    (AccountRole.TRANSLATOR, "edit", "ja", True),
    (AccountRole.TRANSLATOR, "edit", "ar", False),         # not granted
    (AccountRole.TRANSLATOR, "approve", "ja", False),
    (AccountRole.REVIEWER, "approve", "ja", True),
    (AccountRole.REVIEWER, "approve", "ar", False),
    (AccountRole.REVIEWER, "certify", "ja", False),
    (AccountRole.APPROVER, "certify", "ja", True),
    (AccountRole.APPROVER, "certify", "de", False),
    (AccountRole.APPROVER, "manage-users", None, False),
    (AccountRole.ADMIN, "certify", "ar", True),            # admins work in every language
    (AccountRole.ADMIN, "manage-users", None, True),
])
def test_permission_rules(role, action, lang, allowed):
    account = _account(role)
    if allowed:
        assert require(account, action, lang) is account
    else:
        with pytest.raises(PermissionDenied):
            require(account, action, lang)


def test_nobody_and_disabled_accounts_may_do_nothing():
    with pytest.raises(PermissionDenied, match="sign in"):
        require(None, "edit", "ja")
    disabled = Account(1, "x", AccountRole.ADMIN, None, is_active=False)
    with pytest.raises(PermissionDenied):
        require(disabled, "edit", "ja")


def test_the_accounts_to_notify_are_read_once_until_one_changes(project, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(users, "_clock", lambda: now[0])
    users.create_user(project, "tina", "translator", PASSWORD, "ja")
    queries = _Queries(get_database(project).engine)
    assert [a.name for a in users.known_accounts(project)] == ["tina"]
    first = queries.count
    assert [a.name for a in users.known_accounts(project)] == ["tina"] and queries.count == first   # kept
    users.create_user(project, "rita", "reviewer", PASSWORD, "ja")                 # through tms: read again
    assert [a.name for a in users.known_accounts(project)] == ["rita", "tina"]
    users.update_user(project, "rita", is_active=False)
    assert [a.is_active for a in users.known_accounts(project)] == [False, True]
    with get_database(project).session() as session:                               # behind tms's back
        session.execute(delete(User).where(User.name == "tina"))
    assert [a.name for a in users.known_accounts(project)] == ["rita", "tina"]
    now[0] += users.TOKEN_TRUST_SECONDS + 1                                        # until the trust runs out
    assert [a.name for a in users.known_accounts(project)] == ["rita"]
