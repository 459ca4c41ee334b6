"""The hand-labelled page set of ``tests/data/pages`` (see its README) and how the importer is scored on it.

Used by ``tests/segmentation/test_pages.py`` (the targets) and ``benchmarks/import_fidelity.py`` (the
figures per language, and the extraction libraries compared on the same pages).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PAGES = Path(__file__).resolve().parent / "data" / "pages"
LABELS = frozenset("CDTMBX")
#: Roles whose segments are the article's body, as the ``body`` ground truth of an HTML page counts it.
BODY_ROLES = frozenset({"paragraph", "heading", "list-item", "caption", "table-cell"})


@dataclass
class Page:
    """One labelled page: its labels and the bytes the importer reads."""

    path: Path
    language: str
    labels: dict
    data: bytes
    lines: list[tuple[str, str]] = field(default_factory=list)     # (label, text) of a .page; [] for HTML

    @property
    def name(self) -> str:
        return f"{self.language}/{self.path.stem}"

    @property
    def format(self) -> str:
        return "html" if self.path.suffix == ".html" else "text"

    @property
    def split(self) -> str:
        return self.labels.get("split", "dev")

    def labelled(self, *labels: str) -> list[str]:
        """The texts of the lines with one of these labels (a .page), or of the yaml's lists (HTML)."""
        if self.lines:
            return [text for label, text in self.lines if label in labels and _WORDLIKE.search(text)]
        out: list[str] = []
        if "C" in labels:
            out += [str(t) for t in self.labels.get("chrome") or []]
        if "B" in labels:
            out += [str(t) for t in self.labels.get("body") or []]
        return out


def load_pages(root: Path = PAGES) -> list[Page]:
    """Every labelled page under ``root``, in a stable order."""
    pages: list[Page] = []
    for path in sorted(root.glob("*/*.page")) + sorted(root.glob("*/*.html")):
        if path.suffix == ".page":
            pages.append(_read_page(path))
        else:
            labels = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
            pages.append(Page(path, labels["language"], labels, path.read_bytes()))
    return sorted(pages, key=lambda p: p.name)


def _read_page(path: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    labels = yaml.safe_load(front)
    lines: list[tuple[str, str]] = []
    for number, line in enumerate(body.split("\n"), start=1):
        if not line.strip():
            lines.append(("", ""))
            continue
        label, bar, rest = line.partition("|")
        if not bar or label.strip() not in LABELS:
            raise ValueError(f"{path}: body line {number} has no label: {line[:40]!r}")
        lines.append((label.strip(), rest))
    while lines and lines[-1] == ("", ""):
        lines.pop()
    data = "\n".join(t for _, t in lines).encode("utf-8")
    return Page(path, labels["language"], labels, data, lines)


# -- scoring --------------------------------------------------------------------------------------------
_WORDLIKE = re.compile(r"[^\W_]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")
_TAG = re.compile(r"</?(?:sub|sup|code|img|a|b|i|u|s|x)\d+/?>")


def norm(text: str) -> str:
    """Text as compared: NFC, inline tags out (a line break is a space), whitespace collapsed."""
    return " ".join(_TAG.sub("", unicodedata.normalize("NFC", text).replace("<br/>", " ")).split())


def tokens(text: str) -> Counter[str]:
    """Words (a character each in Chinese and Japanese), case-folded, as extraction F1 counts them."""
    return Counter(t.casefold() for t in _TOKEN.findall(norm(text)))


def f1(found: Counter[str], truth: Counter[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of a bag of tokens against the ground truth's."""
    common = sum((found & truth).values())
    precision = common / sum(found.values()) if found else 0.0
    recall = common / sum(truth.values()) if truth else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


@dataclass
class Score:
    """What the importer got right on one page."""

    page: Page
    chrome: tuple[int, int] = (0, 0)          # lines kept out, of lines labelled chrome
    leaked: list[str] = field(default_factory=list)
    title: bool = False
    title_found: str = ""
    metadata: tuple[int, int] = (0, 0)
    metadata_misses: list[str] = field(default_factory=list)
    sentences: tuple[int, int] = (0, 0)
    sentence_misses: list[str] = field(default_factory=list)
    body_recall: float = 1.0
    extraction: tuple[float, float, float] | None = None      # HTML: precision, recall, F1 of the body
    language_right: bool = True
    error: str = ""


def score(page: Page, meta, blocks, segments, language: str) -> Score:
    """Score one import: ``meta`` and ``blocks`` of the article, its segments, the language detected."""
    result = Score(page, language_right=language == page.language)
    texts = [norm(s.text) for s in segments]
    roles = [s.location.role.value for s in segments]
    legit = [norm(t) for t in page.labelled("B", "T", "M", "X")]
    leaked = []
    chrome = page.labelled("C", "D")
    for line in chrome:
        key = norm(line)
        if any(_is_leak(key, text, role, legit) for text, role in zip(texts, roles)):
            leaked.append(line)
    result.chrome = (len(chrome) - len(leaked), len(chrome))
    result.leaked = leaked
    expected_title = norm(str(page.labels.get("title", "")))
    first = blocks[0] if blocks else None
    result.title_found = norm(meta.title)
    result.title = (result.title_found == expected_title and first is not None
                    and first.role.value == "title" and norm(first.text) == expected_title)
    result.metadata, result.metadata_misses = _metadata(page.labels.get("metadata") or {}, meta)
    wanted = [norm(str(s)) for s in page.labels.get("key_sentences") or []]
    present = set(texts)
    misses = [s for s in wanted if s not in present]
    result.sentences = (len(wanted) - len(misses), len(wanted))
    result.sentence_misses = misses
    found = Counter()
    for text, role in zip(texts, roles):
        found += tokens(text)
    if page.lines:
        truth = Counter()
        for line in page.labelled("B"):
            truth += tokens(line)
        result.body_recall = f1(found, truth)[1]
    else:
        body = Counter()
        for text, role in zip(texts, roles):
            if role in BODY_ROLES:
                body += tokens(text)
        truth = tokens("\n".join(page.labelled("B")))
        result.extraction = f1(body, truth)
        result.body_recall = result.extraction[1]
    return result


def _is_leak(key: str, text: str, role: str, legit: list[str]) -> bool:
    """True when a segment shows a chrome line: it is (part of) the line, or holds the line without
    being article text itself."""
    if not key or not text:
        return False
    if text == key or (len(text) >= 2 and text in key and role != "title"):
        return True
    return key in text and not any(text in line for line in legit)


def _metadata(expected: dict, meta) -> tuple[tuple[int, int], list[str]]:
    misses = []
    checks = 0
    for key, value in expected.items():
        if key == "credits":
            for credit in value or []:
                checks += 1
                if not any(_alike(credit, found) for found in meta.credits):
                    misses.append(f"credit {credit!r} (found {meta.credits})")
            continue
        checks += 1
        found = {"date": meta.date, "byline": meta.byline, "category": meta.category, "email": meta.email,
                 "canonical": meta.url, "unofficial_translation": meta.is_unofficial_translation}.get(key)
        if key == "unofficial_translation":
            ok = bool(found) == bool(value)
        elif key == "date":
            ok = str(found) == str(value)
        else:
            ok = found is not None and _alike(str(value), str(found))
        if not ok:
            misses.append(f"{key} {value!r} (found {found!r})")
    return (checks - len(misses), checks), misses


def _alike(expected: str, found: str) -> bool:
    a, b = norm(expected).casefold(), norm(found).casefold()
    return bool(a) and (a == b or (a in b and len(a) >= 0.6 * len(b)) or (b in a and len(b) >= 0.6 * len(a)))


def import_page(page: Page):
    """Import one page as ``tms segment`` does: the article and its segments, nothing written."""
    from tms.segmentation.segments import segment_blocks
    from tms.services.sources import prepare_article

    article = prepare_article(page.data, page.path.name)
    return article, segment_blocks(article.blocks, article.language)


def score_page(page: Page) -> Score:
    """Import and score one page; an import error scores nothing and says why."""
    try:
        article, segments = import_page(page)
    except Exception as exc:    # a page that cannot be imported is a finding, not a crash of the run
        return Score(page, error=f"{type(exc).__name__}: {exc}")
    return score(page, article.meta, article.blocks, segments, article.language)


@dataclass
class Totals:
    """The four figures over a set of pages."""

    chrome: list[int] = field(default_factory=lambda: [0, 0])
    titles: list[int] = field(default_factory=lambda: [0, 0])
    metadata: list[int] = field(default_factory=lambda: [0, 0])
    sentences: list[int] = field(default_factory=lambda: [0, 0])
    errors: int = 0

    def add(self, s: Score) -> None:
        if s.error:
            self.errors += 1
        for name, (good, total) in (("chrome", s.chrome), ("metadata", s.metadata), ("sentences", s.sentences)):
            getattr(self, name)[0] += good
            getattr(self, name)[1] += total
        if not s.error:
            self.titles[0] += int(s.title)
        self.titles[1] += 1

    @staticmethod
    def share(pair: list[int]) -> float:
        return pair[0] / pair[1] if pair[1] else 1.0
