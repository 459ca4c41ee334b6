"""The review workflow: reading segments, saving and approving them, reverting, and the change history.

Every change is a read-modify-write of the PO file under its lock with an atomic save, so the catalog is the
source of truth the moment a call returns, and several server processes behave as one. A change based on a
stale ``revision`` is refused with ``Conflict`` carrying the current segment, never silently overwritten.
Approved and official work is protected: a translator's change to an approved segment becomes a suggestion
for review (``tms.services.proposals``), and a change that would end a certified catalog's official status
needs the person's confirmation and reason, is recorded in the history and told to the certifying approver.
Certifying is ``tms.services.certification``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import select

from tms import inline
from tms.errors import ConfirmationRequired, Conflict, InputError, NotFound, PermissionDenied
from tms.languages import get_language
from tms.model import Approval, Catalog, Certification, PublicationStatus, SegmentState, Unit
from tms.services.notifications import notify, people_in
from tms.services.proposals import ProposalView, announce_proposal, create_proposal
from tms.services.stats import unmodified_share
from tms.services.users import Account, AccountRole, require
from tms.services.textdiff import word_diff
from tms.services.webhooks import publication_changed
from tms.storage.config import project_settings
from tms.storage.database import Change, as_utc, get_database, given, utcnow
from tms.storage import catalogs
from tms.storage.layout import Project
from tms.storage.pofile import gettext_date

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
    machine_pivot: str = ""                     # the language the engine translated through, if any
    machine_origin: str = ""                    # a memory match: where its unit came from
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
            {"text": self.machine, "engine": self.machine_engine, "score": self.machine_score,
             "pivot": self.machine_pivot or None,
             "origin": self.machine_origin},
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
    """What a save, approval or revert did: the segment now, the catalog's status, the history entry;
    or, for a change kept for review instead (``proposal``), the suggestion and the unchanged segment."""

    segment: SegmentView
    publication: PublicationStatus
    change_id: int | None
    catalog: Catalog = field(repr=False, compare=False)     # the catalog as saved, for the caller's view
    proposal: ProposalView | None = None

    def to_json(self) -> dict:
        """The JSON answer of ``PUT /api/articles/ID/LANG/segments/KEY``."""
        out = {"segment": self.segment.to_json(), "publication": self.publication.value, "change": self.change_id}
        if self.proposal is not None:
            out["suggestion"] = self.proposal.to_json()
        return out


@dataclass(frozen=True)
class Withdrawal:
    """A person's confirmation that their change may end the catalog's official status, and why."""

    reason: str

    @classmethod
    def confirmed(cls, is_confirmed, reason) -> "Withdrawal | None":
        """The withdrawal a request confirms (``is_confirmed`` and a ``reason``), or None."""
        if not is_confirmed:
            return None
        if not isinstance(reason, str) or not reason.strip():
            raise InputError("withdrawing official status needs a reason: say why the official text must change")
        if len(reason) > 2000:
            raise InputError("the reason is over the limit of 2,000 characters")
        return cls(reason.strip())


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
        machine_pivot=unit.machine.pivot if unit.machine else "",
        machine_origin=unit.machine.origin if unit.machine else "",
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
    return catalog_view(catalogs.read(project.require_catalog(article_id, lang)), article_id, lang)


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
def edit_segment(project: Project, account: Account, article_id: str, lang: str, key: str, revision: str | None,
                 action: str, apply: Callable[[Unit], None], *, withdrawal: Withdrawal | None = None,
                 is_proposal: bool = False, note: str = "") -> SaveResult:
    """Apply ``apply`` to one unit under the catalog's lock, guarding approved and official work; ``note``
    goes into the history entry.

    A change to an approved segment by someone who may not approve, and any change with ``is_proposal``, is
    kept as a suggestion for review and leaves the catalog alone. A change that would end the catalog's
    official status needs ``withdrawal``: the person's confirmation and reason.
    """
    result, earlier = _edit_under_lock(project, account, article_id, lang, key, revision, action, apply,
                                       withdrawal=withdrawal, is_proposal=is_proposal, note=note)
    if result.proposal is not None:                 # people are told once the catalog's lock is released
        announce_proposal(project, result.proposal, result.segment.number)
    if earlier is None:
        return result
    before, certification, was_approved = earlier
    if before is PublicationStatus.OFFICIAL and result.publication is not PublicationStatus.OFFICIAL:
        record_withdrawal(project, account.name, article_id, lang, certification, withdrawal.reason)
    _announce(project, account, article_id, lang, before, was_approved, result.catalog)
    publication_changed(project, article_id, lang, before, result.publication)
    return result


def _edit_under_lock(project: Project, account: Account, article_id: str, lang: str, key: str,
                     revision: str | None, action: str, apply: Callable[[Unit], None], *,
                     withdrawal: Withdrawal | None, is_proposal: bool, note: str
                     ) -> tuple[SaveResult, tuple[PublicationStatus, Certification | None, bool] | None]:
    """``edit_segment`` under the catalog's lock: the result and, if the catalog changed, what it was before
    (publication status, certification, whether it was approved throughout)."""
    path = project.require_catalog(article_id, lang)
    with catalogs.edit(path, wrap=project_settings(project.config_path).catalogs.wrap) as draft:
        catalog = draft.catalog
        unit = draft.unit(key)
        if unit is None:
            raise NotFound(f"article {article_id!r} ({lang}) has no segment {key!r}; reload the catalog")
        number = next(n for n, u in enumerate(_ordered(catalog), start=1) if u is unit)   # not ==: compares every field
        if revision is not None and revision != unit.revision:
            current = segment_view(unit, number)
            raise Conflict(f"segment {key} of {article_id} ({lang}) was changed by someone else since revision "
                           f"{revision}; it now reads {unit.target!r} ({unit.state.label})", current=current)
        trial = unit.copy()
        apply(trial)
        if (trial.target, trial.state) == (unit.target, unit.state):
            return SaveResult(segment_view(unit, number), catalog.publication, None, catalog), None
        if is_proposal or (unit.state is SegmentState.APPROVED and not account.has(AccountRole.REVIEWER, lang)):
            if trial.target == unit.target or not trial.target:
                raise PermissionDenied(f"segment {key} of {article_id} ({lang}) is approved; only a reviewer may "
                                       "withdraw its approval (suggest a different text instead)")
            proposal = create_proposal(project, account.name, article_id, lang, key, trial.target, unit.target)
            return SaveResult(segment_view(unit, number), catalog.publication, None, catalog, proposal), None
        before = catalog.publication
        certification = catalog.certification
        if before is PublicationStatus.OFFICIAL and withdrawal is None:
            raise ConfirmationRequired(
                f"{article_id} ({lang}) is the official translation, certified by {certification.by}; changing "
                f"segment {number} withdraws its official status. Confirm, with a reason, to go ahead",
                confirm="withdraw_official", current=segment_view(unit, number))
        was_approved = _all_approved(catalog)
        old_target, old_state = unit.target, unit.state
        apply(unit)
        catalog.headers["PO-Revision-Date"] = gettext_date()
        catalog.headers["Last-Translator"] = account.name
        draft.save()
        change_id = record_change(project, account.name, action, article_id, lang, key,
                                  old_target, old_state, unit.target, unit.state, note=note)
    return (SaveResult(segment_view(unit, number), catalog.publication, change_id, catalog),
            (before, certification, was_approved))


def _all_approved(catalog: Catalog) -> bool:
    active = catalog.active_units()
    return bool(active) and all(u.state is SegmentState.APPROVED for u in active)


def record_withdrawal(project: Project, who: str, article_id: str, lang: str, certification: Certification,
                      reason: str) -> None:
    """Record in the history that ``who`` ended the catalog's official status and why, and tell the approver
    who had certified it."""
    record_change(project, who, "withdraw", article_id, lang, "", "", None, "", None, note=reason)
    notify(project, "official-withdrawn", [certification.by],
           f"{who} withdrew the official status of {article_id} ({get_language(lang).name}), which you "
           f"certified: {reason}", link=f"/articles/{article_id}/{lang}", article_id=article_id, lang=lang,
           actor=who)


def _announce(project: Project, account: Account, article_id: str, lang: str, before: PublicationStatus,
              was_approved: bool, catalog: Catalog) -> None:
    """Tell reviewers when a catalog becomes fully translated, approvers when it becomes fully approved."""
    name = get_language(lang).name
    link = f"/articles/{article_id}/{lang}"
    if not was_approved and _all_approved(catalog):
        notify(project, "ready-for-certification", people_in(project, lang, AccountRole.APPROVER),
               f"{article_id} ({name}) is approved throughout and ready for certification", link=link,
               article_id=article_id, lang=lang, actor=account.name)
    elif before is PublicationStatus.DRAFT and catalog.publication is not PublicationStatus.DRAFT:
        notify(project, "ready-for-review", people_in(project, lang, AccountRole.REVIEWER),
               f"{article_id} ({name}) is translated throughout and ready for review", link=link,
               article_id=article_id, lang=lang, actor=account.name)


def set_state(unit: Unit, state: SegmentState, account: Account) -> None:
    """Give ``unit`` a state a person chose, with the approval and the cleared previous source it implies."""
    if state in (SegmentState.MACHINE, SegmentState.NEEDS_EDITING):
        # The PO file tells these two apart only by whether the text is still the machine's; choosing the
        # state it will read back keeps the revision we return valid.
        state = unit.unsure_state()
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
                 state: SegmentState | str | None, revision: str, *,
                 withdrawal: Withdrawal | None = None) -> SaveResult:
    """Save a person's translation of one segment, as translated (default), needs editing or approved.

    From someone who may read but not edit ``lang``, or a translator's change to an approved segment, the
    text becomes a suggestion for review (``SaveResult.proposal``) and the catalog stays as it was.
    """
    target = check_target(target)
    chosen = _parse_state(state, target)
    is_proposal = False
    if chosen is not SegmentState.APPROVED and account is not None and account.is_active \
            and not account.has(AccountRole.TRANSLATOR, lang):
        is_proposal = True
    else:
        require(account, "approve" if chosen is SegmentState.APPROVED else "edit", lang)
    if not revision:
        raise InputError("'revision' is required: send the revision of the segment you edited")

    def apply(unit: Unit) -> None:
        if unit.source_plural is not None:
            raise InputError(f"segment {key} has plural forms; edit it in a PO editor")
        if unit.target == target and unit.state is chosen:
            return
        unit.target = target
        set_state(unit, chosen, account)

    return edit_segment(project, account, article_id, lang, key, revision, "save", apply, withdrawal=withdrawal,
                 is_proposal=is_proposal)


def approve(project: Project, account: Account, article_id: str, lang: str, key: str,
            revision: str, *, withdrawal: Withdrawal | None = None) -> SaveResult:
    """Approve a segment's current translation (reviewers and above)."""
    require(account, "approve", lang)

    def apply(unit: Unit) -> None:
        if not unit.target:
            raise InputError(f"segment {key} of {article_id} ({lang}) is untranslated; translate it before approving")
        if unit.state is not SegmentState.APPROVED:
            set_state(unit, SegmentState.APPROVED, account)

    return edit_segment(project, account, article_id, lang, key, revision, "approve", apply, withdrawal=withdrawal)


def revert(project: Project, account: Account, change_id: int, revision: str | None = None, *,
           segment: tuple[str, str, str] | None = None, withdrawal: Withdrawal | None = None) -> SaveResult:
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
        set_state(unit, old_state if old_target else SegmentState.UNTRANSLATED, account)

    return edit_segment(project, account, article_id, lang, key, revision, "revert", apply, withdrawal=withdrawal)


# -- history --------------------------------------------------------------------------------------
def record_change(project: Project, user: str, action: str, article_id: str, lang: str, key: str,
                  old_target: str, old_state: SegmentState | None, new_target: str,
                  new_state: SegmentState | None, *, note: str = "") -> int:
    """Add one entry to the change history (``note``: why, where the action has a reason); returns its id."""
    values = dict(when=utcnow(), user=user, action=action, article_id=article_id, lang=lang, key=key,
                  old_target=old_target, new_target=new_target, note=note,
                  old_state=old_state.slug if old_state is not None else "",
                  new_state=new_state.slug if new_state is not None else "")
    return get_database(project).add_row(Change.__table__, values)


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
    note: str = ""

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
                           c.new_target, c.old_state, c.new_state, c.note or "") for c in session.scalars(query)]


def is_allowed(account: Account | None, action: str, lang: str) -> bool:
    """True if ``account`` may do ``action`` in ``lang`` (for showing or hiding buttons)."""
    try:
        require(account, action, lang)
    except PermissionDenied:
        return False
    return True
