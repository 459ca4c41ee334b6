"""The one exception hierarchy of tms: every error a user can cause is a ``TmsError``."""
from __future__ import annotations


class TmsError(Exception):
    """Base of every error tms reports to a user; the message says what, where and what to do."""


class InputError(TmsError):
    """Bad input: an unreadable article, an unknown language, an unsafe id, a bad setting."""


class CatalogError(TmsError):
    """A PO, POT or MO file that cannot be read or written; carries the path and line."""

    def __init__(self, path, why: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.why = why
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {why}")


class PartialFailure(TmsError):
    """A batch in which some items failed: ``done`` holds what succeeded, ``failures`` (item, error) the rest."""

    def __init__(self, done: list, failures: list[tuple[str, TmsError]]):
        self.done = done
        self.failures = failures
        lines = [f"{item}: {error}" if not str(error).startswith(str(item)) else str(error)
                 for item, error in failures]
        super().__init__(f"{len(failures)} of {len(done) + len(failures)} failed:\n" + "\n".join(lines))


class NotSaved(TmsError, OSError):
    """A file that could not be written (a read-only folder, a full disk): nothing was changed, and what the
    user sent was not saved. Also an ``OSError``, so callers that handle those keep working."""


class NotFound(TmsError):
    """An article, language, segment or user that does not exist."""


class Conflict(TmsError):
    """A change based on a stale revision, or an id that is already taken."""

    def __init__(self, message: str, current=None):
        super().__init__(message)
        self.current = current


class ConfirmationRequired(Conflict):
    """The change needs the person's explicit say first (``confirm``: what to confirm, as the API names it)."""

    def __init__(self, message: str, confirm: str, current=None):
        super().__init__(message, current)
        self.confirm = confirm


class PermissionDenied(TmsError):
    """The signed-in user may not do this."""


class EngineError(TmsError):
    """A machine-translation engine failed or refused a request."""


class UnsupportedLanguage(EngineError):
    """The engine does not serve this language pair; raised before anything is sent."""


class RateLimited(EngineError):
    """The engine asked us to slow down (HTTP 429 or a quota message)."""


class EngineUnavailable(EngineError):
    """The engine is paused after repeated failures, or cannot be reached."""


class InvalidTranslation(EngineError):
    """The engine answered with something that is not a usable translation."""


class Throttled(PermissionDenied):
    """Too many failed sign-ins from one name or address; try again later."""
