"""Helpers the pages share: status badges, quality-check findings by segment, job progress, safe redirects,
the page number of a listing."""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app, request

from tms.errors import InputError
from tms.languages import get_language
from tms.model import PublicationStatus
from tms.services.checking import check_catalog
from tms.storage.layout import check_id


@dataclass(frozen=True)
class Badge:
    """A status badge: the words shown and the CSS class that colours them."""

    label: str
    css: str


#: The badges of the dashboard, by workflow stage (``tms.services.overview.stage``), in order.
BADGES = {
    "draft": Badge("draft", "draft"),
    "machine": Badge("machine", "machine"),
    "review": Badge("in review", "review"),
    "unofficial": Badge(PublicationStatus.UNOFFICIAL.label, "unofficial"),
    "official": Badge(PublicationStatus.OFFICIAL.label, "official"),
}


def badge_for_publication(publication: PublicationStatus) -> Badge:
    """The badge of a catalog's publication status (draft, unofficial translation, official)."""
    return BADGES[publication.value]


def catalog_args(article_id: str, lang: str) -> tuple[str, str]:
    """Validate an article id and a language code taken from a URL or a form."""
    return check_id(article_id), get_language(lang).code


def catalog_findings(project, article_id: str, lang: str, **options) -> dict[str, list]:
    """The quality-check findings of a catalog, by segment key (errors first); ``options`` as for
    ``check_catalog`` (the catalog in memory, only some keys)."""
    found: dict[str, list] = {}
    for finding in check_catalog(project, article_id, lang, **options):
        found.setdefault(finding.unit_key, []).append(finding)
    for findings in found.values():
        findings.sort(key=lambda f: not f.severity.is_blocking)
    return found


def local_redirect(target: str | None, fallback: str) -> str:
    """``target`` if it is a path on this site, else ``fallback``: never another host, never a control
    character (a line break in a ``Location`` header would split the answer)."""
    if not target or any(ord(c) < 0x20 or ord(c) == 0x7F for c in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    return target


def parse_proxies(value: str) -> tuple:
    """The trusted proxies of a setting ("127.0.0.1, 10.0.0.0/8") as networks; ``ValueError`` for a bad one."""
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in value.split(",") if part.strip())


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_address() -> str:
    """The address of the client: the peer's, or, when the peer is a proxy named in ``TRUSTED_PROXIES``,
    the nearest address in its ``X-Forwarded-For`` that is not itself a trusted proxy. Without that setting
    the header is ignored, since any client can send one."""
    peer = request.remote_addr or ""
    proxies = current_app.config.get("TRUSTED_PROXIES") or ()
    address = _address(peer)
    if not proxies or address is None or not any(address in net for net in proxies):
        return peer
    forwarded = ",".join(request.headers.getlist("X-Forwarded-For")).split(",")
    for hop in reversed(forwarded):
        hop_address = _address(hop)
        if hop_address is None:
            break
        if not any(hop_address in net for net in proxies):
            return str(hop_address)
        peer = str(hop_address)
    return peer


def source_title(view) -> str:
    """The article's title as written in the source (its first title segment), else its id."""
    for segment in view.segments:
        if segment.role == "title":
            return segment.source
    return view.article_id


def page_arg() -> int:
    """The ``page`` of a listing's request (1 without one); ``InputError`` (400) for anything but a page number."""
    page = request.args.get("page", "1")
    if not page.isdigit() or int(page) < 1:
        raise InputError(f"page: {page!r} is not a page number")
    return int(page)
