"""The data model of tms: articles, blocks, segments, catalog units and their states.

Nothing here does I/O or imports a third-party package; reading and writing live in ``tms.storage``.
"""
from __future__ import annotations

import copy
import enum
import functools
import hashlib
from dataclasses import dataclass, field
from typing import NamedTuple

from tms.inline import Tag


class Role(str, enum.Enum):
    """The structural role of a block of an article."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    CAPTION = "caption"
    BYLINE = "byline"
    CREDIT = "credit"
    IMAGE = "image"             # an image in the body; its text is the alt text
    TABLE_CELL = "table-cell"
    EMBED = "embed"             # embedded media (a video player, a post) kept as it stands, not translated


#: A list marker as people type it, and as ``originals/<id>.md`` keeps it: 1.  1)  (1)  a)  가.  ①  •  -  o
#: ㅇ  □  ※ ... (the readers add their own context: "o" only before a capital, for instance).
LIST_MARKER = (r"\(\d{1,3}\)|\d{1,3}[.)]|\(?[a-z][)]|[a-z]\.|[가나다라마바사아자차카타파하][.)]|\([가나다라마바사아자차카타파하]\)"
               r"|[\u2460-\u2473\u3260-\u327b]|[•◦▪▫■□◆◇○●◎▶▷►※ㅇ\-*·∙‣⁃o]")


class SegmentState(enum.IntEnum):
    """Where one translated segment stands; ordered, with gaps as Weblate's states."""

    UNTRANSLATED = 0
    MACHINE = 10
    NEEDS_EDITING = 15
    TRANSLATED = 20
    APPROVED = 30

    @property
    def label(self) -> str:
        """The name shown to people ("needs editing")."""
        return self.name.lower().replace("_", " ")

    @property
    def slug(self) -> str:
        """The name used in files, URLs and JSON ("needs-editing")."""
        return self.name.lower().replace("_", "-")

    @classmethod
    def from_slug(cls, slug: str) -> "SegmentState":
        """The state named ``slug`` ("machine", "needs-editing", ...)."""
        try:
            return cls[slug.upper().replace("-", "_").replace(" ", "_")]
        except KeyError:
            names = ", ".join(s.slug for s in cls)
            raise ValueError(f"unknown state {slug!r}; expected one of: {names}") from None

    @property
    def is_translated(self) -> bool:
        """True for states a person has accepted (translated, approved)."""
        return self >= SegmentState.TRANSLATED


class PublicationStatus(str, enum.Enum):
    """Whether a translated article may be published, and with which label."""

    DRAFT = "draft"
    UNOFFICIAL = "unofficial"
    OFFICIAL = "official"

    @property
    def label(self) -> str:
        """The label shown on published pages and dashboards."""
        return {"draft": "draft", "unofficial": "unofficial translation", "official": "official"}[self.value]


@dataclass(frozen=True)
class Cell:
    """Where a table cell stands: which table of the article (from 1), which row and which of the cells
    written in that row (from 0; cells covered by another's span are not written)."""

    table: int
    row: int
    col: int
    is_header: bool = False
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Block:
    """One structural block of an article: a title, a paragraph, a list item, a caption, an image...

    ``text`` carries its inline markup as numbered tags (``<a1>…</a1>``, see ``tms.inline``) and ``tags``
    what they stand for.
    """

    role: Role
    text: str
    level: int = 0          # nesting depth of a list item (0 = top level)
    marker: str = ""        # the list marker as written ("1.", "o", "-"); structure, not a segment
    tags: dict[int, Tag] = field(default_factory=dict)
    quote: int = 0          # depth of block quotation (0: not quoted)
    cell: Cell | None = None
    attrs: dict[str, str] = field(default_factory=dict)     # an image's src and title, an embed's html


@dataclass
class ArticleMeta:
    """What is known about an article besides its text."""

    title: str = ""
    date: str = ""                  # ISO 8601 (2017-03-27) when it could be read
    category: str = ""
    byline: str = ""
    author_role: str = ""
    credits: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    email: str = ""
    is_unofficial_translation: bool = False
    source_name: str = ""           # the file it was imported from
    source_format: str = ""         # text, html, markdown, docx or hwpx
    url: str = ""                   # the page's canonical address, when the source says it
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Article:
    """A cleaned source article: its id, language, metadata and blocks in order."""

    id: str
    language: str
    meta: ArticleMeta
    blocks: list[Block]


class Location(NamedTuple):
    """Where a segment stands in its article: enough to rebuild the article in order.

    A named tuple rather than a dataclass: an article of 60,000 sentences makes 60,000 of them.
    """

    role: Role
    block: int
    sentence: int = 0
    level: int = 0
    marker: str = ""
    is_glued: bool = False          # no space between this sentence and the previous one
    line: int = 0                   # line of the block in originals/<id>.<ext>


@dataclass
class Segment:
    """One translatable piece of an article: a sentence (or a whole short block) and its place."""

    text: str
    location: Location
    context: str | None = None      # msgctxt, set where the same text occurs twice in one article
    tags: dict[int, Tag] = field(default_factory=dict)     # what the inline tags of ``text`` stand for


@dataclass
class MachineInfo:
    """Provenance of a machine translation: which engine, when, how sure, and what it said."""

    engine: str
    text: str
    date: str = ""
    score: float | None = None
    pivot: str = ""         # the language the engine translated through ("es"), "" for a direct pair
    origin: str = ""        # a memory match: where the unit came from (an article, an archive file)


@dataclass
class Approval:
    """Who approved a segment and when."""

    by: str
    date: str = ""


@dataclass
class Unit:
    """One entry of a translation catalog, as tms sees it."""

    source: str
    target: str = ""
    context: str | None = None
    state: SegmentState = SegmentState.UNTRANSLATED
    location: Location | None = None
    references: list[str] = field(default_factory=list)
    previous_source: str | None = None
    machine: MachineInfo | None = None
    approval: Approval | None = None
    ignored_checks: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)       # translator comments not owned by tms
    extracted: list[str] = field(default_factory=list)      # extracted comments not owned by tms
    flags: list[str] = field(default_factory=list)          # gettext flags other than fuzzy
    source_plural: str | None = None
    plural_targets: dict[int, str] = field(default_factory=dict)
    is_obsolete: bool = False
    previous_context: str | None = None         # ``#| msgctxt``
    previous_source_plural: str | None = None   # ``#| msgid_plural``
    # the file's ``fuzzy`` flag on a unit left untranslated (an empty plural form), kept on writing it
    is_marked_fuzzy: bool = field(default=False, compare=False)

    @property
    def key(self) -> str:
        """A short stable id of the unit within its catalog, derived from context and source."""
        return unit_key(self.source, self.context)

    @property
    def revision(self) -> str:
        """A fingerprint of the unit's translation and state, for optimistic concurrency."""
        raw = f"{self.state.slug}\x00{self.target}\x00{sorted(self.plural_targets.items())}"
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]

    @property
    def is_fuzzy(self) -> bool:
        """True where gettext's fuzzy flag belongs: machine output and segments needing edits, and an
        untranslated unit (a plural form left empty, say) that the file marked fuzzy."""
        if self.state is SegmentState.UNTRANSLATED:
            return self.is_marked_fuzzy
        return self.state in (SegmentState.MACHINE, SegmentState.NEEDS_EDITING)

    @property
    def is_machine_output(self) -> bool:
        """True while the translation is still the engine's output for this very source: there is machine
        output, the text is the machine's, and no earlier source (``#| msgid``) says the source has changed."""
        return self.machine is not None and self.machine.text == self.target and self.previous_source is None

    def unsure_state(self) -> SegmentState:
        """The state of a translation that is not accepted (gettext's fuzzy): ``MACHINE`` while it is
        machine output, else ``NEEDS_EDITING``. The one rule for the PO reader, the editor and imports."""
        return SegmentState.MACHINE if self.is_machine_output else SegmentState.NEEDS_EDITING

    def copy(self) -> "Unit":
        """A copy that shares nothing changeable with this unit (as ``copy.deepcopy``, several times faster)."""
        twin = copy.copy(self)
        twin.references, twin.comments, twin.extracted = [*self.references], [*self.comments], [*self.extracted]
        twin.flags, twin.ignored_checks, twin.plural_targets = [*self.flags], {*self.ignored_checks}, {**self.plural_targets}
        twin.machine = copy.copy(self.machine)
        twin.approval = copy.copy(self.approval)
        return twin


@functools.lru_cache(maxsize=65536)
def unit_key(source: str, context: str | None = None) -> str:
    """The key of the unit with this source text and context."""
    raw = f"{context or ''}\x04{source}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def text_digest(text: str) -> str:
    """A short digest of a translation, stored beside approvals to notice later edits."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


@dataclass
class Certification:
    """An approver's certification of a whole catalog as the official translation."""

    by: str
    date: str
    digest: str                     # digest of every translation at the time of certification


@dataclass
class Catalog:
    """A translation catalog (PO) or template (POT) of one article."""

    article_id: str
    language: str | None            # None for the template
    source_language: str
    units: list[Unit] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    certification: Certification | None = None
    is_source_unofficial: bool = False
    header_comments: list[str] = field(default_factory=list)   # the header entry's comment lines, as written
    # how the file was laid out, kept by a save but no part of what the catalog says: the header's msgstr
    # as written (field order, odd lines, spacing), and the page width of its strings (GNU: 79; 0: none)
    header_text: str | None = field(default=None, compare=False)
    wrap_width: int = field(default=0, compare=False)
    header_index: int = field(default=0, compare=False)     # how many entries come before the header

    def active_units(self) -> list[Unit]:
        """The units that are not obsolete, in catalog order."""
        return [u for u in self.units if not u.is_obsolete]

    def find(self, key: str) -> Unit | None:
        """The active unit with this key, or None."""
        for unit in self.units:
            if not unit.is_obsolete and unit.key == key:
                return unit
        return None

    def translations_digest(self) -> str:
        """A digest of every active unit's key and translation, used to detect edits after certification."""
        h = hashlib.sha1()
        for unit in self.active_units():
            h.update(f"{unit.key}\x00{unit.target}\x00{unit.state.slug}\x01".encode("utf-8"))
        return h.hexdigest()[:16]

    @property
    def publication(self) -> PublicationStatus:
        """Draft until fully translated; official only while the certification still matches."""
        active = self.active_units()
        if not active or any(not u.state.is_translated for u in active):
            return PublicationStatus.DRAFT
        if self.certification and self.certification.digest == self.translations_digest():
            return PublicationStatus.OFFICIAL
        return PublicationStatus.UNOFFICIAL


@dataclass
class StateCounts:
    """Segments and words in one state."""

    segments: int = 0
    words: int = 0


@dataclass
class CatalogStats:
    """Statistics of one catalog, as shown by ``tms status`` and the dashboard."""

    article_id: str
    language: str
    by_state: dict[SegmentState, StateCounts]
    publication: PublicationStatus
    unmodified_machine_share: float = 0.0   # share of machine words that no person changed, 0..1
    mtime: float = 0.0
    source_language: str = ""
    machine_words: int = 0                  # source words of the units with machine output (the share's weight)

    @property
    def total(self) -> StateCounts:
        """Segments and words over all states."""
        return StateCounts(
            sum(c.segments for c in self.by_state.values()), sum(c.words for c in self.by_state.values())
        )

    def segments(self, *states: SegmentState) -> int:
        """How many segments are in the given states."""
        return sum(self.by_state[s].segments for s in states if s in self.by_state)

    def percent(self, *states: SegmentState) -> float:
        """The share of segments in the given states, in percent."""
        total = self.total.segments
        if not total:
            return 100.0
        return 100.0 * self.segments(*states) / total
