"""The settings an engine accepts, and their conversion from ``tms.toml`` or environment strings."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tms.errors import InputError


@dataclass(frozen=True)
class Setting:
    """One setting an engine accepts from ``tms.toml`` or ``TMS_<ENGINE>_<KEY>``."""

    default: Any
    kind: type
    help: str
    is_secret: bool = False         # never logged, shown, stored or part of a cache key
    is_required: bool = False
    is_operational: bool = False    # changes how we ask, not what comes back: not part of the cache key


#: Settings every engine that sends requests accepts.
REQUEST_SETTINGS: dict[str, Setting] = {
    "timeout": Setting(20.0, float, "seconds to wait for one request", is_operational=True),
    "retries": Setting(3, int, "retries of a request after a rate limit, 5xx or connection error",
                       is_operational=True),
    "backoff": Setting(1.0, float, "seconds before the first retry; doubled each retry, with jitter",
                       is_operational=True),
    "max_backoff": Setting(60.0, float, "longest wait between retries", is_operational=True),
    "pause_after": Setting(3, int, "failed requests in a row after which the engine pauses",
                           is_operational=True),
    "pause_seconds": Setting(300.0, float, "how long a paused engine stays paused", is_operational=True),
}
CODES_SETTING = Setting({}, dict, "language-code overrides, e.g. {zh = \"zh-Hans\"}")


def cast_setting(engine: str, key: str, setting: Setting, value: Any) -> Any:
    """``value`` converted to the setting's type; ``InputError`` naming the engine and key otherwise."""
    kind = setting.kind
    try:
        if kind is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError(value)
        if kind is dict:
            if isinstance(value, dict):
                return {str(k): str(v) for k, v in value.items()}
            pairs = [part.partition("=") for part in str(value).split(",") if part.strip()]
            if any(not sep for _, sep, _ in pairs):
                raise ValueError(value)
            return {k.strip(): v.strip() for k, _, v in pairs}
        if kind in (int, float) and isinstance(value, bool):
            raise ValueError(value)
        return kind(value)
    except (TypeError, ValueError):
        shown = "***" if setting.is_secret else repr(value)
        raise InputError(f"engine {engine!r}: setting {key} = {shown} is not a valid {kind.__name__}") from None


def env_variable(name: str, key: str) -> str:
    """The environment variable that sets ``key`` of engine ``name`` (``TMS_DEEPL_API_KEY``)."""
    return f"TMS_{name.upper().replace('-', '_')}_{key.upper()}"
