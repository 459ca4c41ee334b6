"""Work on many segments of a catalog at once, each seen before it is done: approving every translated
segment that passes the checks (reviewers), and search and replace in the translations.

Both come in two steps, as in Weblate: a preview that lists what would change, then the change itself of
the segments the person confirmed, each as an ordinary save (so approved and official work keeps its
protection, and the history one entry per segment).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tms.errors import Conflict, InputError
from tms.model import SegmentState, Unit
from tms.services.checking import check_catalog
from tms.services.review import SaveResult, Withdrawal, edit_segment, get_segments, set_state
from tms.services.users import Account, require
from tms.storage.layout import Project

MAX_PATTERN_CHARS = 500


@dataclass(frozen=True)
class PlannedChange:
    """One segment a bulk action would change: its place, its key and revision, the text before and after."""

    number: int
    key: str
    revision: str
    source: str
    before: str
    after: str

    def to_json(self) -> dict:
        """The JSON object of the API."""
        return {"number": self.number, "key": self.key, "revision": self.revision, "source": self.source,
                "before": self.before, "after": self.after}


def approvable(project: Project, account: Account, article_id: str, lang: str) -> list[PlannedChange]:
    """The translated segments (not yet approved) with no error-level finding: what "approve all" approves."""
    require(account, "approve", lang)
    view = get_segments(project, article_id, lang)
    failing = {f.unit_key for f in check_catalog(project, article_id, lang) if f.severity.is_blocking}
    return [PlannedChange(s.number, s.key, s.revision, s.source, s.target, s.target) for s in view.segments
            if s.state is SegmentState.TRANSLATED and s.key not in failing]


def approve_all(project: Project, account: Account, article_id: str, lang: str, planned: Sequence[tuple[str, str]],
                *, withdrawal: Withdrawal | None = None) -> list[SaveResult]:
    """Approve the segments ``planned`` as (key, revision) pairs from ``approvable``; a segment changed since
    (another revision) or no longer passing is left as it is and reported by ``Conflict`` after the rest."""
    require(account, "approve", lang)
    allowed = {c.key: c.revision for c in approvable(project, account, article_id, lang)}
    done, skipped = [], []
    for key, revision in planned:
        if allowed.get(key) != revision:
            skipped.append(key)
            continue

        def apply(unit: Unit) -> None:
            set_state(unit, SegmentState.APPROVED, account)

        done.append(edit_segment(project, account, article_id, lang, key, revision, "approve", apply,
                                 withdrawal=withdrawal))
    if skipped:
        raise Conflict(f"{len(done)} approved; {len(skipped)} changed or stopped passing the checks since the "
                       f"preview and were left as they are: {', '.join(skipped)}")
    return done


def replacements(project: Project, account: Account, article_id: str, lang: str, find: str,
                 replace: str) -> list[PlannedChange]:
    """The segments whose translation contains ``find``, with the text ``replace`` would give them."""
    require(account, "edit", lang)
    _check_pattern(find, replace)
    return [PlannedChange(s.number, s.key, s.revision, s.source, s.target, s.target.replace(find, replace))
            for s in get_segments(project, article_id, lang).segments if find in s.target]


def replace_all(project: Project, account: Account, article_id: str, lang: str, find: str, replace: str,
                planned: Sequence[tuple[str, str]], *, withdrawal: Withdrawal | None = None) -> list[SaveResult]:
    """Replace ``find`` by ``replace`` in the segments ``planned`` (key, revision) from ``replacements``, each
    saved as a person's translation (a suggestion where the segment is approved and the person may not
    approve). A segment changed since the preview is refused as any stale save is."""
    require(account, "edit", lang)
    _check_pattern(find, replace)
    results = []
    for key, revision in planned:

        def apply(unit: Unit) -> None:
            if find not in unit.target:
                return
            unit.target = unit.target.replace(find, replace)
            set_state(unit, SegmentState.TRANSLATED if unit.target else SegmentState.UNTRANSLATED, account)

        results.append(edit_segment(project, account, article_id, lang, key, revision, "replace", apply,
                                    withdrawal=withdrawal))
    return results


def _check_pattern(find: str, replace: str) -> None:
    if not isinstance(find, str) or not find:
        raise InputError("say what to find: an empty search matches everywhere")
    if not isinstance(replace, str):
        raise InputError("'replace' must be a string")
    if len(find) > MAX_PATTERN_CHARS or len(replace) > MAX_PATTERN_CHARS:
        raise InputError(f"search and replacement are limited to {MAX_PATTERN_CHARS} characters")
    if any(ord(c) < 32 and c not in "\n\t" for c in find + replace):
        raise InputError("search and replacement may not contain control characters")
