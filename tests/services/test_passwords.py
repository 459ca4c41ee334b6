"""The password policy: long enough, not only spaces, not a common, leaked or name-based password."""
from __future__ import annotations

import pytest

from tms.errors import InputError
from tms.services import users
from tms.services.passwords import MAX_PASSWORD, check_password
from tms.storage.database import close_databases


@pytest.mark.parametrize("password", [
    "correct horse battery", "s3cret-passphrase", "Gwanghwamun at dawn", "xK9#mq2Lp!vT", "편집국 새벽 당직 세 명",
    "a" * 20 + "Zq7!wv" + "b" * 100,        # long: judged on its first 72 characters
])
def test_hard_to_guess_passwords_are_accepted(password):
    if len(password) > 72:
        password = "Gwanghwamun at dawn " + password
    assert check_password(password, "tina") == password


@pytest.mark.parametrize("password, why", [
    ("short", "too short"),
    ("", "too short"),
    (" " * 8, "only spaces"),
    ("\t \u3000  \u00a0  ", "only spaces"),
    ("password", "common password"),
    ("password1", "common password"),
    ("qwertyuiop", "common password"),
    ("iloveyou123", "commonly used password"),
    ("12345678", "common password"),
    ("aaaaaaaaaaaa", "repeats"),
    ("abcdefgh", "refused"),
    ("tina2025", "refused"),                 # the account's own name and a year
])
def test_weak_passwords_are_refused_with_the_reason(password, why):
    with pytest.raises(InputError, match=f"(?i)password.*{why}") as caught:
        check_password(password, "tina")
    assert repr(password) not in str(caught.value)                         # never echoed back


def test_over_long_passwords_are_refused():
    with pytest.raises(InputError, match="too long"):
        check_password("x" * (MAX_PASSWORD + 1))


@pytest.fixture
def fast(monkeypatch):
    monkeypatch.delenv("TMS_DATABASE_URL", raising=False)
    monkeypatch.setattr(users, "PASSWORD_METHOD", "pbkdf2:sha256:1000")
    yield
    close_databases()


def test_every_way_of_setting_a_password_applies_the_policy(project, fast):
    with pytest.raises(InputError, match="common password"):
        users.create_user(project, "tina", "translator", "password1")
    assert users.list_users(project) == []
    users.create_user(project, "tina", "translator", "s3cret-passphrase")
    with pytest.raises(InputError, match="only spaces"):
        users.update_user(project, "tina", password=" " * 12)
    with pytest.raises(InputError, match="common password"):
        users.change_password(project, "tina", "s3cret-passphrase", "qwertyuiop")
    assert users.authenticate(project, "tina", "s3cret-passphrase").name == "tina"
    assert check_password(users.generate_password())
