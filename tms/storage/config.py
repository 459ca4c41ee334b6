"""Project settings from ``tms.toml``, with defaults for everything."""
from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

from tms.errors import InputError
from tms.storage.files import atomic_write

DEFAULTS: dict[str, Any] = {
    "project": {"name": "tms"},
    "import": {"max_bytes": 5_000_000},
    "prefill": {"engine": "memory"},
    "memory": {"threshold": 75},
    "publication": {"max_unmodified_machine_percent": 95.0},
    "checks": {"disabled": [], "max_length_ratio": 3.0},
    "engines": {},
}

TEMPLATE = """\
# tms project settings. Every key is optional; these are the defaults.
[project]
name = "tms"

[import]
max_bytes = 5000000          # larger source files are refused

[prefill]
# An engine, or a chain asked in order (each entry filled by the first engine that can), e.g.
# ["memory", "apertium"]: memory and apertium (offline), libre, google, microsoft, mymemory, deepl,
# yandex, baidu, pseudo
engine = "memory"

[memory]
threshold = 75               # lowest fuzzy-match score the translation memory offers

[publication]
max_unmodified_machine_percent = 95.0   # certification is refused above this share of untouched MT

[checks]
disabled = []                # check ids switched off for the whole project

# [engines.libre]
# url = "http://127.0.0.1:5000"

# [engines.apertium]
# url = "http://127.0.0.1:2737"   # an APy server; unset: the local apertium command (Debian packages)
# pivot = true                    # translate through a third language where no direct pair is installed
"""


def _merge(base: dict, extra: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_settings(path: Path) -> dict[str, Any]:
    """The settings in ``path`` merged over the defaults; a missing file means all defaults.

    The file is parsed once per version of its text in a process; each caller gets its own copy.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        return copy.deepcopy(DEFAULTS)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc})") from exc
    cached = _parsed.get(str(path))
    if cached is None or cached[0] != text:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"{path}: {exc}; fix the TOML syntax") from exc
        cached = _parsed[str(path)] = (text, _merge(DEFAULTS, data))
    return copy.deepcopy(cached[1])


_parsed: dict[str, tuple[str, dict[str, Any]]] = {}


def write_default_settings(path: Path) -> bool:
    """Create ``tms.toml`` with the commented defaults unless it exists; True if it was created."""
    if Path(path).exists():
        return False
    atomic_write(path, TEMPLATE)
    return True
