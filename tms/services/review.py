"""The review workflow: reading segments, saving and approving them, reverting, and certifying a catalog official.

Every change is a read-modify-write of the PO file under its lock with an atomic save, so the catalog is the
source of truth the moment a call returns, and several server processes behave as one. A change based on a
stale ``revision`` is refused with ``Conflict`` carrying the current segment, never silently overwritten.
Any edit of a certified catalog changes its translations digest, which returns it to "unofficial translation".
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import insert, select

from tms.checks.base import Finding
from tms import inline
from tms.errors import Conflict, InputError, NotFound, PermissionDenied
from tms.languages import get_language
from tms.model import Approval, Catalog, Certification, PublicationStatus, SegmentState, Unit
from tms.services.checking import check_catalog
from tms.services.stats import catalog_stats, compute_stats, unmodified_share
from tms.services.users import Account, AccountRole, require
from tms.services.textdiff import word_diff
from tms.services.webhooks import publication_changed
from tms.storage.config import load_settings
from tms.storage.database import Change, as_utc, get_database, given, utcnow
from tms.storage.catalogcache import CatalogDraft, read_shared
from tms.storage.files import locked
from tms.storage.layout import Project
from tms.storage.pofile import gettext_date, load_catalog, save_catalog

MAX_TARGET_CHARS = 20_000
#: The states a person may give a segment when saving it.
SAVE_STATES = (SegmentState.UNTRANSLATED, SegmentState.NEEDS_EDITING, SegmentState.TRANSLATED, SegmentState.APPROVED)


def iso_now() -> str:
    """The current UTC time as ISO 8601 ("2026-11-23T10:05:00Z"), as approvals and certifications record it."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- views ----------------------------------------------------------------------------------------
@dataclass
class SegmentView:
    """One segment as the editor and the API show it."""

    number: int
    key: str
    source: str
    target: str
    state: SegmentState
    revision: str
    context: str | None = None
    role: str = "paragraph"
    block: int = 0
    sentence: int = 0
    level: int = 0
    marker: str = ""
    machine: str | None = None
    machine_engine: str = ""
    machine_score: float | None = None
    approved_by: str = ""
    approved_date: str = ""
    unmodified_share: float | None = None       # of the machine translation, 0..1; None without one
    ignored_checks: list[str] = field(default_factory=list)
    tag_notes: dict[int, str] = field(default_factory=dict)     # what each inline tag stands for
    previous_source: str | None = None      # the source before the article changed ("#|"), until a person saves

    @property
    def source_diff(self) -> list[tuple[str, str]]:
        """How the source changed since ``previous_source``: (same|deleted|inserted, text) pieces."""
        return word_diff(self.previous_source, self.source) if self.previous_source is not None else []

    def to_json(self) -> dict:
        """The JSON object of the API."""
        return {
            "key": self.key, "number": self.number, "source": self.source, "target": self.target,
            "state": self.state.slug, "revision": self.revision, "context": self.context,
            "role": self.role, "block": self.block, "sentence": self.sentence,
            "machine": None if self.machine is None else
            {"text": self.machine, "engine": self.machine_engine, "score": self.machine_score},
            "approval": {"by": self.approved_by, "date": self.approved_date} if self.approved_by else None,
            "unmodified_share": self.unmodified_share,
            "tags": {str(number): note for number, note in self.tag_notes.items()},
            "previous_source": self.previous_source,
            "source_diff": [{"op": op, "text": text} for op, text in self.source_diff],
        }


@dataclass
class CatalogView:
    """A catalog of one article and language, ready for the editor."""

    article_id: str
    lang: str
    source_language: str
    publication: PublicationStatus
    segments: list[SegmentView]
    certified_by: str = ""
    certified_date: str = ""

    @property
    def direction(self) -> str:
        """"rtl" for Arabic, else "ltr"."""
        return get_language(self.lang).direction

    def to_json(self) -> dict:
        """The JSON document of ``GET /api/articles/ID/LANG``."""
        return {
            "article": self.article_id, "language": self.lang, "source_language": self.source_language,
            "direction": self.direction, "publication": self.publication.value,
            "publication_label": self.publication.label,
            "certification": {"by": self.certified_by, "date": self.certified_date} if self.certified_by else None,
            "segments": [s.to_json() for s in self.segments],
        }


@dataclass
class SaveResult:
    """What a save, approval or revert did: the segment now, the catalog's status, the history entry."""

    segment: SegmentView
    publication: PublicationStatus
    change_id: int | None
    catalog: Catalog = field(repr=False, compare=False)     # the catalog as saved, for the caller's view

    def to_json(self) -> dict:
        """The JSON answer of ``PUT /api/articles/ID/LANG/segments/KEY``."""
        return {"segment": self.segment.to_json(), "publication": self.publication.value, "change": self.change_id}


def _unit_share(unit: Unit) -> float | None:
    return unmodified_share(unit) if unit.machine and unit.machine.text else None


def segment_view(unit: Unit, number: int) -> SegmentView:
    """The view of one unit; ``number`` is its 1-based place in the article."""
    loc = unit.location
    return SegmentView(
        number=number, key=unit.key, source=unit.source, target=unit.target, state=unit.state,
        revision=unit.revision, context=unit.context,
        role=loc.role.value if loc else "paragraph", block=loc.block if loc else 0,
        sentence=loc.sentence if loc else 0, level=loc.level if loc else 0, marker=loc.marker if loc else "",
        machine=unit.machine.text if unit.machine else None,
        machine_engine=unit.machine.engine if unit.machine else "",
        machine_score=unit.machine.score if unit.machine else None,
        approved_by=unit.approval.by if unit.approval else "",
        approved_date=unit.approval.date if unit.approval else "",
        unmodified_share=_unit_share(unit), ignored_checks=sorted(unit.ignored_checks),
        tag_notes=inline.tag_notes(unit.extracted) if unit.extracted else {},
        previous_source=unit.previous_source,
    )


def _ordered(catalog: Catalog) -> list[Unit]:
    units = catalog.active_units()
    if all(u.location for u in units):
        return sorted(units, key=lambda u: (u.location.block, u.location.sentence))
    return units


def get_segments(project: Project, article_id: str, lang: str) -> CatalogView:
    """The segments of one article in one language, in article order."""
    return catalog_view(read_shared(project.require_catalog(article_id, lang)), article_id, lang)


def catalog_view(catalog: Catalog, article_id: str, lang: str) -> CatalogView:
    """The view of a catalog in memory (one just saved, say)."""
    cert = catalog.certification
    return CatalogView(
        article_id=article_id, lang=lang, source_language=catalog.source_language,
        publication=catalog.publication,
        segments=[segment_view(u, i) for i, u in enumerate(_ordered(catalog), start=1)],
        certified_by=cert.by if cert and catalog.publication is PublicationStatus.OFFICIAL else "",
        certified_date=cert.date if cert and catalog.publication is PublicationStatus.OFFICIAL else "",
    )


def get_segment(project: Project, article_id: str, lang: str, key: str) -> SegmentView:
    """One segment; ``NotFound`` if the catalog has no segment with this key."""
    for segment in get_segments(project, article_id, lang).segments:
        if segment.key == key:
            return segment
    raise NotFound(f"article {article_id!r} ({lang}) has no segment {key!r}")


# -- changing segments ----------------------------------------------------------------------------
def _edit(project: Project, account: Account, article_id: str, lang: str, key: str, revision: str | None,
          action: str, apply: Callable[[Unit], None]) -> SaveResult:
    path = project.require_catalog(article_id, lang)
    with locked(path):
        draft = CatalogDraft(path)
        catalog = draft.catalog
        unit = draft.unit(key)
        if unit is None:
            raise NotFound(f"article {article_id!r} ({lang}) has no segment {key!r}; reload the catalog")
        number = next(n for n, u in enumerate(_ordered(catalog), start=1) if u is unit)   # not ==: compares every field
        if revision is not None and revision != unit.revision:
            current = segment_view(unit, number)
            raise Conflict(f"segment {key} of {article_id} ({lang}) was changed by someone else since revision "
                           f"{revision}; it now reads {unit.target!r} ({unit.state.label})", current=current)
        old_target, old_state = unit.target, unit.state
        before = catalog.publication
        apply(unit)
        change_id = None
        if (unit.target, unit.state) != (old_target, old_state):
            catalog.headers["PO-Revision-Date"] = gettext_date()
            catalog.headers["Last-Translator"] = account.name
            draft.save()
            change_id = record_change(project, account.name, action, article_id, lang, key,
                                      old_target, old_state, unit.target, unit.state)
        result = SaveResult(segment_view(unit, number), catalog.publication, change_id, catalog)
    publication_changed(project, article_id, lang, before, result.publication)
    return result


def _set_state(unit: Unit, state: SegmentState, account: Account) -> None:
    if state in (SegmentState.MACHINE, SegmentState.NEEDS_EDITING):
        # The PO file tells these two apart only by whether the text is still the machine's (see
        # tms.storage.pofile); choosing the state it will read back keeps the revision we return valid.
        is_machine = bool(unit.machine) and unit.machine.text == unit.target and unit.previous_source is None
        state = SegmentState.MACHINE if is_machine else SegmentState.NEEDS_EDITING
    unit.state = state
    unit.approval = Approval(account.name, iso_now()) if state is SegmentState.APPROVED else None
    if state.is_translated:
        unit.previous_source = None     # a person has looked at the new source, as Poedit clears "#|" on save


def _parse_state(state: SegmentState | str | None, target: str) -> SegmentState:
    if state is None or state == "":
        return SegmentState.TRANSLATED if target else SegmentState.UNTRANSLATED
    if not isinstance(state, SegmentState):
        try:
            state = SegmentState.from_slug(str(state))
        except ValueError as exc:
            raise InputError(str(exc)) from None
    if state not in SAVE_STATES:
        raise InputError(f"a person cannot save a segment as {state.slug!r}; "
                         f"use one of: {', '.join(s.slug for s in SAVE_STATES)}")
    if bool(target) != (state is not SegmentState.UNTRANSLATED):
        raise InputError("an empty target is 'untranslated', and an 'untranslated' segment has an empty target")
    return state


def check_target(target) -> str:
    """Return ``target`` if it is text a catalog can hold, else raise ``InputError``."""
    if not isinstance(target, str):
        raise InputError("'target' must be a string")
    if len(target) > MAX_TARGET_CHARS:
        raise InputError(f"target of {len(target):,} characters is over the limit of {MAX_TARGET_CHARS:,}")
    if any(ord(c) < 32 and c not in "\n\t" for c in target):
        raise InputError("target contains control characters; only text, tabs and line breaks are allowed")
    return target


def save_segment(project: Project, account: Account, article_id: str, lang: str, key: str, target: str,
                 state: SegmentState | str | None, revision: str) -> SaveResult:
    """Save a person's translation of one segment, as translated (default), needs editing or approved."""
    target = check_target(target)
    chosen = _parse_state(state, target)
    require(account, "approve" if chosen is SegmentState.APPROVED else "edit", lang)
    if not revision:
        raise InputError("'revision' is required: send the revision of the segment you edited")

    def apply(unit: Unit) -> None:
        if unit.source_plural is not None:
            raise InputError(f"segment {key} has plural forms; edit it in a PO editor")
        if unit.target == target and unit.state is chosen:
            return
        unit.target = target
        _set_state(unit, chosen, account)

    return _edit(project, account, article_id, lang, key, revision, "save", apply)


def approve(project: Project, account: Account, article_id: str, lang: str, key: str,
            revision: str) -> SaveResult:
    """Approve a segment's current translation (reviewers and above)."""
    require(account, "approve", lang)

    def apply(unit: Unit) -> None:
        if not unit.target:
            raise InputError(f"segment {key} of {article_id} ({lang}) is untranslated; translate it before approving")
        if unit.state is not SegmentState.APPROVED:
            _set_state(unit, SegmentState.APPROVED, account)

    return _edit(project, account, article_id, lang, key, revision, "approve", apply)


def revert(project: Project, account: Account, change_id: int, revision: str | None = None, *,
           segment: tuple[str, str, str] | None = None) -> SaveResult:
    """Put a segment back to the text and state it had before the change ``change_id``.

    ``segment``: the (article id, language, key) the change must belong to, when the caller names one.
    """
    with get_database(project).session() as session:
        change = session.get(Change, int(change_id))
        if change is None or not change.key:
            raise NotFound(f"no segment change #{change_id} in the history")
        article_id, lang, key = change.article_id, change.lang, change.key
        old_target, old_state = change.old_target, SegmentState.from_slug(change.old_state)
    if segment is not None and segment != (article_id, lang, key):
        expected_id, expected_lang, expected_key = segment
        raise NotFound(f"change #{change_id} is not in the history of segment {expected_key} of {expected_id} "
                       f"({expected_lang})")
    require(account, "edit", lang)
    if old_state is SegmentState.APPROVED and not account.has(AccountRole.REVIEWER, lang):
        old_state = SegmentState.TRANSLATED    # a translator may restore the text, not the approval

    def apply(unit: Unit) -> None:
        unit.target = old_target
        _set_state(unit, old_state if old_target else SegmentState.UNTRANSLATED, account)

    return _edit(project, account, article_id, lang, key, revision, "revert", apply)


# -- certification --------------------------------------------------------------------------------
def machine_threshold(project: Project, lang: str) -> float:
    """The highest percentage of unmodified machine output a certified catalog may have in ``lang``."""
    publication = load_settings(project.config_path)["publication"]
    overrides = publication.get("max_unmodified_machine_percent_by_language", {}) or {}
    value = overrides.get(lang, publication.get("max_unmodified_machine_percent", 95.0))
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise InputError(f"{project.config_path}: [publication] max_unmodified_machine_percent for {lang} "
                         f"must be a number from 0 to 100, not {value!r}")
    return float(value)


def certification_blockers(project: Project, article_id: str, lang: str, *, catalog: Catalog | None = None,
                           findings: Sequence[Finding] | None = None) -> list[str]:
    """Why the catalog cannot be certified now; an empty list when it can.

    ``catalog`` and ``findings``: the catalog and its quality-check findings, when the caller has them already.
    """
    if catalog is None:
        catalog = load_catalog(project.require_catalog(article_id, lang))
    if findings is None:
        findings = check_catalog(project, article_id, lang, catalog=catalog)
    reasons = []
    active = catalog.active_units()
    pending = [u for u in active if u.state is not SegmentState.APPROVED]
    if not active:
        reasons.append("the catalog has no segments")
    if pending:
        reasons.append(f"{len(pending)} of {len(active)} segments are not approved")
    errors = [f for f in findings if f.severity.is_blocking]
    if errors:
        verb = "error remains" if len(errors) == 1 else "errors remain"
        reasons.append(f"{len(errors)} quality-check {verb} (see: tms check {article_id} --lang {lang})")
    share = unmodified_text_percent(catalog, lang)
    limit = machine_threshold(project, lang)
    if share > limit:
        reasons.append(f"{share:.1f}% of the text is unmodified machine output; the limit for "
                       f"{get_language(lang).name} is {limit:g}%")
    return reasons


def unmodified_text_percent(catalog, lang: str) -> float:
    """How much of the whole text (by source words) is machine output no person changed, in percent.

    Like Content Translation's publishing rule, this is a share of the article, not of its machine-
    translated part: an article half written by people and half left as machine output is 50%.
    """
    return _text_percent(compute_stats(catalog, lang))


def catalog_unmodified_percent(project: Project, article_id: str, lang: str) -> float:
    """``unmodified_text_percent`` of a catalog, from the statistics cache."""
    return _text_percent(catalog_stats(project, article_id, lang))


def _text_percent(stats) -> float:
    total = stats.total.words
    if not total:
        return 0.0
    return 100.0 * stats.unmodified_machine_share * stats.machine_words / total


def certify(project: Project, account: Account, article_id: str, lang: str) -> CatalogView:
    """Certify one article-language as the official translation (approvers and above)."""
    require(account, "certify", lang)
    path = project.require_catalog(article_id, lang)
    checked = load_catalog(path)
    digest = checked.translations_digest()
    # The checks run before the lock is taken; the digest then proves that what was checked is what gets
    # certified.
    reasons = certification_blockers(project, article_id, lang, catalog=checked)
    if reasons:
        raise Conflict(f"cannot certify {article_id} ({lang}): " + "; ".join(reasons))
    with locked(path):
        catalog = load_catalog(path)
        if catalog.translations_digest() != digest:
            raise Conflict(f"{article_id} ({lang}) changed while it was being checked; certify it again")
        if catalog.publication is not PublicationStatus.OFFICIAL:
            catalog.certification = Certification(account.name, iso_now(), digest)
            catalog.headers["PO-Revision-Date"] = gettext_date()
            save_catalog(path, catalog)
            record_change(project, account.name, "certify", article_id, lang, "", "", None, "", None)
            publication_changed(project, article_id, lang, PublicationStatus.UNOFFICIAL, PublicationStatus.OFFICIAL)
    return get_segments(project, article_id, lang)


# -- history --------------------------------------------------------------------------------------
def record_change(project: Project, user: str, action: str, article_id: str, lang: str, key: str,
                  old_target: str, old_state: SegmentState | None, new_target: str,
                  new_state: SegmentState | None) -> int:
    """Add one entry to the change history; returns its id."""
    values = dict(when=utcnow(), user=user, action=action, article_id=article_id, lang=lang, key=key,
                  old_target=old_target, new_target=new_target,
                  old_state=old_state.slug if old_state is not None else "",
                  new_state=new_state.slug if new_state is not None else "")
    with get_database(project).transaction() as connection:
        return connection.execute(_INSERT_CHANGE, values).inserted_primary_key[0]


#: Built once: every save adds a row, and building the statement anew cost a third of the insert.
_INSERT_CHANGE = insert(Change)


@dataclass
class ChangeView:
    """One entry of the history."""

    id: int
    when: datetime
    user: str
    action: str
    article_id: str
    lang: str
    key: str
    old_target: str
    new_target: str
    old_state: str
    new_state: str

    def to_json(self) -> dict:
        """The JSON object of the API."""
        out = dict(self.__dict__)
        out["when"] = self.when.isoformat()
        return out


def history(project: Project, article_id: str | None = None, lang: str | None = None, key: str | None = None,
            *, limit: int = 200) -> list[ChangeView]:
    """Changes, newest first, optionally of one article, language or segment."""
    query = (select(Change).filter_by(**given(article_id=article_id, lang=lang, key=key))
             .order_by(Change.when.desc(), Change.id.desc()).limit(limit))
    with get_database(project).session() as session:
        return [ChangeView(c.id, as_utc(c.when), c.user, c.action, c.article_id, c.lang, c.key, c.old_target,
                           c.new_target, c.old_state, c.new_state) for c in session.scalars(query)]


def is_allowed(account: Account | None, action: str, lang: str) -> bool:
    """True if ``account`` may do ``action`` in ``lang`` (for showing or hiding buttons)."""
    try:
        require(account, action, lang)
    except PermissionDenied:
        return False
    return True
