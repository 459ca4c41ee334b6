"""Reading tab-separated bilingual files (one source and one translation a line) as ``ArchiveUnit`` lists.

Spreadsheets and older tools export memories this way. A first line naming the two languages
(``ko<TAB>en``) is a header and skipped; blank lines are skipped; any other line must hold exactly two
non-empty cells, else the whole file is refused with the line named.
"""
from __future__ import annotations

from datetime import datetime
from typing import IO

from tms.errors import InputError
from tms.memory.archive import IMPORTED, ArchiveUnit


def read_tabular(stream: IO[bytes], name: str, source_lang: str, target_lang: str, *,
                 date: datetime | None = None) -> list[ArchiveUnit]:
    """The units of a tab-separated file in ``source_lang`` and ``target_lang``."""
    data = stream.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{name}:{line}: not UTF-8 text; save the file as UTF-8") from exc
    units = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 2:
            raise InputError(f"{name}:{number}: expected 2 tab-separated columns ({source_lang}, {target_lang}), "
                             f"found {len(cells)}")
        source, target = (cell.strip() for cell in cells)
        if number == 1 and (source.lower(), target.lower()) == (source_lang, target_lang):
            continue
        if not source or not target:
            raise InputError(f"{name}:{number}: empty {'source' if not source else 'translation'} cell")
        units.append(ArchiveUnit(source_lang, target_lang, source, target, IMPORTED, name, date, None, number))
    return units
