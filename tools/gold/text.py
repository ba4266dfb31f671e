"""Canonical text: the rules of crawler/text/bangla/normalize.py (NFC, one dari, no ZW chars), and
the escaping of chrome text."""

from __future__ import annotations

import html
import re
import unicodedata

YA = "\u09af\u09bc"  # য় as NFC writes it (য + nukta)

_ZERO_WIDTH = re.compile("[\u200b-\u200f\ufeff\u2060]")
_FAKE_DARI = re.compile(r"(?<=[\u0980-\u09E5\u09F0-\u09FF])[I|](?=\s|$)")
_DOUBLE_DARI = re.compile("[।৷]{2,}")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_DARI_END = re.compile(r"(?<=[\u0980-\u09E5\u09F0-\u09FF])।(?=\s|$)")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def canonical(text: str) -> str:
    """The stored form of a text: NFC, "৷"/"I"/"|" as "।", no zero-width characters."""
    text = _ZERO_WIDTH.sub("", nfc(text))
    text = text.replace("৷", "।")
    text = _FAKE_DARI.sub("।", text)
    text = _DOUBLE_DARI.sub("।", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def precompose(text: str) -> str:
    """The legacy precomposed letters (U+09DC, U+09DD, U+09DF) that many CMSs still store."""
    return (
        text.replace("\u09af\u09bc", "\u09df")
        .replace("\u09a1\u09bc", "\u09dc")
        .replace("\u09a2\u09bc", "\u09dd")
    )


def esc(text: str) -> str:
    """Chrome text: NFC and HTML-escaped."""
    return html.escape(nfc(text), quote=False)


def attr(text: str) -> str:
    return html.escape(nfc(text), quote=True)
