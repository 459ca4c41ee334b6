"""Project settings from ``tms.toml``: one typed, validated ``Settings`` built once per version of the file.

Every default is declared once, on the dataclasses below (the template ``tms init`` writes says the same).
A value of the wrong type or out of range is refused when the file is read, with the
file, the section and the key, so the services use ``settings.memory.threshold`` and the like without
checking them again. Sections tms does not know are kept in ``Settings.extra`` as read.
"""
from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tms.errors import InputError
from tms.storage.files import atomic_write


@dataclass(frozen=True)
class ProjectSection:
    """``[project]``"""

    name: str = "tms"


@dataclass(frozen=True)
class ImportSection:
    """``[import]``: larger source files are refused."""

    max_bytes: int = 5_000_000


@dataclass(frozen=True)
class PrefillSection:
    """``[prefill]``: the engine ``tms prefill`` uses by default."""

    engine: str = "memory"


@dataclass(frozen=True)
class MemorySection:
    """``[memory]``: the lowest fuzzy-match score (0-100) the translation memory offers."""

    threshold: float = 75.0


@dataclass(frozen=True)
class PublicationSection:
    """``[publication]``: the highest share (percent) of unmodified machine output a certified catalog may have,
    and whether machine output no person reviewed may be published at all (marked as machine translation)."""

    max_unmodified_machine_percent: float = 95.0
    max_unmodified_machine_percent_by_language: dict[str, float] = field(default_factory=dict)
    publish_machine_translation: bool = False

    def machine_limit(self, lang: str) -> float:
        """The limit for ``lang``: its own if it has one, else the project's."""
        return self.max_unmodified_machine_percent_by_language.get(lang, self.max_unmodified_machine_percent)


@dataclass(frozen=True)
class ChecksSection:
    """``[checks]``: check ids switched off for the whole project, and the length check's ratio."""

    disabled: tuple[str, ...] = ()
    max_length_ratio: float = 3.0


@dataclass(frozen=True)
class CatalogsSection:
    """``[catalogs]``: the page width catalogs are written at. ``None`` keeps each file's own (wrapped at 79
    columns if it was, else not); 79 wraps as GNU msgcat does; 0 never wraps."""

    wrap: int | None = None


@dataclass(frozen=True)
class Settings:
    """The settings of one project."""

    project: ProjectSection = ProjectSection()
    import_: ImportSection = ImportSection()
    prefill: PrefillSection = PrefillSection()
    memory: MemorySection = MemorySection()
    publication: PublicationSection = PublicationSection()
    checks: ChecksSection = ChecksSection()
    catalogs: CatalogsSection = CatalogsSection()
    engines: dict[str, dict[str, Any]] = field(default_factory=dict)   # [engines.NAME], checked by the engine
    extra: dict[str, Any] = field(default_factory=dict)                # sections tms does not know ([render]...)

    def section(self, name: str) -> dict[str, Any]:
        """An unknown section as read (``{}`` if the file has none)."""
        value = self.extra.get(name, {})
        return value if isinstance(value, dict) else {}


_SECTIONS = {"project": "project", "import": "import_", "prefill": "prefill", "memory": "memory",
             "publication": "publication", "checks": "checks", "catalogs": "catalogs"}


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
max_length_ratio = 3.0       # the length check's limit, against the usual length for the language pair

[catalogs]
# wrap = 79                  # page width of written catalogs: 79 as GNU msgcat, 0 never; unset: as each file is

# [engines.libre]
# url = "http://127.0.0.1:5000"

# [engines.apertium]
# url = "http://127.0.0.1:2737"   # an APy server; unset: the local apertium command (Debian packages)
# pivot = true                    # translate through a third language where no direct pair is installed
"""


def project_settings(path: Path) -> Settings:
    """The settings in ``path`` (all defaults when it is missing), validated; built once per version of
    the file in a process and shared (it is immutable)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        return _DEFAULT_SETTINGS
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc})") from exc
    cached = _parsed.get(str(path))
    if cached is None or cached[0] != text:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"{path}: {exc}; fix the TOML syntax") from exc
        cached = _parsed[str(path)] = (text, build_settings(data, str(path)))
    return cached[1]


def build_settings(data: dict[str, Any], where: str = "tms.toml") -> Settings:
    """``Settings`` from the parsed TOML ``data``; ``InputError`` naming ``where``, the section and the key."""
    sections: dict[str, Any] = {}
    for name, attribute in _SECTIONS.items():
        table = data.get(name, {})
        if not isinstance(table, dict):
            raise InputError(f"{where}: [{name}] must be a table of settings, not {table!r}")
        cls = type(getattr(_DEFAULT_SETTINGS, attribute))
        known = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(table) - set(known))
        if unknown:
            raise InputError(f"{where}: unknown setting {unknown[0]!r} in [{name}]; known: {', '.join(sorted(known))}")
        sections[attribute] = cls(**{key: _checked(where, name, key, value) for key, value in table.items()})
    engines = data.get("engines", {})
    if not isinstance(engines, dict) or not all(isinstance(v, dict) for v in engines.values()):
        raise InputError(f"{where}: [engines] must hold one table per engine ([engines.libre] ...)")
    extra = {k: v for k, v in data.items() if k not in _SECTIONS and k != "engines"}
    return Settings(**sections, engines=engines, extra=extra)


def _number(where: str, section: str, key: str, value, low: float, high: float | None, *, above: bool = False):
    wrong = isinstance(value, bool) or not isinstance(value, (int, float))
    if not wrong:
        wrong = (value <= low if above else value < low) or (high is not None and value > high)
    if wrong:
        span = f"above {low:g}" if above else f"from {low:g} to {high:g}" if high is not None else f"of at least {low:g}"
        raise InputError(f"{where}: [{section}] {key} must be a number {span}, not {value!r}")
    return value


def _checked(where: str, section: str, key: str, value):
    """One setting, checked; the value as the settings object holds it."""
    def text():
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{where}: [{section}] {key} must be a non-empty string, not {value!r}")
        return value

    match (section, key):
        case ("project", "name"):
            return text()
        case ("prefill", "engine"):
            # An engine or a chain: "memory", "memory,apertium" or ["memory", "apertium"], kept as one string.
            if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
                return ",".join(v.strip() for v in value)
            if isinstance(value, list):
                raise InputError(f"{where}: [prefill] engine: an engine chain is a list of engine names, "
                                 f"not {value!r}")
            return text()
        case ("import", "max_bytes"):
            return int(_number(where, section, key, value, 1, None))
        case ("memory", "threshold"):
            return float(_number(where, section, key, value, 0, 100))
        case ("publication", "max_unmodified_machine_percent"):
            return float(_number(where, section, key, value, 0, 100))
        case ("publication", "max_unmodified_machine_percent_by_language"):
            if not isinstance(value, dict):
                raise InputError(f"{where}: [{section}] {key} must be a table of language = percent")
            return {lang: float(_number(where, section, f"{key}.{lang}", v, 0, 100)) for lang, v in value.items()}
        case ("publication", "publish_machine_translation"):
            if not isinstance(value, bool):
                raise InputError(f"{where}: [publication] publish_machine_translation must be true or false, "
                                 f"not {value!r}")
            return value
        case ("checks", "disabled"):
            if not isinstance(value, list) or not all(isinstance(d, str) for d in value):
                raise InputError(f"{where}: [checks] disabled must be a list of check ids, not {value!r}")
            return tuple(value)
        case ("checks", "max_length_ratio"):
            return float(_number(where, section, key, value, 1, None, above=True))
        case ("catalogs", "wrap"):
            if value is False or value == 0:
                return 0
            if isinstance(value, bool) or not isinstance(value, int) or value < 20:
                raise InputError(f"{where}: [catalogs] wrap must be 79 (wrap as GNU msgcat does), another width "
                                 f"of at least 20, or 0 (never wrap), not {value!r}")
            return value
    return value


_DEFAULT_SETTINGS = Settings()
_parsed: dict[str, tuple[str, Settings]] = {}


def write_default_settings(path: Path) -> bool:
    """Create ``tms.toml`` with the commented defaults unless it exists; True if it was created."""
    if Path(path).exists():
        return False
    atomic_write(path, TEMPLATE)
    return True
