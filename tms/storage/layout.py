"""Where a project keeps its files: ``originals/``, ``locales/``, ``tms.toml`` and the ``.tms/`` state folder."""
from __future__ import annotations

import os
import re
from functools import cached_property
from pathlib import Path

from tms.errors import InputError, NotFound
from tms.languages import get_language

#: Article ids are safe file names: lower-case letters, digits, dots, dashes and underscores.
ID_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,118}[a-z0-9])?")  # always fullmatch: "$" allows "\n"
ORIGINAL_SUFFIX = ".md"


def check_id(article_id: str) -> str:
    """Return ``article_id`` if it is a safe file name, else raise ``InputError``."""
    if not isinstance(article_id, str) or not ID_PATTERN.fullmatch(article_id) or ".." in article_id:
        raise InputError(
            f"invalid article id {article_id!r}: use 1-120 lower-case letters, digits, '.', '-' or '_', "
            "starting and ending with a letter or digit"
        )
    return article_id


class Project:
    """A tms project: a folder with ``tms.toml``, ``originals/`` and ``locales/``."""

    def __init__(self, root: Path | str):
        self.root = Path(root).resolve()

    @classmethod
    def locate(cls, root: Path | str | None = None) -> "Project":
        """The project at ``root``, else ``$TMS_ROOT``, else the current directory."""
        chosen = root or os.environ.get("TMS_ROOT") or os.getcwd()
        path = Path(chosen)
        if not path.is_dir():
            raise InputError(f"project folder {path} does not exist")
        return cls(path)

    # -- folders -------------------------------------------------------------------------------
    @cached_property
    def config_path(self) -> Path:
        """``tms.toml``."""
        return self.root / "tms.toml"

    @cached_property
    def originals_dir(self) -> Path:
        """Where cleaned source articles live."""
        return self.root / "originals"

    @cached_property
    def locales_dir(self) -> Path:
        """Where catalogs live."""
        return self.root / "locales"

    @cached_property
    def templates_dir(self) -> Path:
        """Where POT templates live."""
        return self.locales_dir / "templates"

    @cached_property
    def state_dir(self) -> Path:
        """Local state that is not source of truth: caches, the database, job queues. ``.tms/`` in the
        project, or ``$TMS_STATE_DIR``: each machine of a deployment on a shared filesystem keeps its
        SQLite caches on a disk of its own (see docs/deploy.md)."""
        chosen = os.environ.get("TMS_STATE_DIR", "").strip()
        return Path(chosen).resolve() if chosen else self.root / ".tms"

    @cached_property
    def shared_state_dir(self) -> Path:
        """``.tms/`` in the project, whatever ``$TMS_STATE_DIR`` says: the few small files every process
        of every machine must see alike (the accounts' change stamp, the session key)."""
        return self.root / ".tms"

    # -- files -----------------------------------------------------------------------------------
    def original_path(self, article_id: str) -> Path:
        """The cleaned article ``originals/<id>.md``."""
        return self.originals_dir / f"{check_id(article_id)}{ORIGINAL_SUFFIX}"

    def pot_path(self, article_id: str) -> Path:
        """The template ``locales/templates/<id>.pot``."""
        return self.templates_dir / f"{check_id(article_id)}.pot"

    def po_path(self, article_id: str, lang: str) -> Path:
        """The catalog ``locales/<lang>/LC_MESSAGES/<id>.po``."""
        get_language(lang)
        return self.locales_dir.joinpath(lang, "LC_MESSAGES", f"{check_id(article_id)}.po")

    def mo_path(self, article_id: str, lang: str) -> Path:
        """The compiled catalog beside the PO."""
        return self.po_path(article_id, lang).with_suffix(".mo")

    def without_root(self, text: str) -> str:
        """``text`` (a message) with the project's absolute paths made relative, for what users are shown."""
        root = str(self.root)
        return text.replace(root + os.sep, "").replace(root, ".")

    def relative(self, path: Path) -> str:
        """``path`` relative to the project root, with forward slashes, for references and messages."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    # -- listing ---------------------------------------------------------------------------------
    def article_ids(self) -> list[str]:
        """Every article that has a template, sorted."""
        if not self.templates_dir.is_dir():
            return []
        return sorted(p.stem for p in self.templates_dir.glob("*.pot") if ID_PATTERN.fullmatch(p.stem))

    def require_article(self, article_id: str) -> str:
        """Return ``article_id`` if the project has it, else raise ``NotFound``."""
        check_id(article_id)
        if not self.pot_path(article_id).is_file():
            raise NotFound(f"unknown article {article_id!r} in {self.root} (no {self.relative(self.pot_path(article_id))})")
        return article_id

    def require_catalog(self, article_id: str, lang: str) -> Path:
        """The PO file of ``article_id`` in ``lang``; ``NotFound`` (naming the languages it has) if there is none."""
        self.require_article(article_id)
        path = self.po_path(article_id, lang)
        if not path.is_file():
            raise NotFound(f"article {article_id!r} has no {get_language(lang).name} catalog ({self.relative(path)}); "
                           f"its languages: {', '.join(self.catalog_languages(article_id)) or 'none yet'}")
        return path

    def catalog_languages(self, article_id: str) -> list[str]:
        """The target languages that have a PO file for this article, in site order."""
        from tms.languages import CODES

        return [code for code in CODES if self.po_path(article_id, code).is_file()]
