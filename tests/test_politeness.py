"""Politeness and robustness on the mini-web: robots.txt, Retry-After, faults, SIGKILL resume."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.dedup.urls import canonical_url
from crawler.miniweb import OUTLETS_DIR, MiniWeb
from crawler.miniweb.sites import PRIVATE_PATH, Story
from tests.conftest import (
    ROOT,
    article_rows,
    crawl_command,
    crawl_miniweb,
    safe_env,
    status_json,
)


@pytest.fixture
def web() -> Iterator[MiniWeb]:
    with MiniWeb() as fresh:  # faults change the site: a mini-web of this test's own
        yield fresh


def _bengali(web: MiniWeb, host: str) -> list[Story]:
    return [
        s
        for s in web.sites[host].stories
        if s["lang"] == "bn" and not s.get("is_copy") and s["label"] == "irrelevant"
    ]


def test_robots_txt_is_obeyed(crawled: dict[str, Any], miniweb: MiniWeb) -> None:
    assert f"dainik-alo.test{PRIVATE_PATH}" not in miniweb.hits  # listed in the feed, never fetched
    first = crawled["status"]["runs"][0]["outlets"]["dainik-alo"]
    assert first["robots_forbidden"] == 1 and first["errors"] == 0


def test_faults_are_counted_per_outlet_and_the_crawl_goes_on(web: MiniWeb, tmp_path: Path) -> None:
    url = {
        host: [site.url_of(s) for s in _bengali(web, host)[:4]] for host, site in web.sites.items()
    }
    web.fault(url["khobor24.test"][0], "429", times=1, retry_after=1)
    web.fault(url["dainik-alo.test"][0], "503", times=1)
    web.fault(url["barta-bazar.test"][0], "500")
    web.fault(url["sonar-desh.test"][0], "timeout", seconds=4)
    web.fault(url["dainik-alo.test"][1], "redirect_loop")
    web.fault(url["khobor24.test"][1], "challenge")
    web.fault(url["barta-bazar.test"][1], "truncated")
    web.fault(url["sonar-desh.test"][1], "gzip_bomb")
    web.fault(url["barta-bazar.test"][2], "wrong_charset")
    db = tmp_path / "faults.db"
    # A timeout well under the fault's 4 s sleep, with room for a loaded machine to refuse the bomb.
    crawl_miniweb(web, db, "-s", "DOWNLOAD_TIMEOUT=2.5", "-s", "DOWNLOAD_MAXSIZE=8388608")
    stored = {row["canonical_url"]: row for row in article_rows(db)}
    for good in (url["khobor24.test"][0], url["dainik-alo.test"][0], url["barta-bazar.test"][2]):
        assert canonical_url(good) in stored, good  # retried after 429 / 503, or decoded right
    charset_story = next(
        s
        for s in _bengali(web, "barta-bazar.test")
        if web.sites["barta-bazar.test"].url_of(s) == url["barta-bazar.test"][2]
    )
    assert stored[canonical_url(url["barta-bazar.test"][2])]["title"] == " ".join(
        charset_story["title"].split()
    )
    lost = [
        url["barta-bazar.test"][0],
        url["sonar-desh.test"][0],
        url["dainik-alo.test"][1],
        url["khobor24.test"][1],
        url["barta-bazar.test"][1],
        url["sonar-desh.test"][1],
    ]
    for bad in lost:
        assert canonical_url(bad) not in stored
    run = status_json(db)["runs"][0]
    reasons = {key: outlet["error_reasons"] for key, outlet in run["outlets"].items()}
    assert reasons["barta-bazar"] == {"http_500": 1, "truncated": 1}
    assert reasons["sonar-desh"] == {"timeout": 1, "too_large": 1}
    assert reasons["dainik-alo"] == {"redirect_loop": 1}
    assert reasons["khobor24"] == {"challenge": 1}
    assert run["error_reasons"] == {  # the run's own figure: the outlets' summed
        "http_500": 1,
        "truncated": 1,
        "timeout": 1,
        "too_large": 1,
        "redirect_loop": 1,
        "challenge": 1,
    }
    total = sum(len([s for s in site.stories if s["lang"] == "bn"]) for site in web.sites.values())
    assert len(stored) == total - len(lost)  # everything else was crawled
    stats_row = sqlite3.connect(db).execute("select stats from crawl_runs").fetchone()[0]
    assert '"prohori/retry_after/honoured": 1' in stats_row


def test_a_crawl_killed_mid_run_resumes_without_gaps_or_duplicates(
    web: MiniWeb, tmp_path: Path
) -> None:
    db = tmp_path / "resume.db"
    web.delay = 0.05  # slow enough to kill half-way
    command = crawl_command(web, db, "-s", "CONCURRENT_REQUESTS=2")
    process = subprocess.Popen(
        command,
        env=safe_env(),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and process.poll() is None:
        time.sleep(0.3)
        try:
            stored = sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0]
        except sqlite3.OperationalError:
            continue  # not created yet
        if stored >= 40:
            break
    assert process.poll() is None, "the crawl ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert 40 <= stored < 200
    web.delay = 0.0
    crawl_miniweb(web, db)
    rows = article_rows(db)
    urls = [row["canonical_url"] for row in rows]
    expected = {
        canonical_url(site.url_of(s))
        for site in web.sites.values()
        for s in site.stories
        if s["lang"] == "bn"
    }
    assert len(urls) == len(set(urls))
    assert set(urls) == expected
    runs = status_json(db)["runs"]
    assert runs[0]["finish_reason"] == "killed"  # so marked by the next run
    assert runs[1]["finish_reason"] == "finished"
    copies = [row for row in rows if row["duplicate_of"]]
    assert len(copies) == 2  # syndicated copies still linked across the two runs


def test_since_walks_the_date_archives(web: MiniWeb, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    spec = (OUTLETS_DIR / "barta-bazar.yaml").read_text(encoding="utf-8")
    kept = [line for line in spec.splitlines() if "type: listing" not in line]
    (seeds / "barta-bazar.yaml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    db = tmp_path / "backfill.db"
    prohori_crawl = crawl_command(web, db, seeds=seeds)
    subprocess.run(
        [*prohori_crawl, "--since", "2024-01-01", "--until", "2024-01-03"],
        check=True,
        cwd=ROOT,
        capture_output=True,
        env=safe_env(),
    )
    site = web.sites["barta-bazar.test"]
    expected = {
        canonical_url(site.url_of(s))
        for s in site.stories
        if "2024-01-01" <= s["published"][:10] <= "2024-01-03"
    }
    assert len(expected) >= 40
    assert {row["canonical_url"] for row in article_rows(db)} == expected
    assert "barta-bazar.test/archive/2024-01-02" in web.hits  # and its second page:
    assert any(u.endswith("/archive/2024-01-02?page=2") for u in web.requested)
    assert not any("/archive/2023-12-31" in u or "/archive/2024-01-04" in u for u in web.requested)
    web.requested.clear()
    plain = subprocess.run(prohori_crawl, cwd=ROOT, capture_output=True, env=safe_env(), text=True)
    assert not any("/archive/" in u for u in web.requested)  # no --since, no archives
    assert plain.returncode == 1  # and nothing else to fetch: a run that did nothing says so
    assert "crawl did nothing" in plain.stdout and "--since" in plain.stdout


def test_an_article_the_outlet_changed_is_fetched_again(web: MiniWeb, tmp_path: Path) -> None:
    """The WordPress sitemap's <lastmod> says one post changed: only that post is re-fetched,
    and its row is updated in place (same first run, cluster and URL)."""
    db = tmp_path / "changed.db"
    crawl_miniweb(web, db)
    site = web.sites["sonar-desh.test"]
    story = next(s for s in site.stories if s["label"] == "irrelevant" and not s.get("is_copy"))
    before = {row["canonical_url"]: row for row in article_rows(db)}
    url = canonical_url(site.url_of(story))
    story["paragraphs"] = [*story["paragraphs"], "সংশোধনী: প্রতিবেদনের একটি তথ্য হালনাগাদ করা হয়েছে।"]
    story["modified"] = "2099-01-01T10:00:00+06:00"  # after our fetch
    web.requested.clear()
    crawl_miniweb(web, db)
    articles = [u for u in web.requested if "/post-" in u]
    assert articles == [site.url_of(story)]
    after = {row["canonical_url"]: row for row in article_rows(db)}
    assert after[url]["text"].endswith("হালনাগাদ করা হয়েছে।")
    assert after[url]["first_run"] == before[url]["first_run"]
    assert after[url]["cluster_id"] == before[url]["cluster_id"]
    assert len(after) == len(before)
    run = status_json(db)["runs"][-1]
    assert run["outlets"]["sonar-desh"]["articles_updated"] == 1
    assert run["articles_new"] == 0
