"""A real crawl of the mini-web: per-outlet counts, re-crawls, determinism, proxies."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from crawler.dedup.urls import canonical_url
from crawler.miniweb import OUTLETS_DIR, MiniWeb
from crawler.miniweb.classic import DainikAlo
from crawler.outlets import load_outlets
from crawler.text.bangla import normalize_text
from tests.conftest import FAST, ROOT, article_rows, crawl_miniweb, prohori, safe_env

VOLATILE = {"fetched_at", "first_run", "last_run"}


def expected_per_outlet(web: MiniWeb) -> dict[str, Counter[str]]:
    """What each outlet should yield, worked out from the mini-web's story file."""
    key_of = {o.domain: o.key for o in load_outlets(OUTLETS_DIR)}
    expected: dict[str, Counter[str]] = defaultdict(Counter)
    for story in web.stories:
        counts = expected[key_of[story["outlet"]]]
        if story["lang"] != "bn":
            counts["dropped:not_bengali"] += 1
            continue
        counts["articles_new"] += 1
        counts["flagged"] += story["label"] == "relevant"
        if story.get("copy_to"):
            copy = expected[key_of[story["copy_to"]]]
            copy["articles_duplicate"] += 1
            copy["flagged"] += story["label"] == "relevant"
    expected[key_of[DainikAlo.host]]["dropped:no_text"] += DainikAlo.galleries
    return expected


def test_first_crawl_counts_per_outlet(crawled: dict[str, Any], miniweb: MiniWeb) -> None:
    run = crawled["status"]["runs"][0]
    expected = expected_per_outlet(miniweb)
    assert set(run["outlets"]) == set(expected)
    for key, want in expected.items():
        got = run["outlets"][key]
        assert got["articles_new"] == want["articles_new"], key
        assert got["articles_duplicate"] == want["articles_duplicate"], key
        assert got["flagged"] == want["flagged"], key
        dropped = {k.split(":", 1)[1]: v for k, v in want.items() if k.startswith("dropped:")}
        assert got["dropped"] == dropped, key
        assert got["errors"] == 0, key
    stored = Counter(row["outlet"] for row in crawled["first"])
    for key, want in expected.items():
        assert stored[key] == want["articles_new"] + want["articles_duplicate"]
    assert run["articles_new"] == sum(w["articles_new"] for w in expected.values())
    assert run["requests"] > len(crawled["first"])  # robots, feeds and listings on top


def test_flagged_stories_are_the_relevant_ones(crawled: dict[str, Any], miniweb: MiniWeb) -> None:
    relevant_urls = set()
    for site in miniweb.sites.values():
        relevant_urls |= {
            canonical_url(site.url_of(s)) for s in site.stories if s["label"] == "relevant"
        }
    flagged = {row["canonical_url"] for row in crawled["first"] if row["relevant"]}
    assert flagged == relevant_urls
    for row in crawled["first"]:
        if row["relevant"]:
            assert row["evidence"] and row["evidence"] in row["text"]
            assert row["partners"] != "[]"


def test_syndicated_copies_are_stored_and_linked(crawled: dict[str, Any]) -> None:
    rows = {row["canonical_url"]: row for row in crawled["first"]}
    copies = [row for row in rows.values() if row["duplicate_of"]]
    assert len(copies) == 2
    for copy in copies:
        original = rows[copy["duplicate_of"]]
        assert original["outlet"] != copy["outlet"]
        assert original["cluster_id"] == copy["cluster_id"]
        assert original["published"] < copy["published"]  # the earliest copy is canonical


def test_metadata_is_extracted(crawled: dict[str, Any], miniweb: MiniWeb) -> None:
    rows = {row["canonical_url"]: row for row in crawled["first"]}
    for site in miniweb.sites.values():
        for story in site.stories:
            row = rows.get(canonical_url(site.url_of(story)))
            if row is None:
                continue
            assert row["title"] == " ".join(normalize_text(story["title"]).split())
            # barta-bazar writes dates in Bengali to the minute; the others give seconds.
            precision = 16 if site.host == "barta-bazar.test" else 19
            published = row["published"] or ""
            assert published[:precision] == story["published"][:precision], story["id"]
            assert published.endswith("+06:00")
            assert row["language"] == "bn"
            assert row["text"].startswith(normalize_text(story["paragraphs"][0])[:40].strip())


def test_second_crawl_stores_nothing_new_and_keeps_rows(crawled: dict[str, Any]) -> None:
    strip = [{k: v for k, v in row.items() if k not in VOLATILE} for row in crawled["first"]]
    again = [{k: v for k, v in row.items() if k not in VOLATILE} for row in crawled["second"]]
    assert again == strip
    first, second = crawled["status"]["runs"]
    assert second["articles_new"] == 0 and second["articles_duplicate"] == 0
    assert second["dropped"] == {}
    assert second["requests"] <= 0.2 * first["requests"]
    assert crawled["hits_second"] <= 0.2 * crawled["hits_first"]
    assert all(o["health"] == "ok" for o in crawled["status"]["outlets"])


def test_fresh_crawls_give_the_same_rows(
    crawled: dict[str, Any], miniweb: MiniWeb, tmp_path: Path
) -> None:
    """The same rows, except story threads: an article is filed in a thread as it arrives, with
    the document frequencies of what arrived before, so threads may differ with the order pages
    came in (``prohori threads --rebuild`` refiles in publication order, the same every time)."""
    db = tmp_path / "again.db"
    crawl_miniweb(miniweb, db)
    ordered = VOLATILE | {"thread_id"}
    fresh = [{k: v for k, v in row.items() if k not in ordered} for row in article_rows(db)]
    first = [{k: v for k, v in row.items() if k not in ordered} for row in crawled["first"]]
    assert fresh == first


def test_only_the_mini_web_was_contacted(crawled: dict[str, Any], miniweb: MiniWeb) -> None:
    hosts = {hit.split("/", 1)[0] for hit in miniweb.hits}
    assert hosts <= set(miniweb.sites)
    for run in crawled["status"]["runs"]:
        assert "_other" not in run["outlets"]


def test_crawl_honours_http_proxy_environment(miniweb: MiniWeb, tmp_path: Path) -> None:
    """Without PROHORI_MINIWEB, only the standard http_proxy variable can reach the outlets."""
    db = tmp_path / "proxy.db"
    before = miniweb.hits["dainik-alo.test/feed/rss.xml"]
    prohori(
        "crawl",
        "--seeds",
        str(OUTLETS_DIR),
        "--outlet",
        "dainik-alo",
        "--db",
        str(db),
        "--log-level",
        "WARNING",
        *FAST,
        env={"http_proxy": miniweb.proxy_url, "no_proxy": "", "NO_PROXY": ""},
    )
    assert miniweb.hits["dainik-alo.test/feed/rss.xml"] == before + 1
    assert {row["outlet"] for row in article_rows(db)} == {"dainik-alo"}
    assert len(article_rows(db)) == len(miniweb.sites["dainik-alo.test"].stories)


def test_scrapy_crawl_outlets_works(miniweb: MiniWeb, tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "scrapy.db"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "outlets",
            "-a",
            "outlet=khobor24",
            "-s",
            f"PROHORI_SEEDS_DIR={OUTLETS_DIR}",
            "-s",
            f"PROHORI_DB={db}",
            "-s",
            f"PROHORI_MINIWEB={miniweb.proxy_url}",
            "-s",
            "LOG_LEVEL=WARNING",
            *FAST,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=safe_env(),
    )
    assert result.returncode == 0, result.stderr
    rows = article_rows(db)
    bengali = [s for s in miniweb.sites["khobor24.test"].stories if s["lang"] == "bn"]
    assert len(rows) == len(bengali)


@pytest.mark.parametrize("outlet", ["Dainik Alo", "barta-bazar", "sonar-desh.test"])
def test_outlet_can_be_named_three_ways(outlet: str) -> None:
    assert len(load_outlets(OUTLETS_DIR, outlet)) == 1
