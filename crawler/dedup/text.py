"""Words, numbers and terms of a Bengali (or English) news text, computed once for both levels.

The copy level needs every word (shingles are word triples); the thread level needs *terms*:
light-stemmed content words, so that the inflected forms of a name meet (খালেদা জিয়ার,
জিয়াকে, জিয়া → জিয়া).

All of it is computed in numpy over the text's code points, never word by word in Python:
hashing and stemming strings one at a time would cost more than everything else the stage does.
A table says which code points are word characters (the Bengali block and ``\\w``, as the regular
expression ``[\\u0980-\\u09ff\\w]+`` would), lower-cases them and makes Bengali digits ASCII. The
text's characters, weighed by powers of an odd base, are summed once (prefix sums); the hash of
any stretch — a word, its last few characters, the word without them — is then the difference of
two prefix sums brought back to the stretch's start by the inverse power (modulo 2**64). So a
word's stem is found by looking its possible suffixes' hashes up in the suffix table, and its
term is the hash of what is left, all words at once.

Hashes are stable across processes and machines (fixed constants), because they are stored in
the index.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from crawler.dedup.digest import digest_title, routine_title, series_key
from crawler.text.bangla import normalize_text

MAX_CHARS = 1 << 18  # a text is read up to this many characters (news never comes near)
STEM_KEEP = 3  # a suffix is stripped only from a word keeping a stem of this many characters

_U64 = np.uint64
_MIX1, _MIX2 = _U64(0xBF58476D1CE4E5B9), _U64(0x94D049BB133111EB)
_BASE = 0x100000001B3
_POWERS = np.cumprod(np.r_[1, np.full(MAX_CHARS, _BASE)].astype(np.uint64), dtype=np.uint64)
_INVERSE = np.cumprod(
    np.r_[1, np.full(MAX_CHARS, pow(_BASE, -1, 1 << 64))].astype(np.uint64), dtype=np.uint64
)
_TEN = np.array([10**i for i in range(18)] + [0] * 8, dtype=np.int64)  # digits past 18 drop


def _char_tables() -> tuple[np.ndarray, np.ndarray]:
    """For every code point: is it a word character, and its lower-case / ASCII-digit form."""
    word = np.zeros(0x110000, dtype=bool)
    mapped = np.arange(0x110000, dtype=np.uint32)
    for c in range(0x10000):
        ch = chr(c)
        if 0x0980 <= c <= 0x09FF or ch.isalnum() or ch == "_":
            word[c] = True
            low = ch.lower()
            if len(low) == 1:
                mapped[c] = ord(low)
    for i in range(10):
        mapped[0x09E6 + i] = ord("0") + i
    return word, mapped


_WORD, _MAPPED = _char_tables()
_ZERO, _NINE = ord("0"), ord("9")


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: every input bit spreads over all output bits."""
    x = x ^ (x >> _U64(30))
    x = x * _MIX1
    x = x ^ (x >> _U64(27))
    x = x * _MIX2
    return x ^ (x >> _U64(31))


@dataclass(frozen=True)
class Words:
    """The words of a text: hashes, where they are, and what each one is."""

    hashes: np.ndarray  # uint64 per word
    terms: np.ndarray  # int64 term hash per word (the stem's), 0: not a term
    values: np.ndarray  # int64 numeric value of a number word, -1 for other words
    months: np.ndarray  # month (1-12) of a month name, 0 for other words
    code_starts: np.ndarray  # where each word starts in the text's code points


def _member(values: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Which ``values`` are in the sorted ``table``."""
    at = np.searchsorted(table, values)
    at[at == len(table)] = 0
    return table[at] == values


def _stretch(prefix: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Hashes of the character stretches ``start:end`` (prefix sums of the weighed characters)."""
    return (prefix[end] - prefix[start]) * _INVERSE[start]


def words(text: str) -> Words:
    """The words of a normalised text. Thousands separators between digits are dropped
    ('২২,০০০' is one number)."""
    codes = np.frombuffer(text[:MAX_CHARS].encode("utf-32-le"), dtype=np.uint32)
    comma = np.flatnonzero(codes[1:-1] == 44) + 1
    kept = None
    if len(comma):
        digit = (_MAPPED[codes] >= _ZERO) & (_MAPPED[codes] <= _NINE)
        drop = comma[digit[comma - 1] & digit[comma + 1]]
        if len(drop):
            kept = np.delete(np.arange(len(codes)), drop)
            codes = codes[kept]
    positions = np.flatnonzero(_WORD[codes])
    if not len(positions):
        return _NO_WORDS
    chars = _MAPPED[codes[positions]]
    first = np.empty(len(positions), dtype=bool)
    first[0] = True
    np.not_equal(positions[1:], positions[:-1] + 1, out=first[1:])
    starts = np.flatnonzero(first)
    ends = np.append(starts[1:], len(chars))
    lengths = ends - starts
    prefix = np.empty(len(chars) + 1, dtype=np.uint64)
    prefix[0] = 0
    np.cumsum((chars + _U64(1)) * _POWERS[: len(chars)], out=prefix[1:])
    hashes = _stretch(prefix, starts, ends)
    is_digit = ((chars >= _ZERO) & (chars <= _NINE)).view(np.uint8)
    number = np.minimum.reduceat(is_digit, starts).astype(bool)
    bengali = np.maximum.reduceat(chars, starts) >= 0x0980
    # Stems: the longest known suffix whose removal leaves STEM_KEEP characters.
    # Every (word, suffix length) that could be stripped, longest first within a word, looked up
    # in one search (a loop per length cost a dozen numpy calls per text).
    stem = lengths.copy()
    open_ = np.flatnonzero(bengali & ~number)
    if len(open_):
        row, col = np.nonzero(lengths[open_, None] - _SUFFIX_LENGTHS >= STEM_KEEP)
        n, end = _SUFFIX_LENGTHS[col], ends[open_[row]]
        suffix = _stretch(prefix, end - n, end)
        at = np.searchsorted(_SUFFIX_TABLE, suffix)
        at[at == len(_SUFFIX_TABLE)] = 0
        hit = (_SUFFIX_TABLE[at] == suffix) & (_SUFFIX_TABLE_LENGTHS[at] == n)
        row, n = row[hit], n[hit]
        longest = np.flatnonzero(np.diff(row, prepend=-1))  # a word's first hit: its longest
        found = open_[row[longest]]
        stem[found] = lengths[found] - n[longest]
    terms = (mix64(_stretch(prefix, starts, starts + stem)) >> _U64(1)).view(np.int64)
    terms[(lengths < 2) & ~number] = 0  # single letters are not terms
    # Numbers of two or more digits are terms (a toll, a score, a seat count); years are not
    # (every text has one).
    c0, c1 = chars[starts], chars[np.minimum(starts + 1, len(chars) - 1)]
    year = number & (lengths == 4)
    year &= ((c0 == _ZERO + 1) & (c1 == _NINE)) | ((c0 == _ZERO + 2) & (c1 == _ZERO))
    terms[number & ((lengths < 2) | year)] = 0
    values = np.full(len(starts), -1, dtype=np.int64)
    at = np.flatnonzero(number)
    if len(at):
        digits = np.flatnonzero(is_digit)
        owner = np.searchsorted(starts, digits, "right") - 1
        power = np.minimum(ends[owner] - 1 - digits, len(_TEN) - 1)
        sums = np.bincount(
            owner, weights=(chars[digits] - _ZERO) * _TEN[power], minlength=len(starts)
        )
        values[at] = sums[at].astype(np.int64)
    months = np.zeros(len(starts), dtype=np.int64)
    named = np.flatnonzero(_member(hashes, _MONTH_HASHES))
    months[named] = _MONTH_NUMBERS[np.searchsorted(_MONTH_HASHES, hashes[named])]
    code_starts = positions[starts] if kept is None else kept[positions[starts]]
    return Words(hashes, terms, values, months, code_starts)


_NO_WORDS = Words(np.zeros(0, dtype=np.uint64), *(np.zeros(0, dtype=np.int64) for _ in range(4)))


def _hash_of(word: str) -> int:
    """A single word's hash, as :func:`words` computes it."""
    codes = np.frombuffer(normalize_text(word).encode("utf-32-le"), dtype=np.uint32)
    chars = _MAPPED[codes]
    return int(((chars + _U64(1)) * _POWERS[: len(chars)]).sum(dtype=np.uint64))


def term_of(word: str) -> int:
    """The term a single word stands for (its stem's hash)."""
    return int(words(normalize_text(word)).terms[0])


# Inflections stripped from Bengali words (longest first): case endings (-র/-এর, -কে, -তে,
# -য়), plural and classifier suffixes, emphatic particles.
_SUFFIXES = [
    "গুলোর",
    "গুলোতে",
    "গুলোকে",
    "গুলো",
    "গুলি",
    "দেরকে",
    "দের",
    "েরা",
    "রা",
    "ের",
    "র",
    "কে",
    "তে",
    "েতে",
    "য়",
    "য়ে",
    "ে",
    "টি",
    "টা",
    "টির",
    "টার",
    "িকে",
    "ই",
    "েই",
    "তেই",
    "রই",
    "েরই",
    "কেই",
    "সহ",
    "ভাবে",
]
_SUFFIX_LENGTHS = np.array(  # longest first: a word loses its longest known suffix
    sorted({len(normalize_text(s)) for s in _SUFFIXES}, reverse=True), dtype=np.int64
)
_SUFFIX_ROWS = sorted({(_hash_of(s), len(normalize_text(s))) for s in _SUFFIXES})
assert len({h for h, _ in _SUFFIX_ROWS}) == len(_SUFFIX_ROWS), "suffix hashes collide"
_SUFFIX_TABLE = np.array([h for h, _ in _SUFFIX_ROWS], dtype=np.uint64)
_SUFFIX_TABLE_LENGTHS = np.array([n for _, n in _SUFFIX_ROWS], dtype=np.int64)

_MONTH_NAMES = [
    "জানুয়ারি জানুয়ারী january jan",
    "ফেব্রুয়ারি ফেব্রুয়ারী february feb",
    "মার্চ march mar",
    "এপ্রিল april apr",
    "মে may",
    "জুন june jun",
    "জুলাই july jul",
    "আগস্ট আগষ্ট august aug",
    "সেপ্টেম্বর september sep sept",
    "অক্টোবর october oct",
    "নভেম্বর november nov",
    "ডিসেম্বর december dec",
]
_MONTHS = sorted(
    (_hash_of(m), i + 1) for i, names in enumerate(_MONTH_NAMES) for m in names.split()
)
_MONTH_HASHES = np.array([h for h, _ in _MONTHS], dtype=np.uint64)
_MONTH_NUMBERS = np.array([m for _, m in _MONTHS], dtype=np.int64)


@dataclass(frozen=True)
class Tokens:
    """One text (headline and body) tokenised once for both levels."""

    n_words: int
    body_hashes: np.ndarray  # uint64 word hashes (shingles are built on them)
    title_hashes: np.ndarray
    body_terms: np.ndarray  # int64 term hashes, 0 where a word is not a term
    title_terms: np.ndarray
    numbers: frozenset[int]  # numbers of the body, and its day-month dates (negative codes)
    title_numbers: frozenset[int]
    series: int  # CRC32 of the headline with digits and dates masked (digest.series_key), 0: none
    digest: bool  # round-up headline
    routine: bool  # daily bulletin headline


def date_code(day: int, month: int) -> int:
    """A day-month date as a negative number, apart from every plain number."""
    return -(day * 100 + month) - 1


def _numbers(values: np.ndarray, months: np.ndarray) -> frozenset[int]:
    """Numbers and dates: '১২ জুন' and '12 June' both give 12 and the date 12 June."""
    at = np.flatnonzero(values >= 0)
    if not len(at):
        return frozenset()
    out = set(values[at].tolist())
    nxt = at + 1
    ok = (nxt < len(values)) & (values[at] < 100)
    day, month = values[at[ok]], months[nxt[ok]]
    for d, m in zip(day[month > 0].tolist(), month[month > 0].tolist(), strict=True):
        out.add(date_code(d, m))
    return frozenset(out)


def tokenize(title: str, text: str, normalized: bool = True) -> Tokens:
    """Headline and body in one pass (a newline keeps their words apart)."""
    if not normalized:
        title, text = normalize_text(title or ""), normalize_text(text or "")
    title = title or ""
    w = words(f"{title}\n{text or ''}")
    n = int(np.searchsorted(w.code_starts, len(title))) if title else 0
    return Tokens(
        n_words=len(w.hashes) - n,
        body_hashes=w.hashes[n:],
        title_hashes=w.hashes[:n],
        body_terms=w.terms[n:],
        title_terms=w.terms[:n],
        numbers=_numbers(w.values[n:], w.months[n:]),
        title_numbers=_numbers(w.values[:n], w.months[:n]),
        series=zlib.crc32(series_key(title).encode("utf-8")) if title else 0,
        digest=digest_title(title),
        routine=routine_title(title),
    )
