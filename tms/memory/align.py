"""Sentence alignment of an article and its translation: Gale and Church's length model with lexical anchors.

The two texts are read as sequences of sentences and cut into beads: one sentence to one (1-1), one to
two or two to one (a sentence split or merged in translation), one to three or three to one, and one to
none or none to one (a sentence left out). Dynamic programming finds the sequence of beads of least cost:

- length: a translation's length in characters is roughly proportional to the original's, at a ratio
  taken from the two texts and drawn toward 1 for short ones (so Korean against English works as French
  against English), with a variance growing with length (Gale & Church 1993);
- prior: how common each kind of bead is, so that 1-1 wins unless the evidence says otherwise;
- anchors (``tms.memory.anchors``): numbers, names, word beginnings and marked punctuation that occur in
  both texts; a bead whose two sides share them costs less, one where only one side has them more.

Each bead carries a confidence from 0 to 1: how well its lengths and anchors agree.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tms.memory.anchors import agreement, anchors, is_latin

#: Bead shapes (source sentences, target sentences) and -log of their prior probability. Gale and Church
#: counted far fewer omissions in parliament proceedings; an article's "unofficial translation" leaves out
#: sentences (a contact line, a reference to a Korean-only attachment) about as often as it merges two.
BEADS: dict[tuple[int, int], float] = {
    (1, 1): -math.log(0.80),
    (1, 0): -math.log(0.06),
    (0, 1): -math.log(0.06),
    (2, 1): -math.log(0.03),
    (1, 2): -math.log(0.03),
    (3, 1): -math.log(0.005),
    (1, 3): -math.log(0.005),
}
#: Variance of the target length per source character (Gale and Church measured 6.8 for European pairs;
#: scripts as far apart as Korean and English vary more).
VARIANCE = 8.0
#: What one shared anchor is worth, and what one anchor found on one side only costs.
ANCHOR_MATCH = 2.5
ANCHOR_MISS = 1.5

#: How many sentence pairs the expected ratio of 1 counts for against an article's own ratio.
RATIO_PRIOR = 5

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Bead:
    """Source sentences aligned with target sentences (either may be empty), and how sure the aligner is."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float

    @property
    def is_one_to_one(self) -> bool:
        """True for one sentence translated by one sentence."""
        return len(self.source) == 1 and len(self.target) == 1

    @property
    def is_pair(self) -> bool:
        """True when both sides hold text: a pair for the memory."""
        return bool(self.source) and bool(self.target)


#: What one character of a dense script is worth in Latin letters (measured on the PUD sentences without
#: digits or Latin words: English takes 2.2 letters per Hangul syllable, 2.8 per Chinese character, 1.2
#: per Arabic letter; kana is a guess, Japanese not being among them). A
#: Korean or Chinese sentence's digits and Latin names then weigh what they weigh in its translation.
_DENSE = ((0xAC00, 0xD7A3, 2.2), (0x1100, 0x11FF, 2.2), (0x3130, 0x318F, 2.2),        # Hangul
          (0x4E00, 0x9FFF, 2.8), (0x3400, 0x4DBF, 2.8), (0xF900, 0xFAFF, 2.8),        # Han
          (0x3040, 0x30FF, 1.5),                                                      # kana
          (0x0600, 0x06FF, 1.2))                                                      # Arabic


def _length(text: str) -> float:
    total = 0.0
    for char in _SPACE.sub("", text):
        code = ord(char)
        weight = 1.0
        if code >= 0x0600:
            for low, high, dense in _DENSE:
                if low <= code <= high:
                    weight = dense
                    break
        total += weight
    return total


class _Side:
    """One text's sentences: their lengths, and their anchors restricted to those both texts share."""

    def __init__(self, sentences: Sequence[str], bags: Sequence[Counter], shared: set[str]):
        self.lengths = [_length(s) for s in sentences]
        self.anchors = [Counter({k: v for k, v in bag.items() if k in shared}) for bag in bags]
        self._spans: dict[tuple[int, int], tuple[float, Counter]] = {}

    def span(self, end: int, count: int) -> tuple[float, Counter]:
        """The length and anchors of ``count`` sentences ending before ``end``."""
        key = (end, count)
        if key not in self._spans:
            total: Counter = Counter()
            for bag in self.anchors[end - count:end]:
                total.update(bag)
            self._spans[key] = (sum(self.lengths[end - count:end]), total)
        return self._spans[key]


def align(source: Sequence[str], target: Sequence[str]) -> list[Bead]:
    """The beads of least cost that align ``source`` with ``target``, in order, covering every sentence."""
    if not source or not target:
        return ([Bead((i,), (), 0.0) for i in range(len(source))]
                + [Bead((), (j,), 0.0) for j in range(len(target))])
    source_bags, target_bags = [anchors(s) for s in source], [anchors(s) for s in target]
    shared = {k for bag in source_bags for k in bag} & {k for bag in target_bags for k in bag}
    if is_latin(source) and is_latin(target):
        # Between two Latin-script texts names match letter for letter; their skeletons would count twice.
        shared = {key for key in shared if key[0] != "s"}
    src, tgt = _Side(source, source_bags, shared), _Side(target, target_bags, shared)
    ratio = max(sum(tgt.lengths), 1) / max(sum(src.lengths), 1)
    path = _search(src, tgt, ratio)
    # The texts' overall ratio counts the sentences left out; the ratio of the pairs found does not.
    paired = [(i, di, j, dj) for i, di, j, dj in path if di and dj]
    if paired:
        ratio = _pooled_ratio(
            max(sum(tgt.span(j, dj)[0] for _, _, j, dj in paired), 1)
            / max(sum(src.span(i, di)[0] for i, di, _, _ in paired), 1), len(paired))
        path = _search(src, tgt, ratio)
    return [_bead(src, tgt, i, di, j, dj, ratio) for i, di, j, dj in path]


def _pooled_ratio(measured: float, pairs: int) -> float:
    """The ratio measured on ``pairs`` pairs, drawn toward 1 as if ``RATIO_PRIOR`` more pairs had ratio 1.

    The script weights of ``_length`` make a text about as long in any language, so 1 is what to expect
    before reading; a short article's own ratio rests on a handful of sentences, one reworded sentence
    moving it far, and the longer the article the more its own ratio counts."""
    return math.exp(pairs * math.log(measured) / (pairs + RATIO_PRIOR))


def _search(src: _Side, tgt: _Side, ratio: float) -> list[tuple[int, int, int, int]]:
    """The path of least cost through the beads, as (source end, source count, target end, target count)."""
    n, m = len(src.lengths), len(tgt.lengths)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for (di, dj), prior in BEADS.items():
                if i + di > n or j + dj > m:
                    continue
                total = here + prior + _bead_cost(src, tgt, i + di, di, j + dj, dj, ratio)
                if total < cost[i + di][j + dj]:
                    cost[i + di][j + dj] = total
                    back[i + di][j + dj] = (di, dj)
    path = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        path.append((i, di, j, dj))
        i, j = i - di, j - dj
    path.reverse()
    return path


def _bead_cost(src: _Side, tgt: _Side, i: int, di: int, j: int, dj: int, ratio: float) -> float:
    length_s, anchors_s = src.span(i, di) if di else (0, Counter())
    length_t, anchors_t = tgt.span(j, dj) if dj else (0, Counter())
    if not (di and dj):
        # A sentence left out costs its prior alone: neither its length nor its anchors, which have no
        # counterpart by definition, say anything against leaving it out.
        return 0.0
    cost = -math.log(max(_length_probability(length_s, length_t, ratio), 1e-12))
    if anchors_s or anchors_t:
        matched, missed = agreement(anchors_s, anchors_t)
        cost += ANCHOR_MISS * missed - ANCHOR_MATCH * matched
    return cost


def _length_probability(length_s: int, length_t: int, ratio: float) -> float:
    """Two-tailed probability of lengths this far apart, for a translation at ``ratio``."""
    expected = length_t / ratio
    mean = (length_s + expected) / 2
    if mean <= 0:
        return 1.0
    delta = (expected - length_s) / math.sqrt(mean * VARIANCE)
    return math.erfc(abs(delta) / math.sqrt(2))


def _bead(src: _Side, tgt: _Side, i: int, di: int, j: int, dj: int, ratio: float) -> Bead:
    source, target = tuple(range(i - di, i)), tuple(range(j - dj, j))
    if not di or not dj:
        return Bead(source, target, 0.0)
    length_s, anchors_s = src.span(i, di)
    length_t, anchors_t = tgt.span(j, dj)
    confidence = _length_probability(length_s, length_t, ratio)
    matched, missed = agreement(anchors_s, anchors_t)
    # Shared anchors make a pair surer, anchors on one side only less sure.
    confidence = 1 - (1 - confidence) * 0.7 ** matched
    confidence *= 0.8 ** missed
    if (di, dj) != (1, 1):
        confidence *= 0.9
    return Bead(source, target, round(min(max(confidence, 0.0), 1.0), 3))
