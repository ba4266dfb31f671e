"""One canonical text form for titles, bodies and search queries.

NFC alone is not enough for Bengali: ``য়`` (U+09DF) has a canonical decomposition to
``য`` + nukta, and Unicode's composition exclusions make NFC *decompose* it, while many pages
store the precomposed letter. We choose the decomposed sequence that NFC produces, so that every
copy of রাশিয়া compares equal whichever form the page used.
"""

from __future__ import annotations

import re
import unicodedata

# ZWJ/ZWNJ only choose a glyph shape (র‍্যাব vs র্যাব): the words are the same, so for
# search and deduplication they go with the other invisible characters (trafilatura
# drops them too).
_ZERO_WIDTH = re.compile("[\u200b-\u200f\ufeff\u2060]")
# A Latin I or a pipe glued to a Bengali letter (not a digit: "২০২৫| ১০:২০" is a date) is a dari.
_FAKE_DARI = re.compile(r"(?<=[\u0980-\u09E5\u09F0-\u09FF])[I|](?=\s|$)")
_DOUBLE_DARI = re.compile("[।৷]{2,}")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_BN_DIGIT_CHARS = re.compile("[\u09e6-\u09ef\u0964\u0965\u09f7]")
_BN_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")


def normalize_text(text: str) -> str:
    """Canonical form: NFC, one dari form, no stray zero-width characters, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = text.replace("৷", "।")  # U+09F7 (currency numerator four) is widely typed as a dari
    text = _FAKE_DARI.sub("।", text)
    text = _DOUBLE_DARI.sub("।", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def to_ascii_digits(text: str) -> str:
    return text.translate(_BN_DIGITS)


_BENGALI = re.compile("[\u0980-\u09ff]")
_OTHER_LETTERS = re.compile("[^\\W\\d_\u0980-\u09ff]")


def bengali_share(text: str) -> float:
    """Share of letters (and vowel signs) that are in the Bengali block; digits, spaces and
    punctuation do not count. Regular expressions keep this under a millisecond per article."""
    bengali = len(_BENGALI.findall(text)) - len(_BN_DIGIT_CHARS.findall(text))
    other = len(_OTHER_LETTERS.findall(text))
    total = bengali + other
    return bengali / total if total else 0.0
