"""Fingerprints of one article for copy detection: whole-text shingles, index keys, a sketch.

Real copies are rarely the source text with its lead intact: outlets re-lead, add their own
intro, byline and read-more boilerplate, cut or reorder paragraphs, and a teaser or one passage
of a long briefing is published on its own. So nothing here looks at the opening: every feature
is computed over the **whole text**, and two questions are asked of a pair —

* *resemblance* (Jaccard of the 3-word shingle sets): the same text edited;
* *containment* (share of the shorter text's shingles found in the longer): a short copy inside
  a long one, or a text embedded in a longer update.

Finding the candidates needs an index that works for containment, not only for resemblance:
MinHash LSH bands tuned for Jaccard cannot find a 20-word teaser inside a 1,000-word article. We
index **winnowed shingle keys** (Schleimer, Wilkerson & Aiken 2003, the MOSS scheme): of every
window of ``WINDOW`` consecutive shingle hashes the smallest is kept, so two texts that share any
run of ``WINDOW + SHINGLE - 1`` words are *guaranteed* to share a key, whatever the lengths and
whatever surrounds the passage, and a text costs about ``2 / (WINDOW + 1)`` of its shingles.

Winnowed keys depend on their neighbourhood, so they estimate containment poorly; the decision
uses a second sketch, the sorted set of the text's shingle values (high 32 bits of the mixed
hashes): ``|S_a ∩ S_b| / |S_a|`` is the containment of ``a`` in ``b``, ``|S_a ∩ S_b| / |S_a ∪ S_b|``
their resemblance, at any length ratio. It is exact: a sampled sketch's noise moved borderline
development pairs across the threshold.

**Anchors** find the copies published long apart. The winnowed keys are looked up among the
articles of the same days only (``crawler.dedup.copyindex``), because a copy more than half a day
away must be the same text (resemblance at the later-day bar) or carry the same headline
(``crawler.dedup.copies``). Such a pair shares, with near certainty, one of a few min-hashes of
the shingles or of the headline's words, and those few keys are indexed for all time.

Numbers, day-month dates and headline words are kept as well: they tell a copy from a daily
template (the gold price or prayer times of another day are the same text with other numbers
and dates) and, for lead-only feed items, from another story that opens with the same sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from crawler.dedup.text import Tokens, mix64, tokenize

SHINGLE = 3  # words per shingle
WINDOW = 12  # winnowing window (in shingles): any shared run of >= 14 words shares a key
SHORT_WORDS = 40  # under this a text is a lead-only item (feed teaser, one-paragraph notice)
TEXT_ANCHORS = 4
TITLE_ANCHORS = 3

_STEP = np.uint64(0x9E3779B97F4A7C15)
_EMPTY32 = np.zeros(0, dtype=np.uint32)
_EMPTY64 = np.zeros(0, dtype=np.uint64)


def shingle_hashes(word_hashes: np.ndarray, size: int = SHINGLE) -> np.ndarray:
    """64-bit mixed hashes of the word n-grams, in text order (a text shorter than ``size`` words
    is one shingle)."""
    if len(word_hashes) == 0:
        return _EMPTY64
    size = min(size, len(word_hashes))
    n = len(word_hashes) - size + 1
    acc = word_hashes[:n].copy()
    for off in range(1, size):
        acc = acc * _STEP + word_hashes[off : off + n]
    return mix64(acc)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    values = np.sort(values)
    if len(values) < 2:
        return values
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def winnow(hashes: np.ndarray, window: int = WINDOW) -> np.ndarray:
    """Winnowing keys: the minimum of every window of ``window`` consecutive hashes (unique). A
    text with no more shingles than the window keeps them all, so a very short item is still
    findable inside a longer text. Window minima by doubling (min of two half windows)."""
    n = len(hashes)
    if n <= window:
        return sorted_unique(hashes)
    m, width = hashes, 1
    while width * 2 <= window:
        m = np.minimum(m[:-width], m[width:])
        width *= 2
    if width < window:  # two overlapping power-of-two windows cover the rest
        m = np.minimum(m[: len(m) - (window - width)], m[window - width :])
    return sorted_unique(m)


def bottom(hashes: np.ndarray, k: int) -> list[int]:
    """The ``k`` smallest distinct hashes (a bottom-k sketch: two texts of resemblance J share
    one of them about as often as one of k independent min-hashes)."""
    if len(hashes) > k:
        hashes = np.partition(hashes, k)[: k + 1]
    return sorted(set(hashes.tolist()))[:k]


@dataclass(frozen=True)
class Fingerprint:
    """Everything the copy decision needs about one article (a few hundred bytes when stored)."""

    n_words: int
    n_shingles: int
    keys: np.ndarray  # uint64 winnowed shingle keys: the same-days index
    sample: np.ndarray  # uint32 sorted: the containment sketch
    numbers: frozenset[int]  # numbers and dates of the body (``text.date_code``)
    title_words: frozenset[int]  # word hashes of the headline
    title_numbers: frozenset[int]
    series: int = 0  # CRC32 of the headline with digits and dates masked (digest.series_key)
    digest: bool = False  # round-up headline (digest.digest_title)
    anchors: tuple[int, ...] = ()  # bottom-k of the shingles: the all-time index
    title_anchors: tuple[int, ...] = ()  # bottom-k of the headline's word pairs

    @property
    def short(self) -> bool:
        """A lead-only item (a feed teaser or a one-paragraph notice): its text alone cannot tell
        a copy from another story opening with the same sentence."""
        return self.n_words < SHORT_WORDS


def fingerprint_tokens(tok: Tokens) -> Fingerprint:
    hashes = shingle_hashes(tok.body_hashes)
    return Fingerprint(
        n_words=tok.n_words,
        n_shingles=len(hashes),
        keys=winnow(hashes),
        sample=sorted_unique((hashes >> np.uint64(32)).astype(np.uint32))
        if len(hashes)
        else _EMPTY32,
        numbers=tok.numbers,
        title_words=frozenset(tok.title_hashes.view(np.int64).tolist()),
        title_numbers=tok.title_numbers,
        series=tok.series,
        digest=tok.digest,
        anchors=tuple(a >> 1 for a in bottom(hashes, TEXT_ANCHORS)),  # fits SQLite's int64
        title_anchors=tuple(
            a >> 1 for a in bottom(shingle_hashes(tok.title_hashes, 2), TITLE_ANCHORS)
        ),
    )


def fingerprint(text: str, title: str = "", normalized: bool = True) -> Fingerprint:
    """Fingerprint of an article's body (and title). ``normalized``: the text is already in the
    canonical form of ``crawler.text.bangla.normalize_text`` (the pipeline's text is)."""
    return fingerprint_tokens(tokenize(title, text, normalized))


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """(containment of a in b, containment of b in a, Jaccard) from two sketches."""
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0, 0.0
    if len(a) > len(b):
        a, b = b, a
        swapped = True
    else:
        swapped = False
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    inter = int(np.count_nonzero(b[at] == a))
    ca, cb = inter / len(a), inter / len(b)
    jaccard = inter / (len(a) + len(b) - inter)
    return (cb, ca, jaccard) if swapped else (ca, cb, jaccard)
