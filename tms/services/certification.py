"""Certifying a catalog as the official translation: what stands in the way, and the certification itself.

A catalog may be certified when every segment is approved, no error-level check remains and no more of its
text than the language's limit is machine output no person changed (``[publication]`` in ``tms.toml``).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from tms.checks.base import Finding
from tms.checks.registry import check_ids
from tms.errors import Conflict, InputError, NotFound
from tms.languages import get_language
from tms.model import Catalog, Certification, PublicationStatus, SegmentState
from tms.services.checking import check_catalog, check_context, findings_for, project_checks, project_glossary
from tms.services.review import CatalogView, ChangeView, get_segments, iso_now, record_change
from tms.services.stats import catalog_stats, compute_stats
from tms.services.users import Account, require
from tms.services.webhooks import publication_changed
from tms.storage import catalogs
from tms.storage.config import project_settings
from tms.storage.database import Change, as_utc, get_database
from tms.storage.layout import Project
from tms.storage.pofile import gettext_date


def machine_threshold(project: Project, lang: str) -> float:
    """The highest percentage of unmodified machine output a certified catalog may have in ``lang``."""
    return project_settings(project.config_path).publication.machine_limit(lang)


@dataclass(frozen=True)
class Blocker:
    """One reason a catalog cannot be certified, and which segments it concerns (``filter``: the editor's
    state filters that show them; empty when no segment in particular)."""

    text: str
    filter: tuple[str, ...] = ()

    def to_json(self) -> dict:
        """The JSON object of the pages' scripts."""
        return {"text": self.text, "filter": list(self.filter)}


#: The editor filters of each kind of blocker.
NOT_APPROVED_FILTER = tuple(s.slug for s in SegmentState if s is not SegmentState.APPROVED)
ERRORS_FILTER = ("errors",)
MACHINE_FILTER = ("machine",)


def certification_blockers(project: Project, article_id: str, lang: str, *, catalog: Catalog | None = None,
                           findings: Sequence[Finding] | None = None) -> list[str]:
    """Why the catalog cannot be certified now; an empty list when it can.

    ``catalog`` and ``findings``: the catalog and its quality-check findings, when the caller has them already.
    """
    return [b.text for b in certification_reasons(project, article_id, lang, catalog=catalog, findings=findings)]


def certification_reasons(project: Project, article_id: str, lang: str, *, catalog: Catalog | None = None,
                          findings: Sequence[Finding] | None = None) -> list[Blocker]:
    """``certification_blockers`` with the segments each reason concerns, for the editor to link to."""
    if catalog is None:
        catalog = catalogs.read(project.require_catalog(article_id, lang))
    if findings is None:
        findings = check_catalog(project, article_id, lang, catalog=catalog)
    reasons = []
    active = catalog.active_units()
    pending = [u for u in active if u.state is not SegmentState.APPROVED]
    if not active:
        reasons.append(Blocker("the catalog has no segments"))
    if pending:
        reasons.append(Blocker(f"{len(pending)} of {len(active)} segments are not approved", NOT_APPROVED_FILTER))
    errors = [f for f in findings if f.severity.is_blocking]
    if errors:
        verb = "error remains" if len(errors) == 1 else "errors remain"
        reasons.append(Blocker(f"{len(errors)} quality-check {verb} (see: tms check {article_id} --lang {lang})",
                               ERRORS_FILTER))
    for problem in project_glossary(project, lang).problems:
        reasons.append(Blocker(f"the glossary cannot be checked: {problem}"))
    share = unmodified_text_percent(catalog, lang)
    limit = machine_threshold(project, lang)
    if share > limit:
        reasons.append(Blocker(f"{share:.1f}% of the text is unmodified machine output; the limit for "
                               f"{get_language(lang).name} is {limit:g}%", MACHINE_FILTER))
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
    checked = catalogs.read(path)
    digest = checked.translations_digest()
    # The checks run before the lock is taken; the digest then proves that what was checked is what gets
    # certified.
    reasons = certification_blockers(project, article_id, lang, catalog=checked)
    if reasons:
        raise Conflict(f"cannot certify {article_id} ({lang}): " + "; ".join(reasons))
    with catalogs.edit(path, wrap=project_settings(project.config_path).catalogs.wrap) as draft:
        catalog = draft.catalog
        if catalog.translations_digest() != digest:
            raise Conflict(f"{article_id} ({lang}) changed while it was being checked; certify it again")
        if catalog.publication is not PublicationStatus.OFFICIAL:
            catalog.certification = Certification(account.name, iso_now(), digest)
            catalog.headers["PO-Revision-Date"] = gettext_date()
            draft.save()
            record_change(project, account.name, "certify", article_id, lang, "", "", None, "", None)
            publication_changed(project, article_id, lang, PublicationStatus.UNOFFICIAL, PublicationStatus.OFFICIAL)
    return get_segments(project, article_id, lang)


def last_withdrawal(project: Project, article_id: str, lang: str) -> ChangeView | None:
    """The latest withdrawal of the catalog's official status, unless it was certified again since."""
    query = (select(Change).filter_by(article_id=article_id, lang=lang, key="")
             .where(Change.action.in_(("certify", "withdraw"))).order_by(Change.when.desc(), Change.id.desc()).limit(1))
    with get_database(project).session() as session:
        c = session.scalars(query).first()
        if c is None or c.action != "withdraw":
            return None
        return ChangeView(c.id, as_utc(c.when), c.user, c.action, c.article_id, c.lang, c.key, c.old_target,
                          c.new_target, c.old_state, c.new_state, c.note or "")


def errors_in(project: Project, article_id: str, lang: str, key: str, target: str) -> list[Finding]:
    """The error-level findings segment ``key`` would have with ``target``: what a reviewer is warned of
    before approving it."""
    catalog = catalogs.read(project.require_catalog(article_id, lang))
    unit = catalog.find(key)
    if unit is None:
        return []
    trial = unit.copy()
    trial.target = target
    settings = project_settings(project.config_path)
    source = catalog.source_language or catalogs.read(project.pot_path(article_id)).source_language
    context = check_context(project, source, lang, settings)
    return [f for f in findings_for(trial, context, project_checks(project, settings), article_id)
            if f.severity.is_blocking]


def dismiss_check(project: Project, account: Account, article_id: str, lang: str, key: str, check_id: str,
                  reason: str) -> int:
    """Switch check ``check_id`` off for one segment, a false positive an approver vouches for: kept in the
    PO file as its ``# tms: ignore=`` marker, and in the history with who and why. Returns the history id."""
    require(account, "certify", lang)
    if check_id not in check_ids():
        raise InputError(f"unknown check {check_id!r}; known: {', '.join(check_ids())}")
    if not isinstance(reason, str) or not reason.strip():
        raise InputError("dismissing a check needs a reason: say why the finding is wrong here")
    path = project.require_catalog(article_id, lang)
    with catalogs.edit(path, wrap=project_settings(project.config_path).catalogs.wrap) as draft:
        unit = draft.unit(key)
        if unit is None:
            raise NotFound(f"article {article_id!r} ({lang}) has no segment {key!r}")
        if check_id in unit.ignored_checks:
            raise Conflict(f"check {check_id!r} is dismissed for segment {key} already")
        unit.ignored_checks.add(check_id)
        draft.catalog.headers["PO-Revision-Date"] = gettext_date()
        draft.save()
    return record_change(project, account.name, "dismiss", article_id, lang, key, unit.target, unit.state,
                         unit.target, unit.state, note=f"{check_id}: {reason.strip()}")
