"""The engines tms offers, by name, and their settings from ``tms.toml`` and the environment."""
from __future__ import annotations

import importlib
import os
from collections.abc import Mapping, Sequence
from typing import Any

from tms.errors import InputError
from tms.mt.base import Engine
from tms.mt.settings import env_variable

#: name -> "module:class"; modules are imported on first use, so deep-translator loads only when needed.
ENGINES: dict[str, str] = {
    "memory": "tms.mt.memory:MemoryEngine",
    "pseudo": "tms.mt.pseudo:PseudoEngine",
    "libre": "tms.mt.libre:LibreEngine",
    "google": "tms.mt.google:GoogleEngine",
    "microsoft": "tms.mt.microsoft:MicrosoftEngine",
    "mymemory": "tms.mt.mymemory:MyMemoryEngine",
    "deepl": "tms.mt.deepl:DeeplEngine",
    "yandex": "tms.mt.yandex:YandexEngine",
    "baidu": "tms.mt.baidu:BaiduEngine",
    "deep-libre": "tms.mt.deep_libre:DeepLibreEngine",
    "apertium": "tms.mt.apertium:ApertiumEngine",
}

#: Engines deep-translator has that tms does not offer, and why.
NOT_OFFERED = {
    "papago": "deep-translator's Papago wrapper sends language names where Papago wants codes, so it cannot work",
    "chatgpt": "a language model is not a translation engine with reproducible output",
    "qcri": "QCRI serves only Arabic, English and Spanish",
    "pons": "PONS and Linguee are dictionaries, not sentence translators",
    "linguee": "PONS and Linguee are dictionaries, not sentence translators",
}


def available() -> list[str]:
    """The names of every engine, in the order they are documented."""
    return list(ENGINES)


def engine_class(name: str) -> type[Engine]:
    """The class of the engine called ``name``; ``InputError`` listing the available ones otherwise."""
    target = ENGINES.get(name)
    if target is None:
        if name in NOT_OFFERED:
            raise InputError(f"engine {name!r} is not offered: {NOT_OFFERED[name]}; "
                             f"available: {', '.join(ENGINES)}")
        raise InputError(f"unknown engine {name!r}; available: {', '.join(ENGINES)}")
    module_name, _, class_name = target.partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def engine_names(spec: str | Sequence[str]) -> list[str]:
    """The engines of an engine or a chain (``"memory,apertium"`` or a list), in order; ``InputError`` for
    an unknown, repeated or missing name."""
    parts = spec.split(",") if isinstance(spec, str) else list(spec)
    if not all(isinstance(part, str) for part in parts):
        raise InputError(f"an engine chain is a list of engine names, not {spec!r}")
    names = [part.strip() for part in parts]
    if not names or not all(names):
        raise InputError(f"engine chain {spec!r} has an empty name; write names separated by commas, "
                         "e.g. memory,apertium")
    for name in names:
        engine_class(name)
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise InputError(f"engine chain {','.join(names)!r} names {repeated[0]!r} twice")
    return names


def get_engine(name: str, **config: Any) -> Engine:
    """A configured engine; ``cache=``, ``memory=`` and ``sleep=`` are passed through to it."""
    return engine_class(name)(**config)


def engine_settings(name: str, table: Mapping[str, Any] | None = None,
                    environ: Mapping[str, str] | None = None, where: str = "tms.toml") -> dict[str, Any]:
    """The settings of engine ``name``: ``[engines.NAME]`` of ``where``, overridden by ``TMS_NAME_KEY``."""
    cls = engine_class(name)
    spec = cls.all_settings()
    table = dict(table or {})
    unknown = sorted(set(table) - set(spec))
    if unknown:
        raise InputError(f"{where} [engines.{name}]: unknown setting {unknown[0]!r}; "
                         f"known: {', '.join(sorted(spec))}")
    environ = os.environ if environ is None else environ
    values = dict(table)
    for key in spec:
        variable = env_variable(name, key)
        if variable in environ:
            values[key] = environ[variable]
    return values
