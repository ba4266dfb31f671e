"""One canonical text form for titles, bodies and search queries.

NFC alone is not enough for Bengali: ``য়`` (U+09DF) has a canonical decomposition to
``য`` + nukta, and Unicode's composition exclusions make NFC *decompose* it, while many pages
store the precomposed letter. We choose the decomposed sequence that NFC produces, so that every
copy of রাশিয়া compares equal whichever form the page used.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

# ZWJ/ZWNJ only choose a glyph shape (র‍্যাব vs র্যাব): the words are the same, so for
# search and deduplication they go with the other invisible characters (trafilatura
# drops them too).
_ZERO_WIDTH = re.compile("[\u200b-\u200f\ufeff\u2060]")
# A Latin I or a pipe glued to a Bengali letter (not a digit: "২০২৫| ১০:২০" is a date) is a dari.
_FAKE_DARI = re.compile(r"(?<=[\u0980-\u09E5\u09F0-\u09FF])[I|](?=\s|$)")
_DOUBLE_DARI = re.compile("[।৷]{2,}")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
# Bengali-block characters that are not letters: the dari, double dari and U+09F7 (digits apart).
_NOT_LETTERS = np.array([0x964, 0x965, 0x9F7], dtype=np.uint32)
_BN_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")


def normalize_text(text: str, nfc: bool = True) -> str:
    """Canonical form: NFC, one dari form, no stray zero-width characters, single spaces.
    ``nfc=False``: the text is NFC already (trafilatura's output), which is costly to check."""
    if nfc:
        text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = text.replace("৷", "।")  # U+09F7 (currency numerator four) is widely typed as a dari
    text = _FAKE_DARI.sub("।", text)
    text = _DOUBLE_DARI.sub("।", text)
    # Spaces collapsed in one pass over the text, not line by line (the pattern never spans
    # a newline).
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def to_ascii_digits(text: str) -> str:
    return text.translate(_BN_DIGITS)


_BENGALI_RUNS = re.compile("[\u0980-\u09ff]+")
_OTHER_LETTERS = re.compile("[^\\W\\d_\u0980-\u09ff]")


def bengali_share(text: str) -> float:
    """Share of letters (and vowel signs) that are in the Bengali block; digits, spaces and
    punctuation do not count. The Bengali block is counted on the code points as an array and
    the other letters in what is left once Bengali is cut out: a single pass each, which
    matters as every page is measured."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    block = int(((codes >= 0x980) & (codes < 0xA00)).sum())
    digits = int((((codes >= 0x9E6) & (codes <= 0x9EF)) | np.isin(codes, _NOT_LETTERS)).sum())
    bengali = block - digits
    other = len(_OTHER_LETTERS.findall(_BENGALI_RUNS.sub("", text)))
    total = bengali + other
    return bengali / total if total else 0.0
