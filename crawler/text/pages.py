"""Recognising responses that are not articles, with a reason that is counted per outlet.

Reasons: ``http_error`` (4xx/5xx), ``challenge`` (an anti-bot page served instead of the
article: Cloudflare "Just a moment...", DDoS-Guard, Incapsula, captchas), ``not_html`` (PDF,
images, other types), ``binary`` (bytes that are not text whatever the header says),
``too_large`` (beyond ``PROHORI_MAX_PAGE_BYTES``), ``not_article`` (a section or listing page:
many headline links, no story paragraphs) and, later, ``no_text``.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import html as lxml_html

CHALLENGE_MARKERS = re.compile(
    rb"challenges\.cloudflare\.com|cf_chl_opt|cf-chl-|<title>\s*Just a moment\.\.\.|"
    rb"Checking your browser before accessing|Attention Required! \| Cloudflare|"
    rb"Enable JavaScript and cookies to continue|ddos-guard|_Incapsula_Resource|"
    rb"Request unsuccessful\. Incapsula|g-recaptcha|h-captcha|px-captcha",
    re.IGNORECASE,
)
# One literal of each marker above, lower-cased: a case-insensitive pattern of alternatives
# has no fast scan, and it ran over every page, so the lower-cased page is first searched for
# these plain strings (each a fast scan) and only a page that holds one meets the pattern.
_MARKER_WORDS = (
    b"challenges.cloudflare.com", b"cf_chl_opt", b"cf-chl-", b"just a moment...",
    b"checking your browser before accessing", b"attention required! | cloudflare",
    b"enable javascript and cookies to continue", b"ddos-guard", b"_incapsula_resource",
    b"request unsuccessful. incapsula", b"g-recaptcha", b"h-captcha", b"px-captcha",
)  # fmt: skip


def has_challenge_marker(head: bytes) -> bool:
    """Whether the start of a page (its raw bytes: the markers are ASCII) shows an anti-bot
    challenge."""
    lowered = head.lower()
    if not any(word in lowered for word in _MARKER_WORDS):
        return False
    return CHALLENGE_MARKERS.search(head) is not None


_TEXT_TYPES = ("html", "xml", "text/plain")
# Decoding a UTF-8 page with one of these (a wrong or missing charset) gives mojibake.
LATIN_CHARSETS = {
    "latin-1",
    "latin1",
    "iso-8859-1",
    "iso8859-1",
    "cp1252",
    "windows-1252",
    "ascii",
    "us-ascii",
}


def response_problem(
    body: bytes, content_type: str, status: int, max_bytes: int
) -> tuple[str, str] | None:
    """Why a response cannot be an article, judged from its bytes and headers, or None."""
    head = body[:65536]
    if status in (403, 429, 503) and has_challenge_marker(head):
        return "challenge", f"anti-bot page (HTTP {status})"
    if status >= 400:
        return "http_error", f"HTTP {status}"
    kind = content_type.split(";")[0].strip().lower()
    if body.startswith(b"%PDF") or kind == "application/pdf":
        return "not_html", "a PDF document"
    if kind and not any(t in kind for t in _TEXT_TYPES):
        return "not_html", kind
    if b"\x00" in body[:8192]:
        return "binary", "NUL bytes in the first 8 KB"
    if len(body) > max_bytes:
        return "too_large", f"{len(body):,} bytes"
    if has_challenge_marker(head):
        return "challenge", "anti-bot page"
    return None


def decode(body: bytes, declared: str | None) -> str:
    """Text of an HTML body; a Latin charset declared on UTF-8 bytes (a common server
    misconfiguration for Bengali sites) is overridden, since Bengali is never Latin-1."""
    from w3lib.encoding import html_to_unicode

    if declared and declared.lower() in LATIN_CHARSETS:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    header = f"text/html; charset={declared}" if declared else None
    return html_to_unicode(header, body)[1]


def is_listing(tree: Any) -> bool:
    """A section or listing page: many headline-sized links and no story paragraphs."""
    links = 0
    for anchor in tree.iter("a"):
        if anchor.get("href") and 15 <= len(" ".join(anchor.text_content().split())) <= 200:
            links += 1
    story = 0
    for paragraph in tree.iter("p"):
        if (
            len(paragraph.text_content().strip()) >= 120
            and next(paragraph.iterancestors("a"), None) is None
        ):
            story += 1
            if story > 1:
                return False
    return links >= 10


def listing_page(html: str) -> bool:
    try:
        return is_listing(lxml_html.fromstring(html))
    except (ValueError, lxml_html.etree.ParserError):
        return False
