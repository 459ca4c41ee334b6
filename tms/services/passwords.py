"""The password policy, one for the command line and the web: long enough, not only spaces, and not easy to
guess (zxcvbn's offline estimate, which knows the passwords most common in published breaches, keyboard
walks, dates, repeats and the account's own name)."""
from __future__ import annotations

import zxcvbn

from tms.errors import InputError

MIN_PASSWORD = 8
MAX_PASSWORD = 1024
#: zxcvbn's score (0-4) a password needs: 3 is "safely unguessable" for an attacker who has stolen the
#: hashes and tries guesses offline; 2 and below includes every listed common or breached password.
MIN_SCORE = 3
#: zxcvbn looks at this many characters at most; a longer password is at least as strong as its start.
_ESTIMATED_LENGTH = 72


def check_password(password: str, name: str = "") -> str:
    """Return ``password`` if the policy accepts it for the account ``name``, else raise ``InputError``."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InputError(f"password too short: use at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise InputError(f"password too long: use at most {MAX_PASSWORD} characters")
    if not password.strip():
        raise InputError("password has only spaces: use words, letters or digits")
    result = zxcvbn.zxcvbn(password[:_ESTIMATED_LENGTH], user_inputs=[name] if name else None)
    if result["score"] < MIN_SCORE:
        feedback = result["feedback"]
        why = (feedback.get("warning") or "it is too easy to guess").rstrip(".")
        hint = " ".join(feedback.get("suggestions") or ["Use a few uncommon words, or let tms generate one."])
        raise InputError(f"password refused: {why[0].lower()}{why[1:]}. {hint}")
    return password
