"""Extraction on the gold set, pages that are not articles, and bad bytes (with a fuzz test)."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.text.bangla import normalize_text
from crawler.text.extraction import extract
from crawler.text.pages import decode, listing_page, response_problem
from tests.conftest import ROOT

GOLD = sorted((ROOT / "tests/resources/extraction").glob("*/*.json"))
PAGES = ROOT / "tests/resources/pages"
_WORDS = re.compile(r"[\u0980-\u09ff\w]+")
MB = 1024 * 1024


def test_gold_set_shape() -> None:
    styles = Counter(path.parent.name for path in GOLD)
    assert len(GOLD) >= 40 and len(styles) >= 6
    seeds = [p for p in GOLD if p.stem.startswith("seed-")]
    assert len(seeds) == 5


@pytest.mark.parametrize("path", GOLD, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_page(path: Path) -> None:
    gold: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    found = extract(path.with_suffix(".html").read_text(encoding="utf-8"), gold["url"])
    assert found.title == normalize_text(gold["title"])
    assert found.published == gold["published"]
    if gold.get("modified"):
        assert found.modified == gold["modified"]
    assert found.authors == gold["authors"]
    body = normalize_text(found.text)
    for snippet in gold["with"]:
        assert normalize_text(snippet) in body
    for snippet in gold["without"]:
        assert normalize_text(snippet) not in body, snippet
    got, want = Counter(_WORDS.findall(body)), Counter(_WORDS.findall(normalize_text(gold["body"])))
    overlap = sum((got & want).values())
    assert overlap / max(sum(got.values()), 1) >= 0.99  # precision
    assert overlap / max(sum(want.values()), 1) >= 0.99  # recall
    assert not found.listing


def _real(name: str) -> bytes:
    return gzip.decompress((PAGES / f"{name}.html.gz").read_bytes())


@pytest.mark.parametrize(
    "name",
    ["prothomalo-opinion-section", "samakal-opinion-section", "amadershomoy-opinion-section"],
)
def test_real_section_pages_are_not_articles(name: str) -> None:
    html = _real(name).decode("utf-8")
    assert response_problem(_real(name), "text/html; charset=utf-8", 200, 8 * MB) is None
    assert listing_page(html)
    assert extract(html, "https://example.test/opinion").listing


@pytest.mark.parametrize("status", [200, 403, 503])
def test_real_cloudflare_challenge_is_recognised(status: int) -> None:
    problem = response_problem(_real("cloudflare-challenge"), "text/html", status, 8 * MB)
    assert problem is not None and problem[0] == "challenge"


@pytest.mark.parametrize(
    ("body", "content_type", "status", "reason"),
    [
        (b"%PDF-1.7\n1 0 obj", "application/pdf", 200, "not_html"),
        (b"%PDF-1.4 served as html", "text/html", 200, "not_html"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "text/html", 200, "binary"),
        (b"GIF89a", "image/gif", 200, "not_html"),
        (b"<html>" + b"x" * (9 * MB) + b"</html>", "text/html", 200, "too_large"),
        (b"<html><body>gone</body></html>", "text/html", 404, "http_error"),
        (b"<html><body>down</body></html>", "text/html", 503, "http_error"),
    ],
)
def test_responses_that_cannot_be_articles(
    body: bytes, content_type: str, status: int, reason: str
) -> None:
    problem = response_problem(body, content_type, status, 8 * MB)
    assert problem is not None and problem[0] == reason


def test_wrong_or_missing_charset_still_gives_bengali() -> None:
    html = "<html><body><h1>রাশিয়া</h1><p>প্রতিরক্ষা সহযোগিতা।</p></body></html>"
    raw = html.encode("utf-8")
    for declared in ("iso-8859-1", "cp1252", "ascii", "utf-8"):
        assert "রাশিয়া" in decode(raw, declared)
    cp1252 = "<html><head><meta charset='windows-1252'></head><body>café</body></html>"
    assert "café" in decode(cp1252.encode("cp1252"), "cp1252")  # a real Latin page stays Latin


def test_empty_and_malformed_html() -> None:
    assert extract("", "https://x.test/a").text == ""
    assert extract("   ", "https://x.test/a").text == ""
    broken = "<html><body><div><p>রাশিয়া <b>বৈঠক<p>অসমাপ্ত <table><tr><td>১</div></body>"
    found = extract(broken, "https://x.test/a")
    assert isinstance(found.text, str)


def test_a_page_near_the_size_limit_is_handled() -> None:
    sentence = "রাশিয়া ও বাংলাদেশের প্রতিরক্ষা সহযোগিতা নিয়ে আলোচনা হয়েছে। "
    paragraphs = "".join(f"<p>অনুচ্ছেদ {n}: {sentence * 30}</p>" for n in range(800))
    html = "<html><body><article><h1>শিরোনাম</h1>" + paragraphs + "</article></body></html>"
    assert len(html.encode()) > 3 * MB
    found = extract(html, "https://x.test/big")
    assert len(found.text) > 100_000


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(list("<>/=\"' ahpdivbody&;#ছবিরাশিয়া।\n\x00\u200c"))
        | st.characters(),
        max_size=400,
    )
)
def test_extraction_never_crashes(text: str) -> None:
    found = extract(text, "https://x.test/fuzz")
    assert isinstance(found.text, str) and isinstance(found.authors, list)
    response_problem(text.encode("utf-8", "replace"), "text/html", 200, 8 * MB)


@settings(max_examples=100, deadline=None)
@given(
    st.binary(max_size=2000),
    st.sampled_from(["utf-8", "latin-1", "cp1252", "koi8-r", "no-such-charset"]),
)
def test_decoding_never_crashes(raw: bytes, declared: str) -> None:
    assert isinstance(decode(raw, declared), str)
