"""Running one check on one source and target, as the tests of every check do."""
from __future__ import annotations

from tms.checks.base import Check, CheckContext
from tms.model import SegmentState, Unit
from tms.storage.glossary import Glossary


def problems(check: Check, source: str, target: str, tgt: str = "ja", src: str = "en",
             glossary: Glossary | None = None, ratio: float = 3.0) -> list[str]:
    """The messages ``check`` gives for ``target`` as the ``tgt`` translation of the ``src`` ``source``."""
    unit = Unit(source, target, state=SegmentState.TRANSLATED)
    return check.check_unit(unit, CheckContext(src, tgt, glossary, ratio))
