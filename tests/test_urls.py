"""URL canonicalisation."""

from __future__ import annotations

import pytest

from crawler.dedup.urls import canonical_url


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("HTTP://WWW.Prothomalo.com/world/abc/", "https://prothomalo.com/world/abc"),
        (
            "https://m.prothomalo.com/world/abc?utm_source=fb&utm_medium=x",
            "https://prothomalo.com/world/abc",
        ),
        ("https://www.prothomalo.com/world/abc#comments", "https://prothomalo.com/world/abc"),
        ("https://www.prothomalo.com/world/abc/amp", "https://prothomalo.com/world/abc"),
        (
            "https://samakal.com/article/1/রাশিয়া",
            "https://samakal.com/article/1/%E0%A6%B0%E0%A6%BE%E0%A6%B6%E0%A6%BF%E0%A6%AF%E0%A6%BC%E0%A6%BE",
        ),
        ("https://x.com/a?b=2&a=1&fbclid=zz", "https://x.com/a?a=1&b=2"),
    ],
)
def test_variants_share_one_canonical_url(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b)


def test_different_articles_stay_different() -> None:
    assert canonical_url("https://x.com/news?id=1") != canonical_url("https://x.com/news?id=2")
    assert canonical_url("https://x.com/a/1") != canonical_url("https://y.com/a/1")
